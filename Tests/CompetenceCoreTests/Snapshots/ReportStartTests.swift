import Foundation
import PropertyBased
import Testing

@testable import CompetenceCore

/// Reports that start from the ledger's snapshot (``ReportStart``): for random histories (corrections, voidings,
/// unknown types) cut anywhere and in every scope, the reports and their whole provenance — history head,
/// used-events hash, every event digest — equal those of a replay of the whole log; and a snapshot that cannot be
/// used (another history, past the scope's end, a day's scope, damaged) is passed over for the whole log.
@Suite("Reports from the ledger's snapshot = reports from the whole log")
struct ReportStartTests {
    static let options = { try! AnalyticsOptions(today: day("2025-12-31"), minimumGroupSize: 1) }()

    /// The ledger's snapshot of the first `cut` events of `history`, saved into `store` (which holds at least
    /// those events, the same ones); `nil` when there was nothing to snapshot.
    static func snapshot(
        _ history: RandomHistory, first cut: Int, into store: InMemoryEventStore
    ) async throws
        -> Int64?
    {
        let prefix = try await history.store(first: cut)
        guard let position = try await CompetenceLedger(store: prefix, checkpoints: prefix).saveSnapshot(),
            let blob = try await prefix.loadCheckpoint(named: CompetenceLedger.checkpointName)
        else { return nil }
        try await store.saveCheckpoint(blob, named: CompetenceLedger.checkpointName)
        return position
    }

    @Test func aReportFromTheSnapshotEqualsOneFromTheWholeLog() async throws {
        await propertyCheck(
            count: 60, input: SnapshotEquivalenceTests.steps, Gen.int(in: 0...100), Gen.int(in: 0...3),
            Gen.int(in: 0...120)
        ) { steps, cutShare, scopeKind, scopeOffset in
            let history = RandomHistory(steps: steps)
            let cut = history.events.count * cutShare / 100
            let scope = SnapshotEquivalenceTests.scope(scopeKind, scopeOffset, events: history.events.count)
            let store = try await history.store()
            let saved = try await Self.snapshot(history, first: cut, into: store)

            let whole = try await AnalyticsReports.replay(
                store, scope: scope, options: Self.options, startingFromSnapshot: false)
            let reports = try await AnalyticsReports.replay(store, scope: scope, options: Self.options)

            #expect(reports.provenance == whole.provenance, "\(history) cut at \(cut), \(scope)")
            #expect(reports.provenance.eventDigests == whole.provenance.eventDigests)
            #expect(reports.matrix == whole.matrix)
            #expect(reports.trainings == whole.trainings)
            #expect(reports.effect == whole.effect)
            #expect(reports.plans == whole.plans)
            #expect(reports.indicators == whole.indicators)
            #expect(reports.practices == whole.practices)
            #expect(reports.outcomes == whole.outcomes)
            #expect(whole.startedFrom == .notCheckpointed)

            // Used exactly when it can be: saved, in a scope that folds every event up to its end, not past it.
            let usable: Bool
            switch scope {
            case .everything: usable = saved != nil
            case .throughPosition(let last): usable = saved.map { $0 <= last } ?? false
            case .asOf, .effectiveOn: usable = false
            }
            if usable {
                #expect(reports.startedFrom == .snapshot(position: saved!), "\(scope), saved at \(saved!)")
            } else {
                #expect(reports.startedFrom != .snapshot(position: saved ?? 0))
            }
        }
    }

    @Test func aSnapshotOfAnotherHistoryIsPassedOver() async throws {
        let history = RandomHistory(steps: (0..<30).map { RandomHistory.Step(kind: $0 % 8, a: $0, b: 3, c: $0) })
        let other = RandomHistory(steps: (0..<30).map { RandomHistory.Step(kind: $0 % 8, a: $0 + 1, b: 2, c: $0) })
        let store = try await history.store()
        // The other history's snapshot, after its steps part from this one's (the set-up is the same): the same
        // ids and positions, other payloads, so its key does not match.
        let cut = history.events.count - 2
        #expect(other.events.count == history.events.count)
        let saved = try await Self.snapshot(other, first: cut, into: store)
        #expect(saved == Int64(cut))
        let reports = try await AnalyticsReports.replay(store, options: Self.options)
        guard case .log(.stale) = reports.startedFrom else {
            Issue.record("started from \(reports.startedFrom)")
            return
        }
        let whole = try await AnalyticsReports.replay(store, options: Self.options, startingFromSnapshot: false)
        #expect(reports.provenance == whole.provenance)
        #expect(reports.matrix == whole.matrix)
    }

    @Test func aDamagedSnapshotIsPassedOver() async throws {
        let history = RandomHistory(steps: (0..<30).map { RandomHistory.Step(kind: $0 % 8, a: $0, b: 3, c: $0) })
        let store = try await history.store()
        _ = try await Self.snapshot(history, first: 25, into: store)
        var blob = try #require(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName))
        blob[blob.count - 9] ^= 0x40
        try await store.saveCheckpoint(blob, named: CompetenceLedger.checkpointName)
        let reports = try await AnalyticsReports.replay(store, options: Self.options)
        guard case .log(.damaged) = reports.startedFrom else {
            Issue.record("started from \(reports.startedFrom)")
            return
        }
        let whole = try await AnalyticsReports.replay(store, options: Self.options, startingFromSnapshot: false)
        #expect(reports.provenance == whole.provenance)
    }

    @Test func digestsStopWithTheChainAndTheSnapshotIsThenPassedOver() async throws {
        // An event whose JSON payload is not JSON has no canonical form: the chain, and the digests, end there.
        let store = InMemoryEventStore()
        let history = RandomHistory(steps: (0..<12).map { RandomHistory.Step(kind: $0 % 8, a: $0, b: 3, c: $0) })
        for (index, event) in history.events.enumerated() {
            try await store.append([event], to: StreamName("s-\(index % 7)"), expecting: .any)
        }
        try await store.append(
            [
                NewEvent(
                    id: fixedID(777_777), type: "FromANewerVersion", occurredAt: Date(),
                    payload: .json(Data("not json".utf8)))
            ],
            to: "s-x", expecting: .any)
        var recorder = RecorderState.snapshotting()
        var chain: HistoryChain? = HistoryChain()
        for event in try await store.readAll(from: 1, limit: .max, filter: .all).events {
            recorder.fold(event, event: try event.decoded(), continuing: &chain)
        }
        #expect(recorder.eventDigests.count == history.events.count)
        #expect(!recorder.digestsAreComplete)
        let start = ReportStart.start(
            from: recorder, at: HistoryAnchor(position: recorder.checkpoint, hash: .zero), through: .max)
        guard case .log(.stale) = start.use else {
            Issue.record("started from \(start.use)")
            return
        }
    }
}
