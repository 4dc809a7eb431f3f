import FileStore
import Foundation
import Testing

@testable import CompetenceCore

@Suite("FileStore history fingerprints")
struct FingerprintTests {
    @Test func theFingerprintIsTheRecordChainHashAtThePosition() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore(directory: directory.store)
        try await store.append(Fixtures.events(5), to: "s", expecting: .noStream)
        let head = try #require(try await store.historyFingerprint(at: 5))
        #expect(head.kind == .recordChain)
        #expect(head.bytes.count == 32)
        // The record chain's head hash, as `verify` recomputes it.
        #expect(head.description == "recordChain:" + (try #require(try store.verify().headHash)))
        #expect(try await store.historyFingerprint(at: 0) == nil)
        #expect(try await store.historyFingerprint(at: 6) == nil)
        var seen = Set<HistoryFingerprint>()
        for position in 1...5 { seen.insert(try #require(try await store.historyFingerprint(at: Int64(position)))) }
        #expect(seen.count == 5)
        let reader = try FileEventStore(directory: directory.store, options: FileStoreOptions(access: .readOnly))
        #expect(try await reader.historyFingerprint(at: 5) == head)
    }

    @Test func aSnapshotKeyIsCheckedWithOneReadInsteadOfRehashingTheLog() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore(directory: directory.store)
        try await store.append(Fixtures.events(300), to: "s", expecting: .noStream)
        let events = try await Fixtures.readAll(store)
        let (header, chain) = try await Self.snapshotHeader(of: events.prefix(250), in: store)
        #expect(header.fingerprint?.kind == .recordChain)

        let counting = ReadCountingStore(store)
        #expect(await SnapshotKey.check(header, against: counting) == .success(chain))
        #expect(counting.readsOfAll == 1, "only the event at the snapshot's position is read")

        // The same key without the fingerprint is checked the long way, and agrees.
        var unprinted = header
        unprinted.fingerprint = nil
        let before = counting.readsOfAll
        #expect(await SnapshotKey.check(unprinted, against: counting) == .success(chain))
        #expect(counting.readsOfAll > before + 1)
    }

    @Test func aHistoryRewrittenBeforeThePositionIsStaleThoughTheEventThereIsTheSame() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let original = try FileEventStore(directory: directory.path + "/a")
        let events = Fixtures.events(20)
        try await original.append(events, to: "s", expecting: .noStream)
        let (header, _) = try await Self.snapshotHeader(of: try await Fixtures.readAll(original)[...], in: original)

        // Another log with the same ids (the event at the position included) but one payload changed early.
        var rewritten = events
        rewritten[3].payload = .json(Data(#"{"label":"forged"}"#.utf8))
        let other = try FileEventStore(directory: directory.path + "/b")
        try await other.append(rewritten, to: "s", expecting: .noStream)
        let check = await SnapshotKey.check(header, against: other)
        guard case .failure(.stale(let reason)) = check else {
            Issue.record("expected a stale snapshot, got \(check)")
            return
        }
        #expect(reason.contains("history chain"))

        // A byte-for-byte copy of the log gives the same fingerprint: the snapshot is used there.
        try FileManager.default.copyItem(atPath: directory.path + "/a", toPath: directory.path + "/c")
        let copy = try FileEventStore(directory: directory.path + "/c", options: FileStoreOptions(access: .readOnly))
        #expect(try await copy.historyFingerprint(at: 20) == header.fingerprint)
        #expect(await SnapshotKey.check(header, against: copy).isSuccess)
    }

    @Test func aLedgerSavesTheFingerprintWithItsSnapshotAndStartsFromIt() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try FileEventStore(directory: directory.store)
            let ledger = CompetenceLedger(store: store, checkpoints: store, checkpointInterval: 1)
            try await ledger.record(
                CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard))
            try await ledger.record(
                CompetenceDefined(competence: "lean", name: "Lean", category: "production", scale: .standard))
        }
        let store = try FileEventStore(directory: directory.store)
        let blob = try #require(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName))
        let (_, header) = try RecorderState.restore(from: blob)
        #expect(header.position == 2)
        #expect(header.fingerprint == (try await store.historyFingerprint(at: 2)))
        let ledger = CompetenceLedger(store: store, checkpoints: store)
        _ = try await ledger.state()
        #expect(await ledger.snapshotUse == .snapshot(position: 2))
    }

    /// The header of a recorder snapshot over `events` (the store's first events), with the store's
    /// fingerprint, and the history anchor at its position computed the long way.
    private static func snapshotHeader(
        of events: ArraySlice<RecordedEvent>, in store: FileEventStore
    ) async throws -> (SnapshotHeader, HistoryAnchor) {
        var state = RecorderState.snapshotting()
        var chain = HistoryChain()
        for event in events {
            try state.fold(event)
            try chain.append(event)
        }
        let last = try #require(events.last)
        let fingerprint = try await store.historyFingerprint(at: last.position)
        let blob = state.snapshot(eventID: last.id, headHash: chain.head.hash, fingerprint: fingerprint)
        return (try RecorderState.restore(from: blob).1, chain.head)
    }
}

/// A FileStore seen through a wrapper that counts the reads of the whole log.
private final class ReadCountingStore: EventStore, HistoryFingerprinting, @unchecked Sendable {
    // @unchecked: the counter is guarded by `lock`.
    private let store: FileEventStore
    private let lock = NSLock()
    private var count = 0

    init(_ store: FileEventStore) { self.store = store }

    var readsOfAll: Int { lock.withLock { count } }

    func append(_ appends: [StreamAppend]) async throws -> [AppendResult] { try await store.append(appends) }

    func readStream(
        _ stream: StreamName, from version: Int64, direction: ReadDirection, limit: Int
    ) async throws -> [RecordedEvent] {
        try await store.readStream(stream, from: version, direction: direction, limit: limit)
    }

    func currentVersion(of stream: StreamName) async throws -> Int64 { try await store.currentVersion(of: stream) }

    func readAll(from position: Int64, limit: Int, filter: EventFilter) async throws -> EventPage {
        lock.withLock { count += 1 }
        return try await store.readAll(from: position, limit: limit, filter: filter)
    }

    func headPosition() async throws -> Int64 { try await store.headPosition() }

    func waitForEvents(from position: Int64) async throws { try await store.waitForEvents(from: position) }

    func historyFingerprint(at position: Int64) async throws -> HistoryFingerprint? {
        try await store.historyFingerprint(at: position)
    }
}

extension Result {
    fileprivate var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
