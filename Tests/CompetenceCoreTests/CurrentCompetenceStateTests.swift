import CompetenceCore
import Foundation
import Testing

@Suite("Current competence state")
struct CurrentCompetenceStateTests {
    /// Persons a1, a2, a3 in acme answer excel in r1 (baseline); a1 answers again in follow-up round r2.
    private func recordAnswers() async throws -> (InMemoryEventStore, CompetenceLedger) {
        let (store, ledger) = try await LedgerFixture.make()
        try await ledger.record(
            ["a1", "a2", "a3"].map { PersonRegistered(person: PersonID($0), organisation: "acme", role: .staff) })
        try await ledger.record(
            [
                SurveyAnswerRecorded(
                    round: "r1", respondent: "a1", organisation: "acme", competence: "excel", current: 2, target: 4,
                    answeredOn: day("2023-09-11")),
                SurveyAnswerRecorded(
                    round: "r1", respondent: "a2", organisation: "acme", competence: "excel", current: 3, target: 4,
                    answeredOn: day("2023-09-12")),
                SurveyAnswerRecorded(
                    round: "r1", respondent: "a3", organisation: "acme", competence: "excel", current: 1,
                    answeredOn: day("2023-09-12")),
                SurveyAnswerRecorded(
                    round: "r1", respondent: "a3", organisation: "acme", competence: "excel", current: 5, target: 5,
                    answeredOn: day("2023-09-12"), rater: .manager),
            ], ids: [fixedID(101), fixedID(102), fixedID(103), fixedID(104)])
        return (store, ledger)
    }

    private func current(_ ledger: CompetenceLedger) async throws -> CurrentCompetenceState {
        CurrentCompetenceState(try await ledger.state())
    }

    @Test func levelsGapsAndMeansAreComputed() async throws {
        let (_, ledger) = try await recordAnswers()
        let state = try await current(ledger)
        let a1 = try #require(state.persons[.init(person: "a1", competence: "excel")])
        #expect((a1.current, a1.target, a1.gap) == (2, 4, 2))
        let a3 = try #require(state.persons[.init(person: "a3", competence: "excel")])
        #expect(a3.current == 1 && a3.target == nil && a3.gap == nil)  // the manager's rating is another perspective

        // acme × excel: p1 (2→4, from the fixture), a1 (2→4), a2 (3→4), a3 (1, no target).
        let acme = try #require(state.organisations[.init(organisation: "acme", competence: "excel")])
        #expect(acme.respondents == 4)
        #expect(acme.meanCurrent == 2.0)  // (2 + 2 + 3 + 1) / 4
        #expect(acme.respondentsWithTarget == 3)
        #expect(acme.meanTarget == 4.0)
        #expect(acme.meanGap == 5.0 / 3.0)  // (2 + 2 + 1) / 3

        let managers = CurrentCompetenceState(try await ledger.state(), rater: .manager)
        #expect(managers.organisations[.init(organisation: "acme", competence: "excel")]?.respondents == 1)
    }

    @Test func theLatestAnswerCountsAndCorrectionsAndVoidsApply() async throws {
        let (_, ledger) = try await recordAnswers()
        try await ledger.record(
            [
                SurveyRoundOpened(
                    round: "r2", kind: .followUp, organisations: ["acme"], competences: ["excel"],
                    opensOn: day("2024-09-02")),
                SurveyAnswerRecorded(
                    round: "r2", respondent: "a1", organisation: "acme", competence: "excel", current: 4, target: 5,
                    answeredOn: day("2024-09-05")),
                SurveyAnswerCorrected(
                    round: "r1", answerEventID: fixedID(102), current: 2, target: 4, correctedOn: day("2023-09-20"),
                    reason: PersonalText("wrong row", about: .person("a2"))),
                EventVoided(
                    voidedEventID: fixedID(103), voidedStream: "round-r1", voidedOn: day("2023-09-21"),
                    reason: "test answer"),
            ])
        let state = try await current(ledger)
        let a1 = try #require(state.persons[.init(person: "a1", competence: "excel")])
        #expect((a1.current, a1.target, a1.gap, a1.round) == (4, 5, 1, "r2"))
        #expect(state.persons[.init(person: "a2", competence: "excel")]?.current == 2)
        #expect(state.persons[.init(person: "a3", competence: "excel")] == nil)
        // acme × excel now: p1 (2→4), a1 (4→5), a2 (2→4).
        let acme = try #require(state.organisations[.init(organisation: "acme", competence: "excel")])
        #expect(acme.respondents == 3)
        #expect(acme.meanCurrent == 8.0 / 3.0)
        #expect(acme.meanTarget == 13.0 / 3.0)
        #expect(acme.meanGap == 5.0 / 3.0)  // (2 + 1 + 2) / 3
        // Three persons gave a target: fewer than the minimum group, so no gap is listed by default.
        #expect(state.largestGaps().isEmpty)
        #expect(state.largestGaps(minimumGroupSize: 3).first?.organisation == "acme")
        #expect(state.largestGaps(minimumGroupSize: 4).isEmpty)
    }

    @Test func replayingTheSameEventsTwiceGivesEqualStates() async throws {
        let (store, _) = try await recordAnswers()
        let runner = ProjectionRunner(store: store, pageSize: 7)
        let first = try await runner.replay(LedgerModel())
        let second = try await runner.replay(LedgerModel())
        #expect(first.state == second.state)
        #expect(CurrentCompetenceState(first.state) == CurrentCompetenceState(second.state))
        #expect(first.checkpoint == (try await store.headPosition()))

        // The same events in another store (with the same recorded times) give an equal state as well.
        let copy = InMemoryEventStore(clock: LedgerFixture.clock)
        for event in try await allEvents(store) {
            try await copy.append(
                [
                    NewEvent(
                        id: event.id, type: event.type, schemaVersion: event.schemaVersion,
                        occurredAt: event.occurredAt,
                        metadata: event.metadata, payload: event.payload)
                ], to: event.stream, expecting: .any)
        }
        #expect(try await ProjectionRunner(store: copy).replay(LedgerModel()).state == first.state)
    }
}
