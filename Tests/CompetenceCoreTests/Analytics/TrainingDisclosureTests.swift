import CompetenceCore
import Testing

/// The training participant figures are protected together: a withheld training or organisation cannot be
/// recovered as a published total (a competence's row, the organisation table, the indicators' participant
/// hours) minus its published neighbours.
@Suite("Analytics: disclosure control of the training figures")
struct TrainingDisclosureTests {
    /// Trainings t1 (3 persons), t2 (6), t3 (7), all targeting excel; t1's persons are in F, the rest in E.
    static func record(_ fixture: AnalyticsFixture) async throws {
        try await fixture.enrol("E")
        try await fixture.enrol("F")
        for (training, persons, hours) in [("t1", 3, 5.0), ("t2", 6, 7.0), ("t3", 7, 11.0)] {
            try await fixture.record(
                TrainingProcured(
                    training: TrainingID(training), title: training, provider: "LAB", kind: .joint,
                    competences: ["excel"], costCents: 100, hours: 12, procuredOn: day("2024-03-01")))
            for person in 0..<persons {
                try await fixture.record(
                    ParticipationRecorded(
                        training: TrainingID(training), person: PersonID("\(training)-\(person)"),
                        organisation: training == "t1" ? "F" : "E", attendedHours: hours, completed: true,
                        completedOn: day("2024-05-01"), recordedOn: day("2024-05-01")))
            }
        }
    }

    @Test func aWithheldTrainingIsNotTheCompetenceTotalMinusTheOthers() async throws {
        let fixture = AnalyticsFixture()
        try await Self.record(fixture)
        let reports = try await fixture.reports()
        let ledger = reports.trainings
        let withheld = ledger.trainings.filter(\.participation.suppressed).map(\.training)
        // t1 is primary; t2 (the smallest published) goes with it: 9 persons, two trainings.
        #expect(withheld == ["t1", "t2"])
        let excel = try #require(ledger.competences.first { $0.competence == "excel" })
        let published = ledger.trainings.compactMap(\.participation.attendedHours).reduce(0, +)
        let hours = try #require(excel.participation.attendedHours)
        // The difference is t1 + t2 together (15 + 42), never t1's 15 alone.
        #expect(hours - published == 57)
        // By organisation: F (3, t1's persons) is withheld, and so is E, else the participant total minus E is F.
        #expect(ledger.organisations.map(\.participation.suppressed) == [true, true])
        #expect(reports.indicators.participantHours == 134)
        #expect(ledger.withheld == WithheldCells(primary: 2, complement: 2))
    }
}
