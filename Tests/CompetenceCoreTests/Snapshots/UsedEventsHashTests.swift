import Foundation
import PropertyBased
import Testing

@testable import CompetenceCore

/// The used-events hash (`events_sha256`) taken from the history chain where the two are the same, checked
/// against the definition: for random histories (unknown types, corrections, voidings) in every scope, the
/// reports' provenance and the recorder's state equal what hashing every folded event on its own gives.
@Suite("Used-events hash from the history chain = hashing every event")
struct UsedEventsHashTests {
    /// The provenance as it was made before: the ledger model hashing each folded event, and a separate pass
    /// over the events read for the head and the digests.
    static func reference(
        _ store: any EventStore, scope: ReplayScope
    ) async throws -> (state: LedgerState, head: HistoryAnchor, digests: [UInt64]) {
        var chain = HistoryChain()
        var digests: [UInt64] = []
        let replayed = try await ProjectionRunner(store: store).replay(LedgerModel(), scope: scope) { event in
            try chain.append(event)
            digests.append(ReportProvenance.digest(event))
        }
        return (replayed.state, chain.head, digests)
    }

    @Test func reportProvenanceEqualsHashingEveryFoldedEvent() async throws {
        await propertyCheck(
            count: 60, input: SnapshotEquivalenceTests.steps, Gen.int(in: 0...3), Gen.int(in: 0...120)
        ) { steps, scopeKind, scopeOffset in
            let history = RandomHistory(steps: steps)
            let scope = SnapshotEquivalenceTests.scope(scopeKind, scopeOffset, events: history.events.count)
            let store = try await history.store()
            let expected = try await Self.reference(store, scope: scope)
            let options = try AnalyticsOptions(today: day("2025-12-31"))

            let reports = try await AnalyticsReports.replay(store, scope: scope, options: options)

            #expect(reports.provenance.usedEventsHash == expected.state.usedEventsHash, "\(history), \(scope)")
            #expect(reports.provenance.head == expected.head)
            #expect(reports.provenance.eventDigests == expected.digests)
            #expect(reports.provenance.eventCount == expected.state.eventCount)
            #expect(reports.provenance.lastPosition == expected.state.lastPosition)
        }
    }

    @Test func aWholeLogReportTakesTheHistoryHeadAndATimeTravelOneDoesNot() async throws {
        let history = RandomHistory(steps: (0..<40).map { RandomHistory.Step(kind: $0 % 8, a: $0, b: 3, c: $0) })
        let store = try await history.store()
        let options = try AnalyticsOptions(today: day("2025-12-31"))
        let everything = try await AnalyticsReports.replay(store, options: options)
        let expected = try await Self.reference(store, scope: .everything)
        #expect(everything.provenance.usedEventsHash == expected.state.usedEventsHash)
        #expect(expected.state.eventCount == history.events.count, "no unknown types: every event is folded")
        #expect(everything.provenance.usedEventsHash == everything.provenance.head?.hash)

        // An event of an unknown type is read (the head covers it) but not folded (the used events do not).
        let unknown = RandomHistory(
            steps: (0..<40).map { RandomHistory.Step(kind: $0 % 4 == 3 ? 11 : 0, a: $0, b: 1, c: $0) })
        let withUnknown = try await AnalyticsReports.replay(try await unknown.store(), options: options)
        let unknownExpected = try await Self.reference(try await unknown.store(), scope: .everything)
        #expect(withUnknown.provenance.usedEventsHash == unknownExpected.state.usedEventsHash)
        #expect(withUnknown.provenance.usedEventsHash != withUnknown.provenance.head?.hash)
        let through = Int64(history.events.count / 2)
        let part = try await AnalyticsReports.replay(store, scope: .throughPosition(through), options: options)
        let partExpected = try await Self.reference(store, scope: .throughPosition(through))
        #expect(part.provenance.usedEventsHash == partExpected.state.usedEventsHash)
        #expect(part.provenance.usedEventsHash != everything.provenance.usedEventsHash)
    }

    @Test func theRecorderTakesTheChainsHashWhileInStepAndHashesOnItsOwnAfter() async throws {
        await propertyCheck(count: 60, input: SnapshotEquivalenceTests.steps, Gen.int(in: 0...100)) {
            steps, cutShare in
            let history = RandomHistory(steps: steps)
            let all = try await history.store().readAll(from: 1, limit: .max, filter: .all).events
            let cut = all.count * cutShare / 100

            var expected = RecorderState()
            var expectedChain = HistoryChain()
            for event in all {
                try expected.fold(event)
                try expectedChain.append(event)
            }

            // From the genesis, then (as after a snapshot) from a restored state and the chain there.
            var chained = RecorderState.snapshotting()
            var chain: HistoryChain? = HistoryChain()
            for event in all.prefix(cut) { chained.fold(event, event: try event.decoded(), continuing: &chain) }
            let eventID = cut == 0 ? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) : all[cut - 1].id
            var (restored, _) = try RecorderState.restore(
                from: chained.snapshot(eventID: eventID, headHash: chain!.head.hash))
            for event in all.dropFirst(cut) { restored.fold(event, event: try event.decoded(), continuing: &chain) }

            let same = restored.ledger == expected.ledger
            #expect(same, "\(history) cut at \(cut)")
            #expect(restored.ledger.usedEventsHash == expected.ledger.usedEventsHash)
            #expect(chain?.head == expectedChain.head)
        }
    }

    @Test func aReplayWithoutProvenanceSaysSo() async throws {
        let history = RandomHistory(steps: (0..<20).map { RandomHistory.Step(kind: $0 % 6, a: $0, b: 1, c: $0) })
        let store = try await history.store()
        let bare = try await ProjectionRunner(store: store).replay(LedgerModel(hashingUsedEvents: false))
        let full = try await ProjectionRunner(store: store).replay(LedgerModel())
        #expect(!bare.state.usedEventsHashIsKept)
        #expect(full.state.usedEventsHashIsKept)
        #expect(bare.state.eventCount == full.state.eventCount)
        #expect(bare.state.answers.map(\.self) == full.state.answers.map(\.self))
    }
}
