import Foundation
import Testing

@testable import CompetenceCore

/// When a snapshot is due: after enough events **and** enough growth of the history, so that a long history is
/// not rewritten whole after every recording, while a start never catches up more than that growth.
@Suite("Snapshots: when one is due")
struct CheckpointScheduleTests {
    @Test func bothTheEventsAndTheGrowthMustBeReached() {
        let schedule = CheckpointSchedule(minimumEvents: 10, growth: 0.05)
        // From nothing, the minimum alone decides.
        #expect(!schedule.isDue(at: 9, lastSaved: 0))
        #expect(schedule.isDue(at: 10, lastSaved: 0))
        // Short history: the minimum is the larger part.
        #expect(!schedule.isDue(at: 109, lastSaved: 100))
        #expect(schedule.isDue(at: 110, lastSaved: 100))
        // Long history: 5 % of 10 million is 500,000 events.
        #expect(!schedule.isDue(at: 10_499_999, lastSaved: 10_000_000))
        #expect(schedule.isDue(at: 10_500_000, lastSaved: 10_000_000))
        // Nothing added, or a position before the last snapshot (a shorter history), is never due.
        #expect(!schedule.isDue(at: 100, lastSaved: 100))
        #expect(!schedule.isDue(at: 50, lastSaved: 100))
    }

    @Test func aGrowthOfZeroOrNonsenseLeavesTheMinimumAlone() {
        for growth in [0, -1, Double.nan] {
            let schedule = CheckpointSchedule(minimumEvents: 1, growth: growth)
            #expect(schedule.isDue(at: 10_000_001, lastSaved: 10_000_000), "growth \(growth)")
        }
        #expect(CheckpointSchedule(minimumEvents: 0).minimumEvents == 1)
        #expect(CheckpointSchedule(minimumEvents: -5).isDue(at: 1, lastSaved: 0))
        // An infinite growth is bounded: a snapshot still comes, once the history grew a million-fold.
        #expect(!CheckpointSchedule(minimumEvents: 1, growth: .infinity).isDue(at: 1_000, lastSaved: 1))
        #expect(CheckpointSchedule(minimumEvents: 1, growth: .infinity).isDue(at: 1_000_002, lastSaved: 1))
    }

    /// A recording that grows the history by less than the growth leaves the older snapshot; the next ledger
    /// starts from it, catches up the events after it to the same state as a full replay, and saves a newer one
    /// once the growth is reached.
    @Test func aLedgerRewritesItsSnapshotOncePerGrowthAndCatchesUpInBetween() async throws {
        let store = InMemoryEventStore(clock: LedgerFixture.clock)
        func ledger() -> CompetenceLedger {
            CompetenceLedger(
                store: store, recordedBy: "tests", clock: LedgerFixture.clock, checkpoints: store,
                checkpointInterval: 1, checkpointGrowth: 0.5)
        }
        func registered(_ range: Range<Int>) -> [any LedgerEvent] {
            range.map { PersonRegistered(person: Identifier("n\($0)"), organisation: "acme", role: .staff) }
        }
        func snapshotPosition() async throws -> Int64 {
            let blob = try #require(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName))
            return try RecorderState.restore(from: blob).1.position
        }
        func replayed() async throws -> LedgerState {
            try await CompetenceLedger(store: store, clock: LedgerFixture.clock).state()
        }

        try await ledger().record(LedgerFixture.setUp, ids: LedgerFixture.setUpIDs)
        let first = try await store.headPosition()
        #expect(try await snapshotPosition() == first)

        // Less than half as many events again: no new snapshot.
        let half = Int((Double(first) * 0.5).rounded(.up))
        let few = half - 1
        let second = ledger()
        try await second.record(registered(0..<few))
        #expect(await second.snapshotUse == .snapshot(position: first))
        #expect(try await snapshotPosition() == first)

        // The next ledger starts from the older snapshot and folds the events after it: the same state.
        let third = ledger()
        #expect(try await third.state() == (try await replayed()))
        #expect(await third.snapshotUse == .snapshot(position: first))

        // One more event reaches half of the snapshot's history: a new snapshot at the head.
        try await third.record(registered(few..<(few + 1)))
        let head = try await store.headPosition()
        #expect(head - first == Int64(half))
        #expect(try await snapshotPosition() == head)
        let fourth = ledger()
        #expect(try await fourth.state() == (try await replayed()))
        #expect(await fourth.snapshotUse == .snapshot(position: head))
    }
}
