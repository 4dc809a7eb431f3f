import SystemPackage

/// Why the file store refused an operation, with the file, offset and OS error that explain it.
///
/// Every case says what happened and what to do about it. Nothing of a failed append is visible, and the
/// log that was durable before it stays readable.
public enum FileStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another process (or another store instance in this process) has the directory open for writing.
    case lockedByAnotherWriter(directory: String, holder: String?)
    /// A system call failed. `errno` is the OS error number (`ENOSPC` for a full disk, `EACCES`/`EROFS` for
    /// a read-only directory or file).
    case io(operation: String, path: String, errno: Int32)
    /// A record before the tail of the log is damaged: its checksum or framing is wrong, or it is out of
    /// order. The log is not opened, so nothing after it is silently dropped.
    case corruptRecord(segment: String, offset: Int64, reason: String)
    /// The log's last record is whole on disk but damaged (a flipped bit, an edit): unlike a torn write it was
    /// written completely, so it was probably acknowledged. A read-write open refuses to cut it unless
    /// ``FileStoreOptions/damagedTail`` is ``FileStoreOptions/DamagedTailPolicy/setAside``.
    case damagedLastRecord(segment: String, offset: Int64, reason: String)
    /// A segment's header is damaged or not a segment header at all.
    case corruptSegmentHeader(segment: String, reason: String)
    /// A segment was written by a newer (or unknown) version of the format.
    case unsupportedFormatVersion(segment: String, version: UInt16)
    /// A segment file is missing from the sequence (the log has a hole).
    case missingSegment(directory: String, number: UInt32)
    /// The store was opened read-only.
    case readOnly(directory: String)
    /// An `fdatasync`/`fsync` failed, now or earlier: the store refuses appends until it is reopened (which
    /// re-reads what is really on disk). The failure says which positions are durable, which acknowledged
    /// ones may not be, and which appends failed with it.
    case syncFailed(SyncFailure)
    /// A read-only store found that records it had read are no longer the log's: the writer cut or rewrote
    /// them (a damaged last record set aside, a restored backup). Reopen the store to read the log as it is.
    case logRewritten(directory: String, position: Int64, reason: String)

    public var description: String {
        switch self {
        case .lockedByAnotherWriter(let directory, let holder):
            let who = holder.map { " (held by \($0))" } ?? ""
            return "the event store at \(directory) is already open for writing by another process or instance\(who); "
                + "close it first, or open this one read-only"
        case .io(let operation, let path, let code):
            return "\(operation) failed for \(path): \(Self.explain(code))"
        case .corruptRecord(let segment, let offset, let reason):
            return "corrupt record in \(segment) at byte offset \(offset): \(reason). The log before it is intact; "
                + "run verify for a full report and restore this segment from a backup — "
                + "the store does not drop it by itself"
        case .corruptSegmentHeader(let segment, let reason):
            return "corrupt segment header in \(segment): \(reason); restore the segment from a backup"
        case .unsupportedFormatVersion(let segment, let version):
            return
                "\(segment) is in format version \(version), "
                + "but this build reads version \(SegmentHeader.formatVersion); "
                + "open it with a newer build"
        case .missingSegment(let directory, let number):
            return
                "segment \(SegmentFileName.name(number)) is missing from \(directory); "
                + "the log has a hole — restore it from a backup"
        case .readOnly(let directory):
            return "the event store at \(directory) is open read-only; open it with access .readWrite to append"
        case .damagedLastRecord(let segment, let offset, let reason):
            return
                "the last record in \(segment) at byte offset \(offset) is damaged (\(reason)); it is whole on disk, "
                + "so it is not a torn write and was probably acknowledged — the store does not cut it by itself. "
                + "Run verify, then restore the segment from a backup, or open with damagedTail: .setAside to keep "
                + "its bytes in \(segment).damaged-\(offset) and go on without it"
        case .syncFailed(let failure):
            return failure.description
        case .logRewritten(let directory, let position, let reason):
            return
                "the log in \(directory) changed behind this reader: \(reason), so position \(position) it had read "
                + "may no longer be the log's; reopen the store to read the log as it is"
        }
    }

    /// The OS error code, when the error came from a system call.
    public var errno: Int32? {
        switch self {
        case .io(_, _, let code): code
        case .syncFailed(let failure): failure.errno
        default: nil
        }
    }

    static func explain(_ code: Int32) -> String {
        let text = Errno(rawValue: code).description
        switch Errno(rawValue: code) {
        case .noSpace, .diskQuotaExceeded: return "\(text) (errno \(code)) — the disk is full; free space, then retry"
        case .fileTooLarge:
            return "\(text) (errno \(code)) — the file size limit was reached; raise it or free space, then retry"
        case .permissionDenied, .notPermitted, .readOnlyFileSystem:
            return "\(text) (errno \(code)) — the directory or file is not writable; check permissions and mounts"
        default: return "\(text) (errno \(code))"
        }
    }
}
