import Foundation
import Logging

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
        /// lose the appends of the last `interval`; never a torn or reordered log. If that `fdatasync` fails,
        /// the store logs it at once and refuses appends with ``FileStoreError/syncFailed(_:)``, naming the
        /// acknowledged positions that may not be on disk.
        case batched(interval: Duration)
    }

    /// What a read-write open does when the log's last record is whole on disk but damaged (its checksum
    /// or contents are wrong): not a torn write, so probably an append that was acknowledged.
    public enum DamagedTailPolicy: Sendable, Hashable {
        /// The default: the open fails with ``FileStoreError/damagedLastRecord(segment:offset:reason:)`` and
        /// changes nothing; restore the segment from a backup, or open once with ``setAside``.
        case refuse
        /// The record's bytes are copied to `NNNNNNNNNN.segment.damaged-OFFSET` beside the segment (mode 0600,
        /// synced), then cut off; ``OpenReport/truncatedTail`` says so and names the copy.
        case setAside
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
    /// What a read-write open does with a damaged (not torn) last record; ``DamagedTailPolicy/refuse`` by
    /// default.
    public var damagedTail: DamagedTailPolicy
    /// Where the store reports what it does on its own, as it happens: a failed `fdatasync` (`critical` when
    /// acknowledged appends may be lost, `error` otherwise), a failed write, a torn tail cut or a segment
    /// set aside on open (`warning`). Default: a logger labelled `competence.filestore` on swift-log's
    /// bootstrapped backend. The failing appends get the same facts as a typed ``FileStoreError``.
    public var logger: Logger
    /// Whether an open indexes a sealed segment (one with a successor) from its index file
    /// (`NNNNNNNNNN.segment-index`, written when the segment is sealed) instead of reading its records, when the
    /// file agrees with the segment: its size, its first and last records and their checksums, and the last
    /// record's chain hash. Default `true`: opening a store of 10 M events then reads megabytes, not gigabytes.
    /// The records between are checked when they are read (every read checks a record's checksum and position)
    /// and by ``FileEventStore/verify(directory:)``; `false` reads and checks every record on every open, so
    /// that damage anywhere in the log fails the open.
    public var usesSegmentIndexes = true
    /// Faults the tests inject (a failing sync); none by default. Not part of the public interface.
    package var faults = FaultInjection()

    /// Creates options; every parameter has the default described on its property.
    public init(
        access: Access = .readWrite,
        durability: Durability = .durable,
        segmentSize: Int = 64 << 20,
        maxPayloadBytes: Int = 16 << 20,
        pollInterval: Duration = .milliseconds(50),
        clock: @escaping @Sendable () -> Date = { Date() },
        damagedTail: DamagedTailPolicy = .refuse,
        logger: Logger = Logger(label: "competence.filestore")
    ) {
        self.access = access
        self.durability = durability
        self.segmentSize = min(max(segmentSize, 4096), 1 << 30)
        self.maxPayloadBytes = min(max(maxPayloadBytes, 0), 256 << 20)
        self.pollInterval = pollInterval
        self.clock = clock
        self.damagedTail = damagedTail
        self.logger = logger
    }
}
