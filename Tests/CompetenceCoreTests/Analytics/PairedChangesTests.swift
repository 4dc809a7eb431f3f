import Foundation
import PropertyBased
import Testing

@testable import CompetenceCore

/// ``PairedChanges`` pairs each person's answers in slots by competence number; these tests hold it to the rule
/// as first written, with a dictionary per person (the oracle below): over random histories with two baseline
/// and two follow-up rounds, a round never opened, several raters, then-test answers, corrections, voidings and
/// trainings, in every scope, for every rater and for none, the pairs are the same and in the same order.
@Suite("Paired changes")
struct PairedChangesTests {
    @Test func pairsAsTheRuleDoesOverRandomHistories() async throws {
        await propertyCheck(
            count: 80, input: SnapshotEquivalenceTests.steps, Gen.int(in: 0...3), Gen.int(in: 0...120)
        ) { steps, scopeKind, scopeOffset in
            let history = RandomHistory(steps: steps, moreRounds: true)
            let scope = SnapshotEquivalenceTests.scope(scopeKind, scopeOffset, events: history.events.count)
            let state = try await ProjectionRunner(store: try await history.store())
                .replay(LedgerModel(), scope: scope).state
            for rater in [nil] + Rater.allCases {
                let pairs = PairedChanges(in: state, rater: rater)
                let expected = Self.oracle(state, rater: rater)
                #expect(pairs.byCompetence == expected, "\(history), \(scope), rater \(rater.map(\.rawValue) ?? "any")")
            }
        }
    }

    /// A history whose pairs are known: the earliest baseline round is paired with the latest follow-up round,
    /// answers in a round never opened are left out, a then-test counts only in the follow-up's round, and each
    /// rater pairs alone. (A step's `c` picks the round, r1 rf r0 rg rx, and the level, `c % 5 + 1`.)
    @Test func pairsTheEarliestBaselineWithTheLatestFollowUp() async throws {
        let steps: [RandomHistory.Step] = [
            // p1 (a = 0) on excel (b = 0), by themselves: r0 (c = 2, level 3), r1 (level 1), rf (level 2), rg
            // (level 4) and rx (never opened, level 5).
            (0, 0, 0, 2), (0, 0, 0, 0), (0, 0, 0, 1), (0, 0, 0, 3), (0, 0, 0, 4),
            // A then-test in rf (kind 1), which is not the follow-up's round.
            (1, 0, 0, 1),
            // The manager (kind 2) in rf only: no baseline, so no pair.
            (2, 0, 0, 1),
        ]
        let history = RandomHistory(steps: steps, moreRounds: true)
        let state = try await ProjectionRunner(store: try await history.store()).replay(LedgerModel()).state
        let pairs = PairedChanges(in: state, rater: nil)
        #expect(pairs.byCompetence == Self.oracle(state, rater: nil))
        let excel = pairs.byCompetence["excel"] ?? []
        let own = excel.filter { $0.rater == Rater.`self`.rowNumber && $0.organisation == 0 }
        #expect(own.map { [$0.baseline, $0.followUp] } == [[3, 4]])
        #expect(own.first?.retrospective == nil)
        #expect(!excel.contains { $0.rater == Rater.manager.rowNumber })
    }

    /// The rule as first written: per person and rater, the latest answer per round and competence (kept in
    /// dictionaries), the earliest baseline round's and the latest follow-up round's, and the then-test in the
    /// follow-up's round.
    static func oracle(_ state: LedgerState, rater: Rater?) -> [CompetenceID: [PairedChange]] {
        struct RoundCompetence: Hashable {
            var round: Int32
            var competence: Int32
        }
        func latest(_ answers: [AnswerRow]) -> [AnswerRow] {
            var latest: [RoundCompetence: AnswerRow] = [:]
            for answer in answers {
                let key = RoundCompetence(round: answer.round, competence: answer.competence)
                if let incumbent = latest[key], !answer.isLater(than: incumbent) { continue }
                latest[key] = answer
            }
            return Array(latest.values)
        }
        let table = state.answers
        let rounds = table.rounds.identifiers.map { state.rounds[$0] }
        let order = rounds.indices.filter { rounds[$0] != nil }.sorted {
            (rounds[$0]!.opening.event.opensOn, rounds[$0]!.id) < (rounds[$1]!.opening.event.opensOn, rounds[$1]!.id)
        }
        var rank = [Int](repeating: -1, count: rounds.count)
        for (place, number) in order.enumerated() { rank[number] = place }
        var changes: [Int32: [PairedChange]] = [:]
        LatestAnswers.byPerson(table, rater: rater, round: nil, perspective: nil) { person, answers in
            for raterNumber in Set(answers.map(\.rater)).sorted() {
                var baselines: [Int32: AnswerRow] = [:]
                var followUps: [Int32: AnswerRow] = [:]
                var retrospectives: [RoundCompetence: Int] = [:]
                let rated = answers.filter { $0.rater == raterNumber }
                for answer in latest(rated.filter { $0.perspective == .retrospectivePre }) {
                    retrospectives[RoundCompetence(round: answer.round, competence: answer.competence)] = answer.current
                }
                for answer in latest(rated.filter { $0.perspective == .current }) {
                    let place = rank[Int(answer.round)]
                    guard place >= 0, let round = rounds[Int(answer.round)] else { continue }
                    switch round.kind {
                    case .baseline:
                        if let kept = baselines[answer.competence], rank[Int(kept.round)] < place { continue }
                        baselines[answer.competence] = answer
                    case .followUp:
                        if let kept = followUps[answer.competence], rank[Int(kept.round)] > place { continue }
                        followUps[answer.competence] = answer
                    }
                }
                for (competence, baseline) in baselines {
                    guard let followUp = followUps[competence] else { continue }
                    let group = Self.group(
                        state, person: table.persons[person], competence: table.competences[competence],
                        baselineOn: CalendarDate(daysSinceEpoch: Int(baseline.answeredOn)),
                        followUpOn: CalendarDate(daysSinceEpoch: Int(followUp.answeredOn)))
                    changes[competence, default: []].append(
                        PairedChange(
                            organisation: baseline.organisation, rater: raterNumber, baseline: baseline.current,
                            followUp: followUp.current, group: group,
                            retrospective: retrospectives[
                                RoundCompetence(round: followUp.round, competence: competence)],
                            followUpOn: max(followUp.answeredOn, baseline.answeredOn)))
                }
            }
        }
        return Dictionary(uniqueKeysWithValues: changes.map { (table.competences[$0.key], $0.value) })
    }

    /// `TrainingGroup`'s rule, from the trainings' participations by identifier.
    static func group(
        _ state: LedgerState, person: PersonID, competence: CompetenceID, baselineOn: CalendarDate,
        followUpOn: CalendarDate
    ) -> TrainingGroup {
        var trained = false
        var attended = false
        for training in state.trainings.values where training.procurement.event.competences.contains(competence) {
            for recorded in training.participations where recorded.event.person == person {
                let event = recorded.event
                let completedOn = event.completed ? (event.completedOn ?? event.recordedOn) : nil
                if let completedOn, completedOn > baselineOn, completedOn <= followUpOn { trained = true }
                if min(event.recordedOn, completedOn ?? event.recordedOn) <= followUpOn { attended = true }
            }
        }
        return trained ? .trained : attended ? .attended : .untrained
    }
}
