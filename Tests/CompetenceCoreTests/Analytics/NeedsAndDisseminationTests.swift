import Foundation
import Testing

@testable import CompetenceCore

/// Issue 14 items 3 and 4 through the validating ledger: an adoption outside the programme is recorded and
/// counted apart from the programme's own; needs from every source reach the coverage table, and a training
/// and a plan action naming a need are followed by the trace.
@Suite("Analytics: dissemination and need → result")
struct NeedsAndDisseminationTests {
    private func reports(_ store: InMemoryEventStore) async throws -> AnalyticsReports {
        try await AnalyticsReports.replay(
            store, options: AnalyticsOptions(today: LedgerFixture.today, minimumGroupSize: 1))
    }

    @Test("outside adoptions are recorded without enrolment and counted apart in the catalogue and indicators")
    func outsideAdoptions() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        try await ledger.record([
            GoodPracticeAdopted(practice: "pr1", organisation: "acme", adoptedOn: day("2024-05-20")),
            GoodPracticeAdoptedOutside(
                practice: "pr1",
                adopter: OutsideOrganisation(
                    name: "=HYPERLINK(\"http://x\")", kind: .thirdSector, sector: "youth work", region: "Pirkanmaa"),
                adoptedOn: day("2024-06-01"), note: "after the regional forum"),
            GoodPracticeAdoptedOutside(
                practice: "pr1",
                adopter: OutsideOrganisation(
                    name: "Kotiranta Hoiva", kind: .enterprise, sector: "elderly care", region: "Kymenlaakso"),
                adoptedOn: day("2024-06-02")),
        ])
        let reports = try await reports(store)
        let row = try #require(reports.practices.practices.first { $0.practice == "pr1" })
        #expect(row.adoptedBy == ["acme"])
        #expect(row.adoptedOutsideBy == ["=HYPERLINK(\"http://x\")", "Kotiranta Hoiva"])
        let cells = row.cells
        #expect(Array(cells.suffix(2)) == ["2", "=HYPERLINK(\"http://x\")|Kotiranta Hoiva"])
        #expect(cells[PracticeRow.columns.firstIndex(of: "adoptions")!] == "1")
        #expect(reports.indicators.goodPracticeAdoptions == 1 && reports.indicators.goodPracticeAdoptionsOutside == 2)
        // The origin organisation's timeline shows the dissemination.
        let timeline = try reports.timeline(for: "beta")
        #expect(timeline.entries.contains { $0.summary.contains("adopted outside the programme by Kotiranta Hoiva") })
    }

    @Test("needs from every source reach the coverage table; the trace follows a named need to result")
    func needToResult() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        try await ledger.record([
            ManagementInterviewHeld(
                organisation: "acme", interview: "i1", heldOn: day("2024-02-15"), intervieweeRoles: [.manager],
                identifiedNeeds: [IdentifiedNeed(competence: "sales", priority: 1)]),
            TrainingNeedIdentified(
                organisation: "acme", competence: "lean", identifiedOn: day("2024-02-20"), source: .survey, priority: 2),
            LedgerFixture.training {
                $0.needs = [NeedReference(organisation: "acme", competence: "sales", origin: .interview)]
            },
            DevelopmentPlanAdopted(
                plan: "plan2", organisation: "acme", adoptedOn: day("2024-10-02"),
                actions: [
                    PlanAction(
                        action: "s1", competence: "sales",
                        description: PersonalText("Sales", about: .organisation("acme")),
                        targetLevel: 3, dueOn: day("2025-03-31"), ownerRole: .manager, training: "t2", need: .interview)
                ]),
        ])
        let reports = try await reports(store)
        let coverage = reports.trainings.needCoverage.filter { $0.organisation == "acme" }
        let sales = try #require(coverage.first { $0.competence == "sales" && $0.source == .interview })
        #expect(sales.namedBy == ["t2"] && sales.trainings == ["t2"] && sales.covered)
        #expect(sales.identifiedOn == day("2024-02-15"))
        let lean = try #require(coverage.first { $0.competence == "lean" && $0.source == .trainingNeed })
        #expect(lean.namedBy.isEmpty && lean.trainings == ["tc"], "the company training for acme targets lean")
        #expect(coverage.contains { $0.source == .surveyGap && $0.competence == "excel" })
        #expect(reports.trainings.tables.map(\.name).contains("need_coverage"))

        let trace = try reports.trace(for: "acme")
        let step = try #require(trace.rows.first { $0.competence == "sales" })
        #expect(step.source == .interview && step.training == "t2" && step.link == .named)
        #expect(step.plan == "plan2" && step.action == "s1" && step.actionStatus == .planned)
        // The excel gap: no excel training involves acme by name or participation, so the row has no training,
        // but plan1's excel action (naming neither) takes it up.
        let excel = try #require(trace.rows.first { $0.competence == "excel" && $0.source == .surveyGap })
        #expect(excel.plan == "plan1" && excel.action == "a1")
        #expect(throws: AnalyticsError.unknownOrganisation("nowhere")) { try reports.trace(for: "nowhere") }
    }
}
