import Foundation
import PropertyBased
import Testing

@testable import CompetenceCore

/// The report's history witness, made page by page in the reading task (`PageWitness`), checked against a
/// sequential fold of `HistoryChain` and the digests over the same events, with the used-events hash the ledger
/// model chains event by event: for random histories in every scope, over pages smaller than the history.
@Suite("Pipelined history witness = a sequential chain over the same events")
struct PageWitnessTests {
    /// The witness of `store` read in pages of `pageSize`, beside the replay it witnesses.
    static func witnessed(
        _ store: any EventStore, scope: ReplayScope, through: Int64? = nil, pageSize: Int
    ) async throws -> (state: LedgerState, witness: HistoryWitness) {
        let (replayed, witness) = try await ProjectionRunner(store: store, pageSize: pageSize).replayWitnessing(
            LedgerModel(hashingUsedEvents: false), scope: scope, through: through)
        return (replayed.state, witness)
    }

    @Test func aWitnessReadInPagesEqualsOneChainOverTheEvents() async throws {
        await propertyCheck(
            count: 80, input: SnapshotEquivalenceTests.steps, Gen.int(in: 0...3), Gen.int(in: 0...120),
            Gen.int(in: 1...9), Gen.int(in: -1...70)
        ) { steps, scopeKind, scopeOffset, pageSize, throughOrNot in
            let history = RandomHistory(steps: steps)
            let scope = SnapshotEquivalenceTests.scope(scopeKind, scopeOffset, events: history.events.count)
            let through = throughOrNot < 0 ? nil : Int64(throughOrNot)
            let store = try await history.store()
            // The same events up to `through` make the same store up to there: the reference reads that one.
            let expected = try await UsedEventsHashTests.reference(
                try await history.store(first: throughOrNot < 0 ? nil : throughOrNot), scope: scope)
            let got = try await Self.witnessed(store, scope: scope, through: through, pageSize: pageSize)
            let label = "\(history), \(scope), through \(through.map(String.init) ?? "-"), pages of \(pageSize)"
            #expect(got.witness.head == expected.head, "\(label)")
            #expect(got.witness.digests == expected.digests, "\(label)")
            #expect(got.witness.usedEventsHash == expected.state.usedEventsHash, "\(label)")
            #expect(got.state.eventCount == expected.state.eventCount, "\(label)")
        }
    }

    @Test func anUnknownTypeAndATimeTravelScopeOverSeveralPages() async throws {
        // Every fourth event of a type this version does not know; recorded an hour apart from 2024-06-01.
        let history = RandomHistory(
            steps: (0..<60).map { RandomHistory.Step(kind: $0 % 4 == 3 ? 11 : $0 % 8, a: $0, b: 3, c: $0) })
        let store = try await history.store()
        let read = try await store.readAll(from: 1, limit: .max, filter: .all).events.count
        #expect(read > 60, "the fixture's set-up and the 60 steps: several pages of every size but the last")
        let scopes: [ReplayScope] = [
            .everything, .asOf(day("2024-06-02")), .effectiveOn(day("2024-01-01")),
            .throughPosition(Int64(read - 10)),
        ]
        for scope in scopes {
            for pageSize in [1, 4, 7, 4096] {
                let expected = try await UsedEventsHashTests.reference(store, scope: scope)
                let got = try await Self.witnessed(store, scope: scope, pageSize: pageSize)
                #expect(got.witness.head == expected.head, "\(scope), pages of \(pageSize)")
                #expect(got.witness.digests == expected.digests, "\(scope), pages of \(pageSize)")
                #expect(got.witness.usedEventsHash == expected.state.usedEventsHash, "\(scope), pages of \(pageSize)")
                // The unknown types are read (the head covers them) but not folded (the used events do not).
                #expect(got.witness.usedEventsHash != got.witness.head.hash, "\(scope)")
            }
        }
    }

    @Test func theReplayStopsAtTheSameEventAsTheSequentialChain() async throws {
        let history = RandomHistory(steps: (0..<12).map { RandomHistory.Step(kind: $0 % 8, a: $0, b: 3, c: $0) })
        for broken in [
            // No canonical form: a JSON payload that is not JSON, of a type this version does not know.
            NewEvent(type: "FromANewerVersion", occurredAt: Date(), payload: .json(Data("not json".utf8))),
            // A known type whose payload does not decode.
            NewEvent(type: "SurveyRoundClosed", occurredAt: Date(), payload: .json(Data(#"{"n":1}"#.utf8))),
        ] {
            let store = try await history.store()
            try await store.append([broken], to: StreamName("broken"), expecting: .any)
            try await store.append(
                history.events.prefix(5).map { event in
                    NewEvent(
                        type: event.type, schemaVersion: event.schemaVersion, occurredAt: event.occurredAt,
                        payload: event.payload)
                }, to: StreamName("after"), expecting: .any)
            let expected = await Self.error { _ = try await UsedEventsHashTests.reference(store, scope: .everything) }
            for pageSize in [1, 5, 4096] {
                let got = await Self.error {
                    _ = try await Self.witnessed(store, scope: .everything, pageSize: pageSize)
                }
                #expect(expected != nil, "the sequential chain stops at the broken event")
                #expect(got == expected, "\(broken.type), pages of \(pageSize)")
            }
        }
    }

    /// The description of the error `body` throws; `nil` when it throws none.
    static func error(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
