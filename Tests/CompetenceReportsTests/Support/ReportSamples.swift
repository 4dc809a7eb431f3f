import CompetenceCore
import CompetenceScenario
import Foundation

/// The reports the tests render: the demo scenario's, an empty store's, and a small programme whose ids,
/// names and titles are hostile markup.
enum ReportSamples {
    /// The demo scenario, recorded once per test process.
    private static let demoStore = Task { () async throws -> InMemoryEventStore in
        let store = InMemoryEventStore(clock: DemoScenario.clock)
        try await DemoScenario().record(into: store)
        return store
    }

    /// The demo's reports, judged on the scenario's recording day.
    static func demo(
        minimumGroupSize: Int = AnalyticsOptions.defaultMinimumGroupSize, scope: ReplayScope = .everything
    )
        async throws -> AnalyticsReports
    {
        try await AnalyticsReports.replay(
            try await demoStore.value, scope: scope,
            options: AnalyticsOptions(today: DemoScenario.recordingDay, minimumGroupSize: minimumGroupSize))
    }

    /// The reports of a store with no events.
    static func empty() async throws -> AnalyticsReports {
        try await AnalyticsReports.replay(
            InMemoryEventStore(), options: AnalyticsOptions(today: DemoScenario.recordingDay))
    }

    /// An organisation id that is a script element. The ledger refuses such ids now (the id grammar), but a
    /// history recorded before the grammar, or appended to a store directly, may hold them: reports must
    /// still show them as text.
    static let hostileOrganisation: OrganisationID = "<script>alert('org')</script>"
    /// A competence id that closes an attribute and opens an element.
    static let hostileCompetence: CompetenceID = "\"><svg/onload=alert(1)>"

    /// One organisation, one competence, two persons answering before and after, one training, all named
    /// with markup; reports with a minimum group of 1 so every figure is shown.
    static func hostile() async throws -> AnalyticsReports {
        let store = InMemoryEventStore()
        let ledger = HostileWriter(store: store)
        let day = { (text: String) in CalendarDate(text)! }
        let persons: [PersonID] = ["p1", "p2"]
        let definitions: [any LedgerEvent] = [
            OrganisationEnrolled(
                organisation: hostileOrganisation, name: "Evil \"Oy\" & <b>Co</b>", kind: .enterprise,
                sector: "<i>metal</i>", sizeClass: .small, region: "Häme'; DROP TABLE"),
            CompetenceDefined(
                competence: hostileCompetence, name: "<script>alert(\"name\")</script>", category: "a,b\"c",
                scale: .standard),
        ]
        let registrations: [any LedgerEvent] = persons.map {
            PersonRegistered(person: $0, organisation: hostileOrganisation, role: .staff)
        }
        try await ledger.record(definitions + registrations)
        for (round, kind, answeredOn, levels) in [
            ("r1", RoundKind.baseline, "2024-01-10", [2, 3]), ("r2", .followUp, "2024-09-10", [4, 4]),
        ] {
            let opening: [any LedgerEvent] = [
                SurveyRoundOpened(
                    round: RoundID(round), kind: kind, organisations: [hostileOrganisation],
                    competences: [hostileCompetence], opensOn: day(answeredOn))
            ]
            let answers: [any LedgerEvent] = zip(persons, levels).map { person, level in
                SurveyAnswerRecorded(
                    round: RoundID(round), respondent: person, organisation: hostileOrganisation,
                    competence: hostileCompetence, current: level, target: 5, importance: 4,
                    answeredOn: day(answeredOn))
            }
            try await ledger.record(opening + answers)
        }
        let training: [any LedgerEvent] = [
            TrainingProcured(
                training: "t1", title: "</title><script>alert('t')</script>", provider: "<b>Salpaus</b>",
                kind: .joint, competences: [hostileCompetence], costCents: 100_000, hours: 8,
                procuredOn: day("2024-02-01")),
            ParticipationRecorded(
                training: "t1", person: "p1", organisation: hostileOrganisation, attendedHours: 8, completed: true,
                completedOn: day("2024-03-01"), recordedOn: day("2024-03-01")),
        ]
        try await ledger.record(training)
        let measures: [any LedgerEvent] = [("2024-01-05", 6.0), ("2024-10-05", 7.0)].map { measuredOn, value in
            IndicatorMeasured(
                organisation: hostileOrganisation, indicator: .wellBeing, name: "<i>work</i> ability \"index\"",
                value: value, unit: "'score'", measuredOn: day(measuredOn))
        }
        try await ledger.record(measures)
        return try await AnalyticsReports.replay(
            store, options: AnalyticsOptions(today: day("2024-12-31"), minimumGroupSize: 1))
    }
}

extension ReportSamples {
    /// Four organisations of ten persons each, answering four competences with long names before and after a
    /// training that five of each organisation complete: enough people that the default minimum group of 5
    /// withholds nothing in the effect report, so every forest-plot row is drawn.
    static func crowded() async throws -> AnalyticsReports {
        let store = InMemoryEventStore()
        let ledger = HostileWriter(store: store)
        let day = { (text: String) in CalendarDate(text)! }
        let organisations: [OrganisationID] = [
            "konepaja-virtanen", "hoivakoti-aurinko", "metalli-lahti", "kotihoito-heinola",
        ]
        let competences: [CompetenceID] = [
            "occupational-safety", "production-planning", "quality-management", "digital-marketing",
        ]
        var events: [any LedgerEvent] = []
        for (index, organisation) in organisations.enumerated() {
            events.append(
                OrganisationEnrolled(
                    organisation: organisation, name: organisation.rawValue, kind: .enterprise, sector: "metal",
                    sizeClass: .small, region: index % 2 == 0 ? "Päijät-Häme" : "Kanta-Häme"))
        }
        for competence in competences {
            events.append(
                CompetenceDefined(competence: competence, name: competence.rawValue, category: "c", scale: .standard))
        }
        let persons = organisations.flatMap { organisation in
            (1...10).map { (PersonID("\(organisation.rawValue)-\($0)"), organisation, $0) }
        }
        events += persons.map { PersonRegistered(person: $0.0, organisation: $0.1, role: .staff) }
        try await ledger.record(events)
        for (roundName, kind, answeredOn) in [
            ("r1", RoundKind.baseline, "2024-01-10"), ("r2", .followUp, "2024-09-10"),
        ] {
            var round: [any LedgerEvent] = [
                SurveyRoundOpened(
                    round: RoundID(roundName), kind: kind, organisations: organisations, competences: competences,
                    opensOn: day(answeredOn))
            ]
            for (person, organisation, number) in persons {
                for (offset, competence) in competences.enumerated() {
                    let base = 1 + (number + offset) % 3
                    let gain = kind == .baseline ? 0 : (number <= 5 ? 1 + (number + offset) % 2 : (number + offset) % 2)
                    round.append(
                        SurveyAnswerRecorded(
                            round: RoundID(roundName), respondent: person,
                            organisation: organisation, competence: competence, current: base + gain, target: 5,
                            importance: 4, answeredOn: day(answeredOn)))
                }
            }
            try await ledger.record(round)
        }
        var training: [any LedgerEvent] = [
            TrainingProcured(
                training: "t1", title: "Safety and planning", provider: "Salpaus", kind: .joint,
                competences: competences, costCents: 100_000, hours: 8, procuredOn: day("2024-02-01"))
        ]
        for (person, organisation, number) in persons where number <= 5 {
            training.append(
                ParticipationRecorded(
                    training: "t1", person: person, organisation: organisation, attendedHours: 8, completed: true,
                    completedOn: day("2024-03-01"), recordedOn: day("2024-03-01")))
        }
        try await ledger.record(training)
        return try await AnalyticsReports.replay(store, options: AnalyticsOptions(today: day("2024-12-31")))
    }
}

/// Appends catalogue events straight to a store, without the ledger's validation: a history written before
/// the id grammar existed.
struct HostileWriter {
    let store: any EventStore

    func record(_ events: [any LedgerEvent]) async throws {
        for event in events {
            try await store.append([try event.proposed()], to: event.stream, expecting: .any)
        }
    }
}
