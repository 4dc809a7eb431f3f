import Foundation
import Testing

@testable import CompetenceCore

/// The ledger's checkpoint: used when it is intact, of this build and of this store's history; rebuilt from
/// the log — never read — when it is missing, damaged, stale or of another version.
@Suite("Snapshots: the ledger's checkpoint")
struct LedgerSnapshotTests {
    /// A store with the fixture recorded by a ledger that checkpoints after every recording.
    private func recorded() async throws -> InMemoryEventStore {
        let store = InMemoryEventStore(clock: LedgerFixture.clock)
        let ledger = CompetenceLedger(
            store: store, recordedBy: "tests", clock: LedgerFixture.clock, checkpoints: store, checkpointInterval: 1,
            checkpointGrowth: 0)
        try await ledger.record(LedgerFixture.setUp, ids: LedgerFixture.setUpIDs)
        #expect(await ledger.snapshotUse == .log(.missing))
        return store
    }

    private func ledger(_ store: InMemoryEventStore) -> CompetenceLedger {
        CompetenceLedger(
            store: store, recordedBy: "tests", clock: LedgerFixture.clock, checkpoints: store, checkpointInterval: 1,
            checkpointGrowth: 0)
    }

    /// The state a ledger without checkpoints folds from the whole log.
    private func replayed(_ store: InMemoryEventStore) async throws -> LedgerState {
        try await CompetenceLedger(store: store, clock: LedgerFixture.clock).state()
    }

    private func snapshot(_ store: InMemoryEventStore) async throws -> Data {
        try #require(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName))
    }

    @Test func aNewLedgerStartsFromTheSnapshotAndRecordsOnFromIt() async throws {
        let store = try await recorded()
        let head = try await store.headPosition()
        let ledger = ledger(store)
        #expect(try await ledger.state() == (try await replayed(store)))
        #expect(await ledger.snapshotUse == .snapshot(position: head))

        // Validation from the snapshot: a duplicate answer is refused, a correction of it accepted.
        await #expect(throws: LedgerValidationError.self) {
            try await ledger.record(
                SurveyAnswerRecorded(
                    round: "r1", respondent: "p1", organisation: "acme", competence: "excel", current: 3,
                    answeredOn: day("2023-09-11")))
        }
        try await ledger.record(
            SurveyAnswerCorrected(
                round: "r1", answerEventID: LedgerFixture.answerID, current: 3, correctedOn: day("2023-09-12"),
                reason: PersonalText("typo", about: .person("p1"))))
        // Re-recording the fixture is recognised from the snapshot's directory.
        let again = try await ledger.record(LedgerFixture.setUp, ids: LedgerFixture.setUpIDs)
        #expect(again.alreadyRecorded)

        // The recording saved a newer snapshot, which the next ledger starts from.
        let next = self.ledger(store)
        #expect(try await next.state() == (try await replayed(store)))
        #expect(await next.snapshotUse == .snapshot(position: head + 1))
        #expect(try await next.state().answers[eventID: LedgerFixture.answerID]?.event.current == 3)
    }

    @Test(arguments: [0.1, 0.5, 0.9])
    func aDamagedSnapshotIsRebuiltFromTheLog(_ at: Double) async throws {
        let store = try await recorded()
        var bytes = try await snapshot(store)
        bytes[Int(Double(bytes.count) * at)] ^= 0x40
        try await store.saveCheckpoint(bytes, named: CompetenceLedger.checkpointName)
        let ledger = ledger(store)
        #expect(try await ledger.state() == (try await replayed(store)))
        guard case .log(.damaged) = await ledger.snapshotUse else {
            Issue.record("a damaged snapshot was used: \(await ledger.snapshotUse)")
            return
        }
        // The next recording leaves an intact snapshot again.
        try await ledger.record(LedgerFixture.answer())
        let next = self.ledger(store)
        _ = try await next.state()
        #expect(await next.snapshotUse == .snapshot(position: try await store.headPosition()))
    }

    @Test func aTruncatedOrForeignSnapshotIsRebuilt() async throws {
        let store = try await recorded()
        let bytes = try await snapshot(store)
        let cuts = [bytes.prefix(bytes.count - 1), bytes.prefix(bytes.count / 2), bytes.prefix(40), bytes.prefix(3)]
        for broken in cuts + [Data("not a snapshot".utf8), Data()] {
            try await store.saveCheckpoint(Data(broken), named: CompetenceLedger.checkpointName)
            let ledger = ledger(store)
            #expect(try await ledger.state() == (try await replayed(store)))
            guard case .log(.damaged) = await ledger.snapshotUse else {
                Issue.record("a broken snapshot was used: \(await ledger.snapshotUse)")
                continue
            }
        }
    }

    @Test func aSnapshotOfAnotherHistoryIsStale() async throws {
        let store = try await recorded()
        let foreign = try await snapshot(store)

        // A store whose history is shorter than the snapshot's position.
        let shorter = InMemoryEventStore(clock: LedgerFixture.clock)
        try await CompetenceLedger(store: shorter, clock: LedgerFixture.clock)
            .record(Array(LedgerFixture.setUp.prefix(10)), ids: Array(LedgerFixture.setUpIDs.prefix(10)))
        try await shorter.saveCheckpoint(foreign, named: CompetenceLedger.checkpointName)
        let first = ledger(shorter)
        #expect(try await first.state() == (try await replayed(shorter)))
        guard case .log(.stale) = await first.snapshotUse else {
            Issue.record("a snapshot beyond the log's end was used: \(await first.snapshotUse)")
            return
        }

        // A store as long, with other events (other ids) at the same positions.
        let other = InMemoryEventStore(clock: LedgerFixture.clock)
        try await CompetenceLedger(store: other, clock: LedgerFixture.clock).record(LedgerFixture.setUp)
        try await other.saveCheckpoint(foreign, named: CompetenceLedger.checkpointName)
        let second = ledger(other)
        #expect(try await second.state() == (try await replayed(other)))
        guard case .log(.stale) = await second.snapshotUse else {
            Issue.record("a snapshot of another history was used: \(await second.snapshotUse)")
            return
        }
    }

    @Test func aSnapshotOfADifferentHistoryWithTheSameEventIdsIsStale() async throws {
        // The same events with the same ids at the same positions, recorded a second later: only the history
        // chain tells the two histories apart.
        let store = try await recorded()
        let later: @Sendable () -> Date = { LedgerFixture.clock().addingTimeInterval(1) }
        let other = InMemoryEventStore(clock: later)
        try await CompetenceLedger(store: other, recordedBy: "tests", clock: LedgerFixture.clock)
            .record(LedgerFixture.setUp, ids: LedgerFixture.setUpIDs)
        let head = try await store.headPosition()
        #expect(try await other.headPosition() == head)
        let mine = try await store.readAll(from: head, limit: 1, filter: .all).events
        let theirs = try await other.readAll(from: head, limit: 1, filter: .all).events
        #expect(mine.map(\.id) == theirs.map(\.id))

        try await other.saveCheckpoint(try await snapshot(store), named: CompetenceLedger.checkpointName)
        let ledger = ledger(other)
        #expect(try await ledger.state() == (try await replayed(other)))
        guard case .log(.stale(let reason)) = await ledger.snapshotUse else {
            Issue.record("a snapshot of another history was used: \(await ledger.snapshotUse)")
            return
        }
        #expect(reason.contains("history chain at position \(head)"))
    }

    @Test func aSnapshotWhoseKeyWasTamperedWithIsStale() async throws {
        // The key rewritten and every checksum made to match again: the history chain still refuses it.
        let store = try await recorded()
        let bytes = try await snapshot(store)
        let (_, header) = try RecorderState.restore(from: bytes)
        let payload = try bytes.withUnsafeBytes { raw in [UInt8](try SnapshotHeader.decode(raw).1) }
        #expect(try await HistoryChain.anchor(of: store, at: header.position)?.hash == header.headHash)
        var otherHash = header
        otherHash.headHash = try #require(HistoryHash(hex: String(repeating: "ab", count: 32)))
        var earlier = header
        earlier.position -= 1
        var otherEvent = header
        otherEvent.eventID = fixedID(424_242)
        for tampered in [otherHash, earlier, otherEvent] {
            try await store.saveCheckpoint(
                SnapshotHeader.encode(tampered, payload: payload), named: CompetenceLedger.checkpointName)
            let ledger = ledger(store)
            #expect(try await ledger.state() == (try await replayed(store)))
            let use = await ledger.snapshotUse
            switch use {
            case .log(.stale), .log(.damaged): break
            default: Issue.record("a tampered snapshot was used: \(use)")
            }
        }
    }

    @Test func aSnapshotOfAHistoryRewrittenBeforeItsPositionIsStale() async throws {
        // The event at the snapshot's position is the same; an earlier one was changed.
        let store = try await recorded()
        let bytes = try await snapshot(store)
        let events = try await store.readAll(from: 1, limit: .max, filter: .all).events
        let rewritten = InMemoryEventStore(clock: LedgerFixture.clock)
        for (index, event) in events.enumerated() {
            var new = NewEvent(
                id: event.id, type: event.type, schemaVersion: event.schemaVersion, occurredAt: event.occurredAt,
                metadata: event.metadata, payload: event.payload, recordedAt: event.recordedAt)
            if index == 2 { new.metadata.recordedBy = "someone else" }
            _ = try await rewritten.append(
                [StreamAppend(stream: event.stream, expectedVersion: .exact(event.version - 1), events: [new])])
        }
        try await rewritten.saveCheckpoint(bytes, named: CompetenceLedger.checkpointName)
        let ledger = ledger(rewritten)
        _ = try await ledger.state()
        guard case .log(.stale) = await ledger.snapshotUse else {
            Issue.record("a snapshot of a rewritten history was used: \(await ledger.snapshotUse)")
            return
        }
    }

    @Test func aSnapshotOfAnotherVersionIsRebuiltNotMisread() async throws {
        let store = try await recorded()
        let bytes = try await snapshot(store)
        let (_, header) = try RecorderState.restore(from: bytes)
        let payload = try bytes.withUnsafeBytes { raw in
            [UInt8](try SnapshotHeader.decode(raw).1)
        }
        var olderFold = header
        olderFold.foldVersion = LedgerState.foldVersion - 1
        var otherCatalogue = header
        otherCatalogue.catalogue ^= 1
        var unkeyed = header
        unkeyed.headHash = .zero
        let variants = [
            // Format 1: before the history chain keyed snapshots (its hash bytes were zero).
            SnapshotHeader.encode(unkeyed, payload: payload, format: 1),
            SnapshotHeader.encode(header, payload: payload, format: SnapshotHeader.format + 1),
            SnapshotHeader.encode(olderFold, payload: payload),
            SnapshotHeader.encode(otherCatalogue, payload: payload),
        ]
        for variant in variants {
            try await store.saveCheckpoint(variant, named: CompetenceLedger.checkpointName)
            let ledger = ledger(store)
            #expect(try await ledger.state() == (try await replayed(store)))
            guard case .log(.otherVersion) = await ledger.snapshotUse else {
                Issue.record("a snapshot of another version was used: \(await ledger.snapshotUse)")
                continue
            }
        }
        // The unchanged bytes re-encoded are used: the variants differ only in what is checked.
        try await store.saveCheckpoint(
            SnapshotHeader.encode(header, payload: payload), named: CompetenceLedger.checkpointName)
        let ledger = ledger(store)
        _ = try await ledger.state()
        #expect(await ledger.snapshotUse == .snapshot(position: header.position))
    }

    @Test func aSnapshotCanBeSavedOnDemandAfterABulkLoad() async throws {
        // Events appended by other means (a bulk load) than this ledger.
        let (store, _) = try await LedgerFixture.make()
        let head = try await store.headPosition()
        #expect(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName) == nil)
        #expect(try await ledger(store).saveSnapshot() == head)
        let next = ledger(store)
        #expect(try await next.state() == (try await replayed(store)))
        #expect(await next.snapshotUse == .snapshot(position: head))
        #expect(try await CompetenceLedger(store: store).saveSnapshot() == nil)
    }

    @Test func aLedgerWithoutCheckpointsNeitherReadsNorWrites() async throws {
        let store = try await recorded()
        try await store.removeCheckpoint(named: CompetenceLedger.checkpointName)
        let ledger = CompetenceLedger(store: store, clock: LedgerFixture.clock)
        try await ledger.record(LedgerFixture.answer())
        #expect(await ledger.snapshotUse == .notCheckpointed)
        #expect(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName) == nil)
    }

    @Test func checkpointNamesAreChecked() async throws {
        let store = InMemoryEventStore()
        for name in ["", "Ledger", "../x", "a b", String(repeating: "a", count: 65)] {
            await #expect(throws: InvalidCheckpointName.self) { try await store.saveCheckpoint(Data(), named: name) }
        }
        try await store.saveCheckpoint(Data([1]), named: "ok-1")
        #expect(try await store.loadCheckpoint(named: "ok-1") == Data([1]))
    }
}

@Suite("Snapshots: checkpointed replays")
struct RunnerCheckpointTests {
    @Test func aReplayStartsFromItsCheckpointAndCatchesUp() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        let runner = ProjectionRunner(store: store, pageSize: 5)
        let first = try await runner.replay(LedgerModel(), checkpoints: store, saveAfter: 1)
        #expect(first.startedFrom == .log(.missing))
        #expect(first.saved)

        try await ledger.record(LedgerFixture.answer())
        let second = try await runner.replay(LedgerModel(), checkpoints: store, saveAfter: 1)
        #expect(second.startedFrom == .snapshot(position: first.replayed.checkpoint))
        #expect(second.replayed.eventsRead == 1)
        #expect(second.replayed.state == (try await runner.replay(LedgerModel())).state)

        // Nothing new: nothing saved.
        let third = try await runner.replay(LedgerModel(), checkpoints: store, saveAfter: 1)
        #expect(third.startedFrom == .snapshot(position: second.replayed.checkpoint))
        #expect(!third.saved)

        var bytes = try #require(try await store.loadCheckpoint(named: LedgerModel().checkpointName))
        bytes[bytes.count - 3] ^= 1
        try await store.saveCheckpoint(bytes, named: LedgerModel().checkpointName)
        let fourth = try await runner.replay(LedgerModel(), checkpoints: store, saveAfter: 1)
        guard case .log(.damaged) = fourth.startedFrom else {
            Issue.record("a damaged checkpoint was used: \(fourth.startedFrom)")
            return
        }
        #expect(fourth.replayed.state == second.replayed.state)
    }

    @Test func aRunnersCheckpointOfAnotherHistoryIsStale() async throws {
        let (store, _) = try await LedgerFixture.make()
        _ = try await ProjectionRunner(store: store).replay(LedgerModel(), checkpoints: store, saveAfter: 1)
        let checkpoint = try #require(try await store.loadCheckpoint(named: LedgerModel().checkpointName))
        // The same ids recorded a second later: another history at every position.
        let later: @Sendable () -> Date = { LedgerFixture.clock().addingTimeInterval(1) }
        let other = InMemoryEventStore(clock: later)
        try await CompetenceLedger(store: other, clock: LedgerFixture.clock)
            .record(LedgerFixture.setUp, ids: LedgerFixture.setUpIDs)
        try await other.saveCheckpoint(checkpoint, named: LedgerModel().checkpointName)
        let replay = try await ProjectionRunner(store: other).replay(LedgerModel(), checkpoints: other)
        guard case .log(.stale) = replay.startedFrom else {
            Issue.record("a checkpoint of another history was used: \(replay.startedFrom)")
            return
        }
        #expect(replay.replayed.state == (try await ProjectionRunner(store: other).replay(LedgerModel())).state)
    }

    @Test func theLedgersCheckpointIsNotARunnersCheckpoint() async throws {
        let (store, _) = try await LedgerFixture.make()
        let ledger = CompetenceLedger(
            store: store, checkpoints: store, checkpointInterval: 1,
            checkpointGrowth: 0)
        try await ledger.record(LedgerFixture.answer())
        let recorder = try #require(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName))
        try await store.saveCheckpoint(recorder, named: LedgerModel().checkpointName)
        let replay = try await ProjectionRunner(store: store).replay(LedgerModel(), checkpoints: store)
        guard case .log(.damaged) = replay.startedFrom else {
            Issue.record("the recorder's snapshot was read as a ledger state: \(replay.startedFrom)")
            return
        }
    }

    @Test func followSavesCheckpointsAsItGoes() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        let head = try await store.headPosition()
        let (updates, continuation) = AsyncStream.makeStream(of: (Int64, SnapshotUse).self)
        let follower = Task {
            try await ProjectionRunner(store: store, pageSize: 4)
                .follow(LedgerModel(), checkpoints: store, saveAfter: 8) { replayed, startedFrom in
                    continuation.yield((replayed.checkpoint, startedFrom))
                }
        }
        var iterator = updates.makeAsyncIterator()
        var update = try #require(await iterator.next())
        #expect(update.1 == .log(.missing))
        while update.0 < head { update = try #require(await iterator.next()) }
        follower.cancel()
        try await follower.value
        try await ledger.record(LedgerFixture.answer())
        // A later replay starts from what the follow saved (every 8 events: the last save is near the head).
        let replay = try await ProjectionRunner(store: store).replay(LedgerModel(), checkpoints: store)
        guard case .snapshot(let position) = replay.startedFrom else {
            Issue.record("the follow saved no checkpoint: \(replay.startedFrom)")
            return
        }
        #expect(position > head - 8)
        #expect(replay.replayed.state == (try await ProjectionRunner(store: store).replay(LedgerModel())).state)
    }
}
