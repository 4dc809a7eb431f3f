import CompetenceCore
import Foundation
import Synchronization
import Testing

@Suite("Projection runner")
struct ProjectionRunnerTests {
    @Test(arguments: [1, 5, 17, 26])
    func resumingFromACheckpointEqualsAFullReplay(_ cut: Int64) async throws {
        let (store, _) = try await LedgerFixture.make()
        let runner = ProjectionRunner(store: store, pageSize: 4)
        let full = try await runner.replay(LedgerModel())
        let part = try await runner.replay(LedgerModel(), scope: .throughPosition(cut))
        #expect(part.checkpoint == cut)
        let resumed = try await runner.replay(LedgerModel(), resumingFrom: part.checkpoint, state: part.state)
        #expect(resumed.state == full.state)
        #expect(resumed.checkpoint == full.checkpoint)
        #expect(part.eventsRead + resumed.eventsRead == full.eventsRead)
    }

    /// The runner folds page *n* while it decodes page *n* + 1 and reads page *n* + 2: whatever the page size,
    /// it folds every event once and in order, stops at its last position, and stops at an event that does not
    /// decode, though it has read past it.
    @Test(arguments: [1, 2, 3, 5, 64])
    func pagesReadAheadFoldEveryEventOnceAndStopWhereTheyShould(_ pageSize: Int) async throws {
        let (store, _) = try await LedgerFixture.make()
        let whole = try await ProjectionRunner(store: store).replay(LedgerModel())
        let runner = ProjectionRunner(store: store, pageSize: pageSize)
        let paged = try await runner.replay(LedgerModel())
        #expect(paged.state == whole.state)
        #expect(paged.eventsRead == whole.eventsRead)
        #expect(paged.checkpoint == whole.checkpoint)
        for last in [Int64(1), 4, whole.checkpoint - 1] {
            let part = try await runner.replay(LedgerModel(), scope: .throughPosition(last))
            #expect(part.checkpoint == last)
            #expect(part.eventsRead == Int(last))
        }
        // A catalogue type whose payload does not decode, with more events after it.
        let bad = try await store.append(
            [NewEvent(type: "SurveyAnswerRecorded", occurredAt: .now, payload: .json(Data("{}".utf8)))],
            to: "damaged-1", expecting: .noStream)
        for index in 1...(3 * pageSize) {
            try await store.append(
                [NewEvent(type: "SomethingFromANewerVersion", occurredAt: .now, payload: .json(Data("{}".utf8)))],
                to: StreamName("future-\(index)"), expecting: .noStream)
        }
        let error = await #expect(throws: EventDecodingError.self) {
            try await runner.replay(LedgerModel())
        }
        #expect(error?.position == bad.positions.first)
        var observed: [Int64] = []
        _ = try? await runner.replay(LedgerModel(), scope: .everything, observing: { observed.append($0.position) })
        #expect(observed == Array(1..<bad.positions.first!))
    }

    @Test func unknownEventTypesArePassedOver() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        let before = try await ProjectionRunner(store: store).replay(LedgerModel())
        try await store.append(
            [NewEvent(type: "SomethingFromANewerVersion", occurredAt: .now, payload: .json(Data(#"{"x":1}"#.utf8)))],
            to: "future-1", expecting: .noStream)
        try await ledger.record(LedgerFixture.answer())
        let after = try await ProjectionRunner(store: store).replay(LedgerModel())
        #expect(after.unknownEvents == 1)
        #expect(after.eventsRead == before.eventsRead + 2)
        #expect(after.eventsFolded == before.eventsFolded + 1)
        #expect(after.state.answers.count == before.state.answers.count + 1)
        // The ledger itself records on over the unknown event.
        #expect(try await ledger.state().answers.count == after.state.answers.count)
    }

    @Test func followSeesAppendedEventsAndEndsOnCancellation() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        let head = try await store.headPosition()
        let seen = Mutex<[Int64]>([])
        let (updates, continuation) = AsyncStream.makeStream(of: LedgerState.self)
        let follower = Task {
            try await ProjectionRunner(store: store).follow(LedgerModel()) { update in
                seen.withLock { $0.append(update.checkpoint) }
                continuation.yield(update.state)
            }
        }
        var iterator = updates.makeAsyncIterator()
        var state = try #require(await iterator.next())
        while state.lastPosition < head { state = try #require(await iterator.next()) }

        try await ledger.record(LedgerFixture.answer())
        while state.lastPosition < head + 1 { state = try #require(await iterator.next()) }
        #expect(state.answers.contains { $0.event.respondent == "p2" })

        follower.cancel()
        try await follower.value  // returns instead of waiting for more events
        #expect(seen.withLock { $0.last } == head + 1)
    }

    @Test func followReadsAPageAtATimeAndNeverAsksForTheHeadPerEvent() async throws {
        let (base, _) = try await LedgerFixture.make()
        let store = CountingStore(base: base)
        let head = try await base.headPosition()
        let pageSize = 4
        let updates = Mutex<[Int64]>([])
        let (caughtUp, continuation) = AsyncStream.makeStream(of: Int64.self)
        let follower = Task {
            try await ProjectionRunner(store: store, pageSize: pageSize).follow(LedgerModel()) { update in
                updates.withLock { $0.append(update.checkpoint) }
                continuation.yield(update.checkpoint)
            }
        }
        for await checkpoint in caughtUp where checkpoint >= head { break }
        follower.cancel()
        try await follower.value
        let pages = Int((head + Int64(pageSize) - 1) / Int64(pageSize))
        // One update per page read, each after a whole page; the last page may be short.
        #expect(updates.withLock { $0 } == (1...pages).map { min(Int64($0 * pageSize), head) })
        #expect(store.headPositionCalls == 0)
        // The pages, plus at most one empty read at the head before waiting.
        #expect(store.readAllCalls <= pages + 1)
    }
}
