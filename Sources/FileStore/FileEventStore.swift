import CompetenceCore
import Foundation
import Logging
import Synchronization
import SystemPackage

/// A durable, append-only `EventStore` on local files: the embedded default.
///
/// The log lives in one directory (mode 0700) as numbered segment files (mode 0600), each record framed
/// with its length and a CRC-32C and chained to the one before by SHA-256 (the format is in
/// `Docs/FileStore-Format.md`; what survives a crash in `Docs/FileStore-Durability.md`). Promises, beyond
/// the protocol's:
/// - **Durable**: with ``FileStoreOptions/Durability/durable`` (the default) an append returns only after
///   `fdatasync`; concurrent appends share one sync (group commit). A segment's records are on disk before
///   the next segment exists. A failed sync fails the store for writing with
///   ``FileStoreError/syncFailed(_:)`` (saying which positions may not be durable) and is logged at once.
/// - **Crash-safe**: opening read-write cuts a torn tail (a crash mid-write) back to the last whole record
///   and reports it in ``openReport``; a last record that was written whole and then damaged is not cut
///   (``FileStoreError/damagedLastRecord(segment:offset:reason:)``, unless
///   ``FileStoreOptions/damagedTail`` says to set it aside); damage before the tail fails the open with
///   ``FileStoreError/corruptRecord(segment:offset:reason:)`` — nothing is dropped silently.
/// - **One writer**: a read-write open takes the directory's exclusive OS lock; a second one fails at
///   once with ``FileStoreError/lockedByAnotherWriter(directory:holder:)``. Any number of
///   ``FileStoreOptions/Access/readOnly`` instances, in any process, may read and follow the log; they read
///   only what the writer has published, and fail with ``FileStoreError/logRewritten(directory:position:reason:)``
///   rather than serve a record that was cut or rewritten.
/// - **Indexed**: stream reads and reads from a position go straight to their records; the indexes are
///   rebuilt in memory on open (a large segment read ahead on a second thread; a writer's event ids indexed on
///   a thread of their own, ready for its first append, which waits for them).
///
/// The files stay open and the lock held until the store is released.
public final class FileEventStore: SubjectKeyHolding {
    /// The store's directory.
    public let directory: String
    /// What opening found and did (a torn tail cut off or a damaged one found, a segment set aside, event and
    /// segment counts).
    public let openReport: OpenReport
    /// The keys of the store's data subjects, in the key file beside the segments (apart from the log). Only a
    /// read-write store changes it; give it to ``CompetenceLedger`` to record personal data.
    public let fileSubjectKeys: FileSubjectKeyStore
    /// ``fileSubjectKeys`` as the ledger and the reports find it (``SubjectKeyHolding``).
    public var subjectKeys: any SubjectKeyStore { fileSubjectKeys }

    private let core: StoreCore
    let writer: GroupCommitWriter?
    private let lock: DirectoryLock?
    private let reader: LogReader
    private let head: HeadFile
    private let follower: LogFollower?

    /// Opens (read-write: creates if needed) the store in `directory`.
    ///
    /// - Throws: ``FileStoreError`` when the directory is locked by another writer, not accessible, the log
    ///   is damaged before its tail, or (read-write, unless ``FileStoreOptions/damagedTail`` says otherwise)
    ///   its last record is damaged.
    public init(directory: String, options: FileStoreOptions = FileStoreOptions()) throws {
        let directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let writable = options.access == .readWrite
        if writable { try StoreIO.makeDirectory(directory) }
        let lock = writable ? try DirectoryLock(directory: directory) : nil
        let files = SegmentFiles(directory: directory, writable: writable, faults: options.faults)
        let head = HeadFile(directory: directory, writable: writable)
        let names = try StoreIO.list(directory)
        if writable {
            for name in names
            where name.hasSuffix(SegmentFileName.temporarySuffix)
                || name.hasSuffix(SegmentFileName.temporaryIndexSuffix)
            {
                PlatformCalls.remove(directory + "/" + name)
            }
        }
        let numbers = names.compactMap(SegmentFileName.number(of:)).sorted()
        for (expected, number) in zip(UInt32(1)..., numbers) where number != expected {
            throw FileStoreError.missingSegment(directory: directory, number: expected)
        }
        var state = StoreState()
        // Only a writer looks event ids up (retried appends): a reader's index leaves them out (≈ 40 bytes an event).
        state.index = StoreIndex(keepingEventIDs: writable)
        // A reader serves what the writer has published; the writer recovers everything on disk.
        let published = writable ? nil : try head.read()
        // The indexes are sized once, from a guess of the events in the segments' bytes — or from the published
        // head's position when that is smaller (positions are gap-free, so it counts the events: the guess from
        // the bytes took 3.6× the buckets a JSON store needs, ≈ 1.2 GB of a writer's id dictionary too many at
        // 10 M events). Never larger than the guess, so a tampered `HEAD` cannot make it reserve more.
        // A writer reads the head through a reader's handle, which creates nothing.
        let publishedEvents =
            writable ? (try? HeadFile(directory: directory, writable: false).read())?.position : published?.position
        let guessed = Self.estimatedEvents(files, numbers)
        state.index.reserve(events: publishedEvents.map { min(guessed, Int(max(0, $0))) } ?? guessed)
        var cursor = LogCursor()
        var scanner = LogScanner(files: files)
        scanner.usesSegmentIndexes = options.usesSegmentIndexes
        let end = try scanner.catchUp(&state.index, &cursor, through: published?.position)
        for refused in end.refusedIndexes {
            options.logger.notice(
                "did not use a segment's index file, read the segment instead",
                metadata: [
                    "index": "\(SegmentFileName.indexPath(refused.number, in: directory))",
                    "reason": "\(refused.reason)",
                ])
        }
        let truncated: OpenReport.TruncatedTail?
        let setAside: [String]
        if writable {
            (truncated, setAside) = try OpenRecovery(files: files, options: options).recover(end)
        } else {
            truncated = end.tail.map { OpenRecovery.report($0, files: files) }
            setAside = end.orphan.map { [files.path($0)] } ?? []
        }
        if writable {
            if cursor.segment == 0 {
                do {
                    try files.create(SegmentHeader(number: 1, firstPosition: 1, previousHash: .genesis))
                } catch let error as SyncCallFailed {
                    throw error.ioError
                }
                state.index.addSegment(1, firstPosition: 1)
                cursor.segment = 1
                cursor.offset = Int64(SegmentHeader.size)
            } else {
                // What a crashed writer left in the OS's cache is on disk before anything builds on it.
                do { try files.syncData(cursor.segment) } catch let error as SyncCallFailed { throw error.ioError }
            }
            try head.publish(PublishedHead(cursor))
            Self.writeIndexes(of: end.sealedWithoutIndex, from: state.index, files: files, options: options)
        }
        // A writer's ids are indexed for its first append: a large log's on a thread of their own meanwhile.
        if let unindexed = state.index.handOffUnindexedIDs(atLeast: EventIDIndexing.threadFrom) {
            state.idIndexing = EventIDIndexing(unindexed)
        } else {
            state.index.indexPendingIDs()
        }
        state.durable = cursor
        state.planned = cursor
        state.synced = cursor.head
        self.directory = directory
        self.openReport = OpenReport(
            events: cursor.head, segments: max(numbers.count - (writable ? setAside.count : 0), Int(cursor.segment)),
            truncatedTail: truncated, setAsideSegments: setAside, indexedSegments: end.indexedSegments)
        self.core = StoreCore(directory: directory, options: options, files: files, state: state)
        self.writer = writable ? GroupCommitWriter(core: core, head: head) : nil
        self.lock = lock
        self.reader = LogReader(files: files)
        self.head = head
        self.follower = writable ? nil : LogFollower(directory: directory, files: files, head: head)
        self.fileSubjectKeys = FileSubjectKeyStore(directory: directory, writable: writable)
    }

    /// Writes the index file of each sealed segment read record by record on open, so that the next open does
    /// not read it (``SegmentIndexFile``). A failure is logged, not thrown: the index only saves work.
    static func writeIndexes(
        of sealed: [SealedSegment], from index: StoreIndex, files: SegmentFiles, options: FileStoreOptions
    ) {
        for segment in sealed {
            files.writeIndex(of: segment.number, logger: options.logger) { index.indexFile(of: segment) }
        }
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

    /// Whether the writer's event ids are still being indexed on their own thread since the open
    /// (``EventIDIndexing``): until the first append installs them.
    var isIndexingIDsApart: Bool { core.state.withLock { $0.idIndexing != nil } }

    /// The record chain's hash stored with the record at `position`; `nil` when the log holds none there.
    func recordChainHash(at position: Int64) throws -> ChainHash? {
        try refresh()
        let location: RecordLocation? = core.state.withLock { state in
            guard position >= 1, position <= state.durable.head else { return nil }
            return state.index.location(of: position)
        }
        guard let location else { return nil }
        return try reader.chainHash(at: location)
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

    /// A read-only store reads whatever the writer has published since the last look; a writer knows already.
    private func refresh() throws {
        guard let follower else { return }
        let published = try head.read()
        let head: Int64 = try core.state.withLock { (state) throws in
            try follower.refresh(&state, published: published)
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
