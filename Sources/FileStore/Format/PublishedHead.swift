/// The writer's published head: the 72-byte content of the `HEAD` file beside the segments (see
/// `Docs/FileStore-Format.md`, "The published head").
///
/// The writer rewrites it after every group commit, once the records it names are written (and synced, with
/// durable appends), and on every read-write open. Readers in other processes read no record past it: a
/// record the writer may still roll back (its sync failed) is never published, so never served.
struct PublishedHead: Hashable, Sendable {
    /// `CLEDHEAD`.
    static let magic: [UInt8] = Array("CLEDHEAD".utf8)
    /// The layout this code writes and reads.
    static let formatVersion: UInt16 = 1
    /// The content's size in bytes.
    static let size = 72
    /// The file's name in the store directory.
    static let fileName = "HEAD"

    /// The last published record's position (0: the log is empty).
    var position: Int64
    /// The segment that record is in (the first segment when the log is empty).
    var segment: UInt32
    /// The byte offset just past that record in its segment: where the next record goes.
    var offset: Int64
    /// That record's chain hash (``ChainHash/genesis`` when the log is empty).
    var hash: ChainHash

    init(_ cursor: LogCursor) {
        position = cursor.head
        segment = cursor.segment
        offset = cursor.offset
        hash = cursor.hash
    }

    /// The content's bytes.
    func encoded() -> [UInt8] {
        var writer = ByteWriter(reservingCapacity: Self.size)
        writer.write(Self.magic)
        writer.write(Self.formatVersion)
        writer.write(UInt16(Self.size))
        writer.write(segment)
        writer.write(offset)
        writer.write(position)
        writer.write(hash.bytes)
        let crc = writer.bytes.withUnsafeBytes { CRC32C.checksum($0) }
        writer.write(crc)
        writer.write(UInt32(0))
        return writer.bytes
    }

    /// Reads the content; nil when it is short, foreign, of another version or fails its checksum (a
    /// half-written file after a power loss, or a read that met the writer's rewrite half-way).
    static func decode(_ buffer: UnsafeRawBufferPointer) -> PublishedHead? {
        guard buffer.count >= size, buffer.prefix(8).elementsEqual(magic),
            ByteReader.load(UInt16.self, buffer, at: 8) == formatVersion,
            ByteReader.load(UInt16.self, buffer, at: 10) == UInt16(size),
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<64]))
                == ByteReader.load(UInt32.self, buffer, at: 64)
        else { return nil }
        var cursor = LogCursor()
        cursor.segment = ByteReader.load(UInt32.self, buffer, at: 12)
        cursor.offset = ByteReader.load(Int64.self, buffer, at: 16)
        cursor.head = ByteReader.load(Int64.self, buffer, at: 24)
        cursor.hash = ChainHash(UnsafeRawBufferPointer(rebasing: buffer[32..<64]))
        return PublishedHead(cursor)
    }
}
