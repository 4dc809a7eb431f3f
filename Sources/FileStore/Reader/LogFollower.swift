/// How a read-only store follows the writer: before each read it checks that what it has read is still the
/// log's, then reads on up to the head the writer has published — never further, so it never serves a
/// record that a failed sync makes the writer roll back.
struct LogFollower {
    let directory: String
    let files: SegmentFiles
    let head: HeadFile

    /// Reads what the writer has published since the last look into `state.index`, moving `state.durable`.
    ///
    /// - Throws: ``FileStoreError/logRewritten(directory:position:reason:)`` when records this reader read
    ///   were cut or rewritten since; the store's other errors for damage.
    func refresh(_ state: inout StoreState, published: PublishedHead?) throws {
        let cursor = state.durable
        try checkLastRecord(cursor)
        if let published {
            if published.position < cursor.head {
                throw rewritten(cursor, "the writer's published head is position \(published.position)")
            }
            if published.position == cursor.head, published.hash != cursor.hash {
                throw rewritten(cursor, "the writer's record at that position has another hash")
            }
        }
        _ = try LogScanner(files: files, chunkSize: 1 << 20).catchUp(
            &state.index, &state.durable, through: published?.position)
        if let published, published.position == state.durable.head, published.hash != state.durable.hash {
            throw rewritten(state.durable, "the writer's record at that position has another hash")
        }
    }

    /// Checks that the last record read is still where it was, by its chain hash (its last 32 bytes).
    private func checkLastRecord(_ cursor: LogCursor) throws {
        guard cursor.head > 0, cursor.offset > Int64(SegmentHeader.size) else { return }
        let path = files.path(cursor.segment)
        var stored = [UInt8](repeating: 0, count: ChainHash.size)
        let count = try stored.withUnsafeMutableBytes { (raw) throws in
            try StoreIO.read(try files.descriptor(cursor.segment), into: raw, at: cursor.offset - 32, path: path)
        }
        guard count == ChainHash.size, stored == cursor.hash.bytes else {
            throw rewritten(cursor, "\(path) no longer holds at offset \(cursor.offset - 32) the record it had there")
        }
    }

    private func rewritten(_ cursor: LogCursor, _ reason: String) -> FileStoreError {
        .logRewritten(directory: directory, position: cursor.head, reason: reason)
    }
}
