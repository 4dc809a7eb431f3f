import Logging

/// What a read-write open does about the end of the log it found (see `Docs/FileStore-Durability.md`):
/// a torn write is cut; a damaged last record is refused, or set aside with a copy when the options say
/// so; the orphaned later segment of an interrupted roll-over is renamed aside. Each step is crash-safe:
/// the orphan goes first, so a crash half-way leaves a state the next open recovers the same way.
struct OpenRecovery {
    let files: SegmentFiles
    let options: FileStoreOptions

    /// Recovers the end of the log; returns what the open report says about it.
    func recover(_ end: LogEnd) throws -> (tail: OpenReport.TruncatedTail?, setAside: [String]) {
        do { return try recovering(end) } catch let error as SyncCallFailed { throw error.ioError }
    }

    private func recovering(_ end: LogEnd) throws -> (tail: OpenReport.TruncatedTail?, setAside: [String]) {
        if let tail = end.tail, tail.cause == .damagedRecord, options.damagedTail == .refuse {
            throw FileStoreError.damagedLastRecord(
                segment: files.path(tail.segment), offset: tail.offset, reason: tail.reason)
        }
        var setAside: [String] = []
        if let orphan = end.orphan {
            let path = try files.setAside(orphan)
            setAside.append(path)
            options.logger.warning(
                "set aside the later segment of an interrupted roll-over: its records follow records lost in a crash",
                metadata: ["segment": "\(files.path(orphan))", "moved_to": "\(path)"])
        }
        guard let tail = end.tail else { return (nil, setAside) }
        var report = Self.report(tail, files: files)
        let path = files.path(tail.segment)
        if tail.cause == .damagedRecord {
            report.copy = try files.keepCopy(of: tail.segment, at: tail.offset, count: Int(report.bytes))
        }
        let fd = try files.descriptor(tail.segment)
        try StoreIO.truncate(fd, to: tail.offset, path: path)
        try files.syncData(tail.segment)
        let metadata: Logger.Metadata = [
            "segment": "\(path)", "offset": "\(tail.offset)", "bytes": "\(report.bytes)", "reason": "\(tail.reason)",
        ]
        switch tail.cause {
        case .tornWrite:
            options.logger.warning(
                "cut a torn tail (a write that never finished, so never acknowledged)", metadata: metadata)
        case .damagedRecord:
            options.logger.error(
                "cut a damaged last record (whole on disk, probably acknowledged); its bytes are kept in a copy",
                metadata: metadata.merging(["copy": "\(report.copy ?? "")"]) { _, new in new })
        }
        return (report, setAside)
    }

    /// The report of a tail, cut or (read-only) not.
    static func report(_ tail: TornTail, files: SegmentFiles) -> OpenReport.TruncatedTail {
        OpenReport.TruncatedTail(
            segment: files.path(tail.segment), offset: tail.offset, bytes: tail.fileSize - tail.offset,
            reason: tail.reason, cause: tail.cause)
    }
}
