import CompetenceCore
import Foundation
import Testing

@Suite("Analytics: time travel and determinism")
struct AnalyticsTimeTravelTests {
    /// Organisation A, excel, one round; minimum group size 1 so single answers show.
    ///
    ///   pos  event                                  happened     recorded
    ///   1-3  enrolment, competence, round opened    (defs)/01-10 01-01/01-10
    ///   4    p1 current 2                           2024-01-12   2024-01-12
    ///   5    p3 current 1                           2024-02-10   2024-02-10
    ///   6    p2 current 3 (entered late)            2024-01-15   2024-02-20
    ///   7    p1 corrected to 4                      2024-03-01   2024-03-01
    ///
    /// mean current of A/excel:
    /// - everything: 4, 1, 3 → 8/3 = 2.667
    /// - as recorded by 2024-01-31: positions 1–4, p1 not yet corrected → 2.000 (n 1)
    /// - as things stood on 2024-01-31: p1 (corrected: 4) and p2 (happened 01-15) → 3.500 (n 2); p3 happened later
    /// - through position 5: p1 = 2, p3 = 1 → 1.500
    private func recordScenario(_ fixture: AnalyticsFixture) async throws {
        try await fixture.record(
            OrganisationEnrolled(
                organisation: "A", name: "A", kind: .enterprise, sector: "metal", sizeClass: .small, region: "PH"),
            recordedOn: day("2024-01-01"))
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "r", kind: .baseline, organisations: ["A"], competences: ["excel"], opensOn: day("2024-01-10")),
            recordedOn: day("2024-01-10"))
        let p1 = try await fixture.record(
            SurveyAnswerRecorded(
                round: "r", respondent: "p1", organisation: "A", competence: "excel", current: 2,
                answeredOn: day("2024-01-12")), recordedOn: day("2024-01-12"))
        try await fixture.record(
            SurveyAnswerRecorded(
                round: "r", respondent: "p3", organisation: "A", competence: "excel", current: 1,
                answeredOn: day("2024-02-10")), recordedOn: day("2024-02-10"))
        try await fixture.record(
            SurveyAnswerRecorded(
                round: "r", respondent: "p2", organisation: "A", competence: "excel", current: 3,
                answeredOn: day("2024-01-15")), recordedOn: day("2024-02-20"))
        try await fixture.record(
            SurveyAnswerCorrected(
                round: "r", answerEventID: p1, current: 4, correctedOn: day("2024-03-01"),
                reason: PersonalText("misread", about: .person("p1"))),
            recordedOn: day("2024-03-01"))
    }

    @Test(arguments: [
        (ReplayScope.everything, "3", "2.667", Int64(7), 7),
        (.asOf(day("2024-01-31")), "1", "2.000", 4, 4),
        (.effectiveOn(day("2024-01-31")), "2", "3.500", 7, 6),
        (.throughPosition(5), "2", "1.500", 5, 5),
    ])
    func scopesGiveTheirOwnAnswers(
        scope: ReplayScope, respondents: String, mean: String, lastPosition: Int64, events: Int
    ) async throws {
        let fixture = AnalyticsFixture()
        try await recordScenario(fixture)
        let reports = try await fixture.reports(scope, minimumGroupSize: 1)
        let row = reports.matrix.primaryTable.row("A", "excel")
        #expect(row?["respondents"] == respondents)
        #expect(row?["mean_current"] == mean)
        #expect(reports.provenance.scope == scope)
        #expect(reports.provenance.lastPosition == lastPosition)
        #expect(reports.provenance.eventCount == events)
    }

    @Test func twoReplaysGiveEqualReportsAndProvenance() async throws {
        let fixture = AnalyticsFixture()
        try await AnalyticsEffectTests.recordScenario(fixture)
        let first = try await fixture.reports()
        let second = try await fixture.reports()
        #expect(first == second)
        let reports: [(AnalyticsReports) -> any TabularReport] = [
            { $0.matrix }, { $0.trainings }, { $0.effect }, { $0.plans }, { $0.practices },
        ]
        for report in reports {
            #expect(report(first).tables == report(second).tables)
        }
        #expect(first.provenance.usedEventsHash == second.provenance.usedEventsHash)
        #expect(first.provenance.usedEventsHash != .zero)
        // Over everything, the events used are the whole history: the hash is the history head's.
        #expect(first.provenance.head?.hash == first.provenance.usedEventsHash)
        // A different part of the history has a different hash of the events used.
        let earlier = try await fixture.reports(.throughPosition(first.provenance.lastPosition - 1))
        #expect(earlier.provenance.usedEventsHash != first.provenance.usedEventsHash)
    }
}
