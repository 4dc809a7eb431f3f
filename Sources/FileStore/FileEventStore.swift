import CompetenceCore
import Foundation
import Synchronization
import SystemPackage

/// A durable, append-only `EventStore` on local files: the embedded default.
///
/// The log lives in one directory (mode 0700) as numbered segment files (mode 0600), each record framed
/// with its length and a CRC-32C and chained to the one before by SHA-256 (the format is in
/// `Docs/FileStore-Format.md`). Promises, beyond the protocol's:
/// - **Durable**: with ``FileStoreOptions/Durability/durable`` (the default) an append returns only after
///   `fdatasync`; concurrent appends share one sync (group commit).
/// - **Crash-safe**: opening read-write cuts a torn tail (a crash mid-write) back to the last whole record
///   and reports it in ``openReport``; damage before the tail fails the open with
///   ``FileStoreError/corruptRecord(segment:offset:reason:)`` — nothing is dropped silently.
/// - **One writer**: a read-write open takes the directory's exclusive OS lock; a second one fails at
///   once with ``FileStoreError/lockedByAnotherWriter(directory:holder:)``. Any number of
///   ``FileStoreOptions/Access/readOnly`` instances, in any process, may read and follow the log.
/// - **Indexed**: stream reads and reads from a position go straight to their records; the indexes are
///   rebuilt in memory on open.
///
/// The files stay open and the lock held until the store is released.
public final class FileEventStore: EventStore {
    /// The store's directory.
    public let directory: String
    /// What opening found and did (a torn tail cut off, event and segment counts).
    public let openReport: OpenReport

    private let core: StoreCore
    private let writer: GroupCommitWriter?
    private let lock: DirectoryLock?
    private let reader: LogReader

    /// Opens (read-write: creates if needed) the store in `directory`.
    ///
    /// - Throws: ``FileStoreError`` when the directory is locked by another writer, not accessible, or the
    ///   log is damaged before its tail.
    public init(directory: String, options: FileStoreOptions = FileStoreOptions()) throws {
        let directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let writable = options.access == .readWrite
        if writable { try StoreIO.makeDirectory(directory) }
        let lock = writable ? try DirectoryLock(directory: directory) : nil
        let files = SegmentFiles(directory: directory, writable: writable)
        let names = try StoreIO.list(directory)
        if writable {
            for name in names where name.hasSuffix(SegmentFileName.temporarySuffix) {
                PlatformCalls.remove(directory + "/" + name)
            }
        }
        let numbers = names.compactMap(SegmentFileName.number(of:)).sorted()
        for (expected, number) in zip(UInt32(1)..., numbers) where number != expected {
            throw FileStoreError.missingSegment(directory: directory, number: expected)
        }
        var state = StoreState()
        state.index.reserve(events: Self.estimatedEvents(files, numbers))
        var cursor = LogCursor()
        let torn = try LogScanner(files: files).catchUp(&state.index, &cursor)
        var truncated: OpenReport.TruncatedTail?
        if let torn {
            truncated = OpenReport.TruncatedTail(
                segment: files.path(torn.segment), offset: torn.offset, bytes: torn.fileSize - torn.offset,
                reason: torn.reason)
            if writable {
                let fd = try files.descriptor(torn.segment)
                try StoreIO.truncate(fd, to: torn.offset, path: files.path(torn.segment))
                try StoreIO.syncData(fd, path: files.path(torn.segment))
            }
        }
        if writable, cursor.segment == 0 {
            try files.create(SegmentHeader(number: 1, firstPosition: 1, previousHash: .genesis))
            state.index.addSegment(1, firstPosition: 1)
            cursor.segment = 1
            cursor.offset = Int64(SegmentHeader.size)
        }
        state.durable = cursor
        state.planned = cursor
        self.directory = directory
        self.openReport = OpenReport(
            events: cursor.head, segments: max(numbers.count, Int(cursor.segment)), truncatedTail: truncated)
        self.core = StoreCore(directory: directory, options: options, files: files, state: state)
        self.writer = writable ? GroupCommitWriter(core: core) : nil
        self.lock = lock
        self.reader = LogReader(files: files)
    }

    /// Checks every record on disk without opening a store (no lock is taken, nothing is changed): headers,
    /// framing, checksums, positions, stream versions and the hash chain.
    ///
    /// - Returns: every damaged record (`StoreFault.Kind.damagedRecord`, placed by segment file and byte
    ///   offset) and the first chain break (`StoreFault.Kind.brokenChain`); `StoreVerification.isIntact`
    ///   when there is none. `StoreVerification.headHash` is the chain hash of the last record.
    public static func verify(directory: String) throws -> StoreVerification {
        try Verifier(directory: directory).run().storeVerification
    }

    /// Checks every record up to the durable head (see ``verify(directory:)``).
    public func verify() throws -> StoreVerification {
        try refresh()
        let head = core.state.withLock { $0.durable.head }
        return try Verifier(directory: directory, through: head).run().storeVerification
    }

    // MARK: EventStore

    public func append(_ appends: [StreamAppend]) async throws -> [AppendResult] {
        guard let writer else { throw FileStoreError.readOnly(directory: directory) }
        return try await writer.append(appends)
    }

    public func readStream(
        _ stream: StreamName, from version: Int64, direction: ReadDirection, limit: Int
    ) async throws -> [RecordedEvent] {
        try refresh()
        let wanted: [(position: Int64, location: RecordLocation)] = core.state.withLock { state in
            guard limit > 0, let id = state.index.streamIDs[stream] else { return [] }
            let positions = state.index.streamPositions[Int(id)]
            let count = state.index.version(of: stream, atHead: state.durable.head)
            let take = min(Int64(limit), count)
            let versions: StrideThrough<Int64>
            switch direction {
            case .forwards:
                let first = max(version, 1)
                guard first <= count else { return [] }
                versions = stride(from: first, through: min(count, first + take - 1), by: 1)
            case .backwards:
                let first = min(version, count)
                guard first >= 1 else { return [] }
                versions = stride(from: first, through: max(1, first - take + 1), by: -1)
            }
            return versions.map { version in
                let position = positions[Int(version - 1)]
                return (position, state.index.location(of: position))
            }
        }
        return try reader.records(at: wanted)
    }

    public func currentVersion(of stream: StreamName) async throws -> Int64 {
        try refresh()
        return core.state.withLock { $0.index.version(of: stream, atHead: $0.durable.head) }
    }

    public func readAll(from position: Int64, limit: Int, filter: EventFilter) async throws -> EventPage {
        try refresh()
        let first = max(position, 1)
        let start: LogReader.PageStart? = core.state.withLock { state in
            let head = state.durable.head
            guard limit > 0, first <= head else { return nil }
            let location = state.index.location(of: first)
            let boundaries = state.index.segments.filter { $0.number > location.segment && $0.firstPosition <= head }
            return LogReader.PageStart(position: first, location: location, head: head, boundaries: boundaries)
        }
        guard let start else { return EventPage(events: [], nextPosition: first) }
        return try reader.page(start, limit: limit, filter: filter)
    }

    public func headPosition() async throws -> Int64 {
        try refresh()
        return core.state.withLock { $0.durable.head }
    }

    /// Returns once an event at `position` or beyond is visible. A read-write store is woken by its own
    /// appends; a read-only store polls the files every ``FileStoreOptions/pollInterval``.
    public func waitForEvents(from position: Int64) async throws {
        if writer != nil { return try await core.notifier.wait(from: position) }
        while true {
            try refresh()
            if core.state.withLock({ $0.durable.head }) >= position { return }
            try await Task.sleep(for: core.options.pollInterval)
        }
    }

    // MARK: Following (read-only)

    /// A read-only store reads whatever the writer has added since the last look; a writer knows already.
    private func refresh() throws {
        guard writer == nil else { return }
        let head: Int64 = try core.state.withLock { (state) throws in
            _ = try LogScanner(files: core.files, chunkSize: 1 << 20).catchUp(&state.index, &state.durable)
            return state.durable.head
        }
        core.notifier.advance(to: head)
    }

    /// A guess of the event count from the segment sizes, to size the indexes once.
    private static func estimatedEvents(_ files: SegmentFiles, _ numbers: [UInt32]) -> Int {
        var bytes: Int64 = 0
        for number in numbers {
            if let size = try? FilePath(files.path(number)).stat().size { bytes += size }
        }
        return Int(bytes / 160)
    }
}
