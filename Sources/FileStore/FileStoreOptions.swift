import Foundation

/// How a ``FileEventStore`` is opened.
public struct FileStoreOptions: Sendable {
    /// Whether this instance may append.
    public enum Access: Sendable, Hashable {
        /// The one writer: takes the directory's exclusive lock, recovers a torn tail, appends.
        case readWrite
        /// A reader (any number, in any process): takes no lock, never changes a file, and follows the
        /// writer's appends by polling the files every ``FileStoreOptions/pollInterval``.
        case readOnly
    }

    /// When an append is acknowledged.
    public enum Durability: Sendable, Hashable {
        /// The default: an append returns only after `fdatasync` has put its bytes on disk. Concurrent
        /// appends share one `fdatasync` (group commit).
        case durable
        /// For bulk imports: an append returns once its bytes are written to the OS (they survive a crash
        /// of the process, not of the machine); `fdatasync` runs at most `interval` later. A power loss can
        /// lose the appends of the last `interval`; never a torn or reordered log.
        case batched(interval: Duration)
    }

    /// Read-write (the default) or read-only.
    public var access: Access
    /// When appends are acknowledged; ``Durability/durable`` unless you are importing in bulk.
    public var durability: Durability
    /// A segment is closed and a new one started once the next record would take it past this size
    /// (a single larger record gets a segment of its own). Default 64 MiB; clamped to 4 KiB … 1 GiB.
    public var segmentSize: Int
    /// Payloads larger than this are refused with `EventStoreError.payloadTooLarge`. Default 16 MiB.
    public var maxPayloadBytes: Int
    /// How often a read-only store waiting for events looks at the files for growth. Default 50 ms, so a
    /// reader in another process wakes at most this much after an append lands.
    public var pollInterval: Duration
    /// The source of recorded times (inject a fixed clock in tests).
    public var clock: @Sendable () -> Date

    /// Creates options; every parameter has the default described on its property.
    public init(
        access: Access = .readWrite,
        durability: Durability = .durable,
        segmentSize: Int = 64 << 20,
        maxPayloadBytes: Int = 16 << 20,
        pollInterval: Duration = .milliseconds(50),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.access = access
        self.durability = durability
        self.segmentSize = min(max(segmentSize, 4096), 1 << 30)
        self.maxPayloadBytes = min(max(maxPayloadBytes, 0), 256 << 20)
        self.pollInterval = pollInterval
        self.clock = clock
    }
}
