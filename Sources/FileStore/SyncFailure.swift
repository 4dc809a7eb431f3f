/// A failed `fdatasync`/`fsync`, and what it means for the log: which positions are on disk for sure, which
/// were acknowledged but may not be, and which appends failed with it.
///
/// After a failed sync the OS may already have dropped the pages it could not write (Linux marks them clean
/// and reports the error once), so no later sync can be trusted to cover them: the store refuses appends
/// until it is reopened, and reopening reads what is really on disk.
public struct SyncFailure: Sendable, Hashable, CustomStringConvertible {
    /// The call that failed: `fdatasync` or `fsync` (`fcntl(F_FULLFSYNC)` on Darwin).
    public var operation: String
    /// The file or directory being synced.
    public var path: String
    /// The OS error number (`EIO` for a failed disk, `ENOSPC` when space ran out while writing back).
    public var errno: Int32
    /// Every position up to this one was synced before the failure: it is on disk (0: none yet).
    public var durableThrough: Int64
    /// Positions that were acknowledged to their appenders before the sync that failed was to make them
    /// durable (``FileStoreOptions/Durability/batched(interval:)`` only): they may be lost on a power loss,
    /// and a reopened store may not have them. `nil` with ``FileStoreOptions/Durability/durable``, which
    /// acknowledges nothing before its sync.
    public var acknowledgedNotDurable: ClosedRange<Int64>?
    /// Positions of the appends in flight, which got this error instead of an acknowledgement: they were
    /// rolled back. `nil` when none was in flight (a timed sync of batched durability).
    public var failedAppends: ClosedRange<Int64>?

    /// Creates a description of a failed sync.
    public init(
        operation: String, path: String, errno: Int32, durableThrough: Int64,
        acknowledgedNotDurable: ClosedRange<Int64>?, failedAppends: ClosedRange<Int64>?
    ) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.durableThrough = durableThrough
        self.acknowledgedNotDurable = acknowledgedNotDurable
        self.failedAppends = failedAppends
    }

    public var description: String {
        var text =
            "\(operation) failed for \(path): \(FileStoreError.explain(errno)). "
            + (durableThrough > 0 ? "Positions 1…\(durableThrough) are on disk" : "No position is on disk yet")
        if let range = acknowledgedNotDurable {
            text += "; positions \(Self.text(range)) were acknowledged but MAY NOT BE ON DISK (batched durability)"
        }
        if let range = failedAppends {
            text += "; the appends of positions \(Self.text(range)) failed and were rolled back"
        }
        return text + ". The store refuses appends until it is reopened; reopening reads what is really on disk"
    }

    private static func text(_ range: ClosedRange<Int64>) -> String {
        range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)…\(range.upperBound)"
    }
}
