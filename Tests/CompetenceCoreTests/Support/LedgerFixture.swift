import Foundation

@testable import CompetenceCore

/// Shorthand for a calendar day in tests: `day("2024-03-01")`.
func day(_ text: String) -> CalendarDate {
    guard let date = CalendarDate(text) else { preconditionFailure("\(text) is not a date") }
    return date
}

/// A deterministic UUID from a small number, for ids the tests refer to.
func fixedID(_ number: Int) -> UUID {
    UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", number))!
}

/// A small ledger with one of everything, for validation and recording tests.
///
/// Programme `lossi` runs 2023-01-01 – 2024-12-31 and `tulos` 2023-03-01 – 2025-12-31; the clock says
/// 2025-06-30. Organisations `acme` and `beta` (LOSSI), `gamma` (LOSSI, not in round r1), `gone` (withdrawn
/// 2024-03-01), `care` (TULOS). Competences `excel`, `lean`, `sales` (1–5), `safety` (0–3), `typing` (retired
/// 2024-01-01). Persons `p1` (acme), `p2` (beta), `p3` (gamma). Round `r1` (open, acme+beta, excel/lean/safety)
/// and `r0` (closed 2023-06-01). Answer ``answerID`` by p1. Trainings `t1` (joint, 14 h) and `tc` (acme only).
/// Plan `plan1` (acme, action `a1`), practice `pr1` (from beta), pilot `pi1` (acme, started 2024-02-01).
enum LedgerFixture {
    static let today = day("2025-06-30")
    static let clock: @Sendable () -> Date = { LedgerFixture.today.startOfDay.addingTimeInterval(12 * 3600) }
    static let answerID = fixedID(1)
    static let acmeEnrolmentID = fixedID(2)

    static let setUp: [any LedgerEvent] = [
        ProgrammeSetUp(
            programme: "lossi", name: "LOSSI", funder: "ESF+", regions: ["Päijät-Häme"], startsOn: day("2023-01-01"),
            endsOn: day("2024-12-31")),
        ProgrammeSetUp(programme: "tulos", name: "TULOS", startsOn: day("2023-03-01"), endsOn: day("2025-12-31")),
        CompetenceFrameworkDefined(framework: "fw", name: "Industrial", scale: .standard),
        CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard, framework: "fw"),
        CompetenceDefined(competence: "lean", name: "Lean", category: "production", scale: .standard),
        CompetenceDefined(competence: "sales", name: "Sales", category: "business", scale: .standard),
        CompetenceDefined(
            competence: "safety", name: "Safety", category: "production", scale: LevelScale(minimum: 0, maximum: 3)),
        CompetenceDefined(competence: "typing", name: "Typing", category: "digital", scale: .standard),
        CompetenceRetired(competence: "typing", retiredOn: day("2024-01-01"), reason: "obsolete"),
        OrganisationEnrolled(
            organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
            region: "Päijät-Häme", programme: "lossi", enrolledOn: day("2023-02-01")),
        OrganisationEnrolled(
            organisation: "beta", name: "Beta Oy", kind: .enterprise, sector: "wood", sizeClass: .micro,
            region: "Päijät-Häme", programme: "lossi", enrolledOn: day("2023-02-01")),
        OrganisationEnrolled(
            organisation: "gamma", name: "Gamma Oy", kind: .enterprise, sector: "plastics", sizeClass: .small,
            region: "Päijät-Häme", programme: "lossi"),
        OrganisationEnrolled(
            organisation: "gone", name: "Gone Oy", kind: .enterprise, sector: "metal", sizeClass: .micro,
            region: "Päijät-Häme", programme: "lossi"),
        OrganisationWithdrawn(
            organisation: "gone", withdrawnOn: day("2024-03-01"),
            reason: PersonalText("closed down", about: .organisation("gone"))),
        OrganisationEnrolled(
            organisation: "care", name: "Care ry", kind: .thirdSector, sector: "home care", sizeClass: .small,
            region: "Varsinais-Suomi", programme: "tulos"),
        PersonRegistered(person: "p1", organisation: "acme", role: .staff),
        PersonRegistered(person: "p2", organisation: "beta", role: .manager),
        PersonRegistered(person: "p3", organisation: "gamma", role: .staff),
        SurveyRoundOpened(
            round: "r0", kind: .baseline, organisations: ["acme"], competences: ["excel"], opensOn: day("2023-05-01"),
            programme: "lossi"),
        SurveyRoundClosed(round: "r0", closedOn: day("2023-06-01")),
        SurveyRoundOpened(
            round: "r1", kind: .baseline, organisations: ["acme", "beta"], competences: ["excel", "lean", "safety"],
            opensOn: day("2023-09-01"), programme: "lossi"),
        SurveyAnswerRecorded(
            round: "r1", respondent: "p1", organisation: "acme", competence: "excel", current: 2, target: 4,
            importance: 4, answeredOn: day("2023-09-10")),
        TrainingProcured(
            training: "t1", title: "Excel basics", provider: "Salpaus", kind: .joint, competences: ["excel"],
            costCents: 480_000, hours: 14, procuredOn: day("2024-01-10"), programme: "lossi"),
        TrainingProcured(
            training: "tc", title: "Lean at Acme", provider: "LAB", kind: .company, competences: ["lean"],
            costCents: 250_000, hours: 8, procuredOn: day("2024-02-10"), organisations: ["acme"]),
        DevelopmentPlanAdopted(
            plan: "plan1", organisation: "acme", adoptedOn: day("2024-10-01"),
            actions: [
                PlanAction(
                    action: "a1", competence: "excel",
                    description: PersonalText("Excel for all planners", about: .organisation("acme")), targetLevel: 4,
                    dueOn: day("2025-03-31"), ownerRole: .supervisor)
            ]),
        GoodPracticeDocumented(
            practice: "pr1", title: "Weekly skills huddle", theme: "learning at work", origin: "beta",
            summary: "Ten minutes every Monday", documentedOn: day("2024-05-01")),
        PilotStarted(
            pilot: "pi1", organisation: "acme", theme: "well-being", startedOn: day("2024-02-01"), employeesInvolved: 12
        ),
    ]

    /// The ids of the set-up events: fixed where tests refer to them, otherwise deterministic too.
    static var setUpIDs: [UUID] {
        setUp.indices.map { index in
            if setUp[index] is SurveyAnswerRecorded { return answerID }
            if let enrolment = setUp[index] as? OrganisationEnrolled, enrolment.organisation == "acme" {
                return acmeEnrolmentID
            }
            return fixedID(1000 + index)
        }
    }

    /// A store holding the fixture, and a ledger over it with the fixture's clock.
    static func make() async throws -> (InMemoryEventStore, CompetenceLedger) {
        let store = InMemoryEventStore(clock: clock)
        let ledger = CompetenceLedger(store: store, recordedBy: "tests", clock: clock)
        try await ledger.record(setUp, ids: setUpIDs)
        return (store, ledger)
    }

    /// A valid answer of p2 (beta) about excel in r1, to change one field of.
    static func answer(_ change: (inout SurveyAnswerRecorded) -> Void = { _ in }) -> SurveyAnswerRecorded {
        var answer = SurveyAnswerRecorded(
            round: "r1", respondent: "p2", organisation: "beta", competence: "excel", current: 3, target: 4,
            importance: 4,
            answeredOn: day("2023-09-12"))
        change(&answer)
        return answer
    }

    /// A valid joint training to change one field of.
    static func training(_ change: (inout TrainingProcured) -> Void = { _ in }) -> TrainingProcured {
        var training = TrainingProcured(
            training: "t2", title: "Sales", provider: "LAB", kind: .joint, competences: ["sales"], costCents: 100_000,
            hours: 7, procuredOn: day("2024-03-01"), programme: "lossi")
        change(&training)
        return training
    }
}
