import CompetenceCore
import Foundation

/// A realistic, deterministic history of both programmes, recorded through ``CompetenceLedger``:
///
/// - **LOSSI** (Päijät-Häme, 2023–2025): seven small industrial companies, a 1–5 competence framework,
///   pseudonymous managers, supervisors and staff, the baseline survey of autumn 2023 (with one corrected
///   answer), management interviews, foresight workshops (vision 2030), training needs, joint and
///   company-specific trainings with sessions, participation and feedback, mutual company visits,
///   portfolios, regional forum meetings, the follow-up survey of autumn 2024 (trained persons improve more
///   than untrained ones), sparring visits (one voided and recorded again) and development plans whose
///   actions are partly completed and partly overdue.
/// - **TULOS** (Varsinais-Suomi and Etelä-Pohjanmaa, 2019–2021): welfare and health SMEs and third-sector
///   organisations, a skills survey before and after, pilots, thematic workshops, well-being and
///   productivity indicators before and after, good practices documented, published to SoteNavi and adopted
///   by others, and one organisation that withdrew.
/// - **Participant data** of both programmes (ESF style, at entry and exit), recorded last.
///
/// Ids, dates and levels come from a seeded generator, so every run records the same events with the same
/// ids and two runs give identical projections.
package struct DemoScenario: Sendable {
    /// One call to the ledger: events recorded together (atomically), with their ids.
    package struct Step: Sendable {
        /// What the step records, e.g. "LOSSI baseline survey: konepaja".
        package var title: String
        /// The events, in order.
        package var events: [any LedgerEvent]
        /// Their ids, deterministic.
        package var ids: [UUID]
    }

    /// What recording the scenario did.
    package struct Summary: Hashable, Sendable {
        /// Ledger calls made.
        package var steps: Int
        /// Events recorded.
        package var events: Int
        /// The store's last position after recording.
        package var lastPosition: Int64
    }

    /// The day the scenario is recorded on: "today" for the ledger's rules and for overdue plan actions.
    package static let recordingDay = CalendarDate(year: 2025, month: 1, day: 31)!

    /// A clock fixed at noon UTC of ``recordingDay``.
    package static let clock: @Sendable () -> Date = { recordingDay.startOfDay.addingTimeInterval(12 * 3600) }

    /// The LOSSI baseline and follow-up rounds.
    package static let lossiBaseline: RoundID = "lossi-2023-baseline"
    /// See ``lossiBaseline``.
    package static let lossiFollowUp: RoundID = "lossi-2024-follow-up"
    /// The TULOS skills survey before and after the pilots.
    package static let tulosBaseline: RoundID = "tulos-2020-skills"
    /// See ``tulosBaseline``.
    package static let tulosFollowUp: RoundID = "tulos-2021-skills"

    /// The ledger calls of the scenario, in order.
    package let steps: [Step]

    /// Builds the scenario from a seed (the default gives the documented demo).
    package init(seed: UInt64 = 2023) {
        var builder = ScenarioBuilder(seed: seed)
        builder.buildLOSSI()
        builder.buildTULOS()
        builder.buildParticipantData(seed: seed)
        steps = builder.steps
    }

    /// Every event of the scenario, in order.
    package var events: [any LedgerEvent] { steps.flatMap(\.events) }

    /// Records the scenario through `ledger`, one call per step. Recording it again into the same store
    /// adds nothing (every step is recognised as already recorded).
    @discardableResult
    package func record(into ledger: CompetenceLedger) async throws -> Summary {
        var last: Int64 = 0
        for step in steps {
            let metadata = step.events.indices.map { row in
                EventMetadata(
                    recordedBy: "demo", origin: EventOrigin(source: "demo scenario: \(step.title)", row: row + 1))
            }
            last = try await ledger.record(step.events, ids: step.ids, metadata: metadata).lastPosition
        }
        return Summary(steps: steps.count, events: steps.reduce(0) { $0 + $1.events.count }, lastPosition: last)
    }

    /// Records the scenario into `store` through a ledger with the scenario's fixed ``clock``.
    @discardableResult
    package func record(into store: any EventStore, encoding: PayloadEncoding = .json) async throws -> Summary {
        try await record(
            into: CompetenceLedger(store: store, encoding: encoding, recordedBy: "demo", clock: Self.clock))
    }
}

/// Collects the scenario's steps and hands out deterministic event ids.
struct ScenarioBuilder {
    private(set) var steps: [DemoScenario.Step] = []
    var random: SeededGenerator
    private var nextNumber: UInt64 = 1

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// Adds one ledger call; returns the events' ids.
    @discardableResult
    mutating func add(_ title: String, _ events: [any LedgerEvent]) -> [UUID] {
        guard !events.isEmpty else { return [] }
        let ids = events.map { _ in nextID() }
        steps.append(DemoScenario.Step(title: title, events: events, ids: ids))
        return ids
    }

    /// The levels one person gives one competence in a survey.
    typealias Rating = (current: Int, target: Int?, importance: Int?)

    /// Opens a survey round of `programme` and records its answers, one ledger call per organisation: every
    /// person answers every competence on one day, `firstAnswerOn` plus up to `spread` days (drawn per
    /// person, before their ratings); `rate` gives the levels. Steps are titled "`title` opened" and
    /// "`title`: organisation". Returns the answers with their event ids.
    @discardableResult
    mutating func addSurvey(
        _ title: String, round: RoundID, kind: RoundKind, programme: ProgrammeID,
        people: [(organisation: OrganisationID, persons: [PersonRegistered])], competences: [CompetenceID],
        opensOn: CalendarDate, firstAnswerOn: CalendarDate, spread: Int,
        rate: (inout SeededGenerator, PersonRegistered, CompetenceID) -> Rating
    ) -> [(answer: SurveyAnswerRecorded, id: UUID)] {
        add(
            "\(title) opened",
            [
                SurveyRoundOpened(
                    round: round, kind: kind, organisations: people.map(\.organisation), competences: competences,
                    opensOn: opensOn, programme: programme)
            ])
        var recorded: [(answer: SurveyAnswerRecorded, id: UUID)] = []
        for (organisation, persons) in people {
            var answers: [SurveyAnswerRecorded] = []
            for person in persons {
                let answeredOn = firstAnswerOn.adding(days: random.int(in: 0...spread))
                for competence in competences {
                    let rating = rate(&random, person, competence)
                    answers.append(
                        SurveyAnswerRecorded(
                            round: round, respondent: person.person, organisation: organisation, competence: competence,
                            current: rating.current, target: rating.target, importance: rating.importance,
                            answeredOn: answeredOn))
                }
            }
            recorded += zip(answers, add("\(title): \(organisation)", answers)).map { ($0, $1) }
        }
        return recorded
    }

    private mutating func nextID() -> UUID {
        defer { nextNumber += 1 }
        return UUID(uuidString: String(format: "DE30DE30-2023-4000-8000-%012llX", nextNumber))!
    }
}

/// `CalendarDate` from literal parts the scenario knows to be valid.
func scenarioDay(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    guard let date = CalendarDate(year: year, month: month, day: day) else {
        preconditionFailure("\(year)-\(month)-\(day) is not a day")
    }
    return date
}
