import Foundation
import Testing

@testable import CompetenceCore

/// `report outcomes` (Kirkpatrick level 4): each measure of an organisation before and after, its change, the
/// practices adopted and trainings completed in between; per organisation and per pilot; small groups withheld.
@Suite("Analytics: outcomes")
struct OutcomeReportTests {
    /// acme: work ability 6.0 → 7.5 (8 respondents), team climate 3.0 → 4.0 (3 respondents: withheld), a
    /// practice adopted and six persons completing a training in between, a pilot from February to May. beta:
    /// client hours 20 → 22 with two persons completing a training in between.
    private func fixture() async throws -> AnalyticsFixture {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("acme")
        try await fixture.enrol("beta")
        try await fixture.enrol("care")
        try await fixture.define("excel")
        for index in 1...6 { try await fixture.register(PersonID("a\(index)"), in: "acme") }
        for index in 1...2 { try await fixture.register(PersonID("b\(index)"), in: "beta") }
        let measures: [(OrganisationID, IndicatorKind, String, Double, String, Int?)] = [
            ("acme", .wellBeing, "work ability index", 6.0, "2024-01-10", 8),
            ("acme", .wellBeing, "team climate", 3.0, "2024-01-10", 3),
            ("beta", .productivity, "client hours", 20, "2024-01-12", nil),
            ("acme", .wellBeing, "work ability index", 7.5, "2024-06-10", 8),
            ("acme", .wellBeing, "team climate", 4.0, "2024-06-10", 3),
            ("beta", .productivity, "client hours", 22, "2024-06-12", nil),
        ]
        for (organisation, kind, name, value, measuredOn, respondents) in measures {
            try await fixture.record(
                IndicatorMeasured(
                    organisation: organisation, indicator: kind, name: name, value: value, unit: "score",
                    measuredOn: day(measuredOn), respondents: respondents))
        }
        try await fixture.record(
            GoodPracticeDocumented(
                practice: "walks", title: "Walking meetings", theme: "well-being", origin: "care", summary: "walk",
                documentedOn: day("2023-12-01")))
        try await fixture.record(
            GoodPracticeAdopted(practice: "walks", organisation: "acme", adoptedOn: day("2024-03-01")))
        // Adopted before the first measurement: not in between.
        try await fixture.record(
            GoodPracticeDocumented(
                practice: "early", title: "Early", theme: "well-being", origin: "care", summary: "early",
                documentedOn: day("2023-12-01")))
        try await fixture.record(
            GoodPracticeAdopted(practice: "early", organisation: "acme", adoptedOn: day("2024-01-05")))
        for (training, organisation, persons) in [("t1", "acme", 1...6), ("t2", "beta", 1...2)]
            as [(TrainingID, OrganisationID, ClosedRange<Int>)]
        {
            try await fixture.record(
                TrainingProcured(
                    training: training, title: "Excel", provider: "Salpaus", kind: .joint, competences: ["excel"],
                    costCents: 100_000, hours: 8, procuredOn: day("2024-02-01")))
            for index in persons {
                let prefix = organisation == "acme" ? "a" : "b"
                try await fixture.record(
                    ParticipationRecorded(
                        training: training, person: PersonID("\(prefix)\(index)"), organisation: organisation,
                        attendedHours: 8, completed: true, completedOn: day("2024-04-01"),
                        recordedOn: day("2024-04-01")))
            }
        }
        try await fixture.record(
            PilotStarted(
                pilot: "acme-pilot", organisation: "acme", theme: "well-being", startedOn: day("2024-02-01"),
                employeesInvolved: 6))
        try await fixture.record(
            PilotCompleted(
                pilot: "acme-pilot", completedOn: day("2024-05-31"), employeesInvolved: 6, outcome: "done"))
        return fixture
    }

    private func row(
        _ report: OutcomeReport, _ scope: OutcomeScope, _ organisation: OrganisationID, _ name: String
    ) -> OutcomeRow? {
        report.rows.first { $0.scope == scope && $0.organisation == organisation && $0.name == name }
    }

    @Test("before, after, change, and the practices and trainings in between, per organisation and per pilot")
    func beforeAndAfter() async throws {
        let report = try await fixture().reports(minimumGroupSize: 1).outcomes
        #expect(report.primaryTable.columns == OutcomeRow.columns)
        #expect(report.withheld == .none)
        let acme = try #require(row(report, .organisation, "acme", "work ability index"))
        #expect(acme.beforeOn == day("2024-01-10") && acme.before == 6.0)
        #expect(acme.afterOn == day("2024-06-10") && acme.after == 7.5 && acme.change == 1.5)
        #expect(acme.practicesAdopted == ["walks"], "the practice adopted before the first measure is not in between")
        #expect(acme.trainingsCompleted == ["t1"] && acme.personsCompleting == 6 && !acme.suppressed)
        let beta = try #require(row(report, .organisation, "beta", "client hours"))
        #expect(beta.change == 2 && beta.trainingsCompleted == ["t2"] && beta.personsCompleting == 2)
        #expect(beta.practicesAdopted.isEmpty)
        let pilot = try #require(row(report, .pilot, "acme", "work ability index"))
        #expect(pilot.pilot == "acme-pilot" && pilot.before == 6.0 && pilot.after == 7.5)
        #expect(report.rows.filter { $0.scope == .pilot }.allSatisfy { $0.organisation == "acme" })
        // Organisation rows first, then pilot rows.
        let scopes: [OutcomeScope] = report.rows.map(\.scope)
        let firstPilot = scopes.firstIndex(of: .pilot) ?? scopes.count
        #expect(firstPilot > 0 && !scopes[firstPilot...].contains(.organisation))
        #expect(
            acme.cells == [
                "organisation", "acme", "", "well-being", "work ability index", "score", "2024-01-10", "6.000",
                "2024-06-10", "7.500", "1.500", "walks", "t1", "6", "false",
            ])
    }

    @Test("a value over too few respondents and a small group of persons completing are withheld")
    func smallGroupsWithheld() async throws {
        let report = try await fixture().reports(minimumGroupSize: 5).outcomes
        let climate = try #require(row(report, .organisation, "acme", "team climate"))
        #expect(climate.before == nil && climate.after == nil && climate.change == nil && climate.suppressed)
        #expect(climate.beforeOn == day("2024-01-10"), "the days are not withheld")
        let beta = try #require(row(report, .organisation, "beta", "client hours"))
        #expect(beta.change == 2, "an indicator without respondents is not a group of persons")
        #expect(beta.personsCompleting == nil && beta.trainingsCompleted.isEmpty && beta.suppressed)
        #expect(beta.cells.suffix(3) == ["", "", "true"])
        let acme = try #require(row(report, .organisation, "acme", "work ability index"))
        #expect(acme.personsCompleting == 6 && !acme.suppressed)
        // team climate: before and after (organisation row and pilot row), beta: persons completing.
        #expect(report.withheld == WithheldCells(primary: 2 + 2 + 1, complement: 0))
    }

    @Test("a single measurement has no after and nothing in between; voided measurements are not read")
    func singleMeasurement() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("solo")
        let id = try await fixture.record(
            IndicatorMeasured(
                organisation: "solo", indicator: .productivity, name: "output", value: 3, unit: "t",
                measuredOn: day("2024-01-01")))
        let report = try await fixture.reports(minimumGroupSize: 1).outcomes
        let only = try #require(report.rows.first)
        #expect(report.rows.count == 1 && only.after == nil && only.change == nil && only.personsCompleting == 0)
        try await fixture.record(
            EventVoided(
                voidedEventID: id, voidedStream: OrganisationID("solo").stream, voidedOn: day("2024-02-01"),
                reason: "wrong unit"))
        #expect(try await fixture.reports(minimumGroupSize: 1).outcomes.rows.isEmpty)
    }
}
