import Foundation
import PropertyBased
import Testing

@testable import CompetenceCore

/// For random histories (``RandomHistory``): a snapshot taken part-way and caught up to the end gives exactly
/// the state, the reports and the recorder's validation state of a full replay — in every replay scope.
@Suite("Snapshots: snapshot + catch-up = full replay")
struct SnapshotEquivalenceTests {
    static let steps = zip(Gen.int(in: 0...11), Gen.int(in: 0...9), Gen.int(in: 0...9), Gen.int(in: 0...40))
        .map { RandomHistory.Step(kind: $0, a: $1, b: $2, c: $3) }
        .array(of: 0...60)

    /// A scope: everything, as recorded by a day, as things stood on a day, or through a position.
    static func scope(_ kind: Int, _ offset: Int, events: Int) -> ReplayScope {
        switch kind {
        case 0: .everything
        case 1: .asOf(day("2024-06-01").adding(days: offset / 24))
        case 2: .effectiveOn(day("2023-09-01").adding(days: offset * 12))
        default: .throughPosition(Int64(offset % (events + 2)))
        }
    }

    @Test func aLedgerStateSnapshotCaughtUpEqualsAFullReplay() async throws {
        await propertyCheck(
            count: 60, input: Self.steps, Gen.int(in: 0...100), Gen.int(in: 0...3), Gen.int(in: 0...120)
        ) { steps, cutShare, scopeKind, scopeOffset in
            let history = RandomHistory(steps: steps)
            let cut = history.events.count * cutShare / 100
            let scope = Self.scope(scopeKind, scopeOffset, events: history.events.count)
            let full = try await history.store()
            let prefix = try await history.store(first: cut)
            let model = LedgerModel()

            let expected = try await ProjectionRunner(store: full).replay(model, scope: scope)
            let part = try await ProjectionRunner(store: prefix, pageSize: 5)
                .replay(model, scope: scope, state: model.initialCheckpointableState())
            let restored = try model.state(fromCheckpointPayload: try model.checkpointPayload(of: part.state))
            let readBack = restored == part.state
            #expect(readBack, "the snapshot reads back as the state it was taken of")
            #expect(restored.keepsReplayLog)
            let resumed = try await ProjectionRunner(store: full, pageSize: 7)
                .replay(model, scope: scope, resumingFrom: part.checkpoint, state: restored)

            let same = resumed.state == expected.state
            #expect(same, "\(history) cut at \(cut), \(scope)")
            #expect(resumed.state.answers.map(\.self) == expected.state.answers.map(\.self))
            for minimumGroupSize in [1, 5] {
                let options = try AnalyticsOptions(today: day("2025-12-31"), minimumGroupSize: minimumGroupSize)
                let mine = try AnalyticsReports(state: resumed.state, scope: scope, options: options)
                let theirs = try AnalyticsReports(state: expected.state, scope: scope, options: options)
                #expect(mine.matrix == theirs.matrix)
                #expect(mine.trainings == theirs.trainings)
                #expect(mine.effect == theirs.effect)
                #expect(mine.plans == theirs.plans)
                #expect(mine.indicators == theirs.indicators)
                #expect(mine.practices == theirs.practices)
            }
            let recorded = CurrentCompetenceState(resumed.state, rater: .manager)
            #expect(recorded == CurrentCompetenceState(expected.state, rater: .manager))
        }
    }

    @Test func aRecorderSnapshotCaughtUpEqualsAFullFold() async throws {
        await propertyCheck(count: 60, input: Self.steps, Gen.int(in: 0...100)) { steps, cutShare in
            let history = RandomHistory(steps: steps)
            let cut = history.events.count * cutShare / 100
            let full = try await history.store()
            let all = try await full.readAll(from: 1, limit: .max, filter: .all).events

            var expected = RecorderState()
            for event in all { try expected.fold(event) }

            var part = RecorderState.snapshotting()
            for event in all.prefix(cut) { try part.fold(event) }
            let eventID = cut == 0 ? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) : all[cut - 1].id
            var chain = HistoryChain()
            for event in all.prefix(cut) { try chain.append(event) }
            var (restored, header) = try RecorderState.restore(
                from: part.snapshot(eventID: eventID, headHash: chain.head.hash))
            #expect(header.position == Int64(cut))
            #expect(header.eventID == eventID)
            #expect(header.headHash == chain.head.hash)
            #expect(await SnapshotKey.check(header, against: full) == .success(chain.head))
            for event in all.dropFirst(cut) { try restored.fold(event) }

            let same = restored.ledger == expected.ledger
            #expect(same, "\(history) cut at \(cut)")
            #expect(restored.checkpoint == expected.checkpoint)
            for event in all {
                #expect(restored.event(event.id) == expected.event(event.id))
                #expect(restored.version(of: event.stream) == expected.version(of: event.stream))
            }
            #expect(restored.event(fixedID(999_999)) == nil)
            for answer in expected.ledger.answers {
                #expect(restored.answerID(sameKeyAs: answer.event) == expected.answerID(sameKeyAs: answer.event))
            }
            for round in RandomHistory.rounds {
                for person in RandomHistory.persons {
                    for competence in RandomHistory.competences {
                        let probe = SurveyAnswerRecorded(
                            round: round, respondent: person, organisation: "acme", competence: competence, current: 1,
                            answeredOn: day("2024-01-01"))
                        #expect(restored.answerID(sameKeyAs: probe) == expected.answerID(sameKeyAs: probe))
                    }
                }
            }
        }
    }
}
