import Foundation
import Testing

@testable import CompetenceCore

/// Report scope (issue 12 item 4): a programme or pilot resolved once against the state, the state narrowed
/// once, unknown ids refused by name, per-programme indicators, and programme as a linked dimension of the
/// public disclosure pass (a subtraction across programme-scoped reports gives nothing back).
@Suite("Analytics: report scope by programme and pilot")
struct ReportScopeTests {
    /// LOSSI: A and B (six persons each); TULOS: C (three persons). One round (no programme) asks all three
    /// about excel; a pilot runs in C. With `unassigned`, D (six persons) is in no programme.
    private func fixture(unassigned: Bool = false) async throws -> AnalyticsFixture {
        let fixture = AnalyticsFixture()
        try await fixture.record(
            ProgrammeSetUp(programme: "lossi", name: "LOSSI", startsOn: day("2023-01-01"), endsOn: day("2025-12-31")))
        try await fixture.record(
            ProgrammeSetUp(programme: "tulos", name: "TULOS", startsOn: day("2023-01-01"), endsOn: day("2025-12-31")))
        var members: [(OrganisationID, ProgrammeID?, Int)] = [("A", "lossi", 6), ("B", "lossi", 6), ("C", "tulos", 3)]
        if unassigned { members.append(("D", nil, 6)) }
        for (organisation, programme, _) in members {
            try await fixture.record(
                OrganisationEnrolled(
                    organisation: organisation, name: organisation.rawValue, kind: .enterprise, sector: "metal",
                    sizeClass: .small, region: "Päijät-Häme", programme: programme))
        }
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "r1", kind: .baseline, organisations: members.map(\.0), competences: ["excel"],
                opensOn: day("2024-01-10")))
        for (organisation, _, persons) in members {
            for index in 1...persons {
                let person = "\(organisation)\(index)"
                try await fixture.register(PersonID(person), in: organisation)
                try await fixture.answer(
                    person, of: organisation, in: "r1", "excel", current: 1 + index % 5, target: 5,
                    on: "2024-01-20")
            }
        }
        try await fixture.record(
            PilotStarted(
                pilot: "care-pilot", organisation: "C", theme: "rostering", startedOn: day("2024-03-01"),
                employeesInvolved: 3))
        return fixture
    }

    private func reports(
        _ fixture: AnalyticsFixture, _ scope: ReportScope = .whole, audience: ReportAudience = .public
    ) async throws -> AnalyticsReports {
        try await AnalyticsReports.replay(
            fixture.store,
            options: AnalyticsOptions(today: day("2024-12-31"), audience: audience, scope: scope))
    }

    /// The `ALL` row of excel: (respondents, mean current), or `nil` when withheld.
    private func all(_ reports: AnalyticsReports) -> (Int, Double)? {
        guard let row = reports.matrix.rows.first(where: { $0.population == .all && $0.competence == "excel" }),
            let n = row.figures.respondents, let mean = row.figures.meanCurrent
        else { return nil }
        return (n, mean)
    }

    @Test("unknown programme and pilot ids are typed errors naming the id and the known ones")
    func unknownIDs() async throws {
        let fixture = try await fixture()
        await #expect(throws: AnalyticsError.unknownScopeProgramme("nope", known: ["lossi", "tulos"])) {
            try await self.reports(fixture, ReportScope(programme: "nope"))
        }
        await #expect(throws: AnalyticsError.unknownPilot("nope", known: ["care-pilot"])) {
            try await self.reports(fixture, ReportScope(pilot: "nope"))
        }
        await #expect(
            throws: AnalyticsError.pilotOutsideProgramme("care-pilot", programme: "lossi", organisation: "C")
        ) {
            try await self.reports(fixture, ReportScope(programme: "lossi", pilot: "care-pilot"))
        }
        let message = AnalyticsError.unknownScopeProgramme("nope", known: ["lossi", "tulos"]).description
        #expect(message.contains("'nope'") && message.contains("lossi, tulos"))
    }

    @Test("a programme covers its organisations, their persons and answers; rounds list only its organisations")
    func narrowing() async throws {
        let fixture = try await fixture(unassigned: true)
        let state = try await fixture.state()
        let lossi = state.restricted(to: try ScopeMembers(ReportScope(programme: "lossi"), in: state))
        #expect(Set(lossi.organisations.keys) == ["A", "B"])
        #expect(lossi.persons.count == 12 && lossi.answers.count == 12)
        #expect(lossi.rounds["r1"]?.opening.event.organisations == ["A", "B"])
        #expect(lossi.pilots.isEmpty && Set(lossi.programmes.keys) == ["lossi"])
        let pilot = state.restricted(to: try ScopeMembers(ReportScope(pilot: "care-pilot"), in: state))
        #expect(Set(pilot.organisations.keys) == ["C"] && Set(pilot.pilots.keys) == ["care-pilot"])
        #expect(pilot.answers.count == 3)
        // D is in no programme: it is in the unscoped reports only.
        let tulos = state.restricted(to: try ScopeMembers(ReportScope(programme: "tulos"), in: state))
        #expect(Set(tulos.organisations.keys) == ["C"])
        // The scope is in the provenance.
        let scoped = try await reports(fixture, ReportScope(programme: "lossi"))
        #expect(scoped.provenance.reportScope == ReportScope(programme: "lossi"))
        #expect(scoped.provenance.summary.hasSuffix("programme lossi"))
        #expect(scoped.matrix.rows.map(\.population).contains(.organisation("A")))
        #expect(!scoped.matrix.rows.map(\.population).contains(.organisation("C")))
    }

    @Test("with one programme every record belongs to it: its reports are the unscoped ones")
    func singleProgramme() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.record(
            ProgrammeSetUp(programme: "lossi", name: "LOSSI", startsOn: day("2023-01-01"), endsOn: day("2025-12-31")))
        for organisation: OrganisationID in ["A", "B"] { try await fixture.enrol(organisation) }
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "r1", kind: .baseline, organisations: ["A", "B"], competences: ["excel"],
                opensOn: day("2024-01-10")))
        for (organisation, persons) in [("A", 6), ("B", 3)] {
            for index in 1...persons {
                try await fixture.answer(
                    "\(organisation)\(index)", of: OrganisationID(organisation), in: "r1", "excel",
                    current: index % 5 + 1,
                    on: "2024-01-20")
            }
        }
        let whole = try await reports(fixture)
        let lossi = try await reports(fixture, ReportScope(programme: "lossi"))
        #expect(whole.matrix.rows == lossi.matrix.rows && whole.matrix.withheld == lossi.matrix.withheld)
        #expect(whole.effect.rows == lossi.effect.rows)
        var indicators = lossi.indicators
        indicators.provenance = whole.indicators.provenance
        #expect(indicators == whole.indicators && whole.indicators.programmes.isEmpty)
    }

    @Test("indicators are per programme by default; --programme narrows to one")
    func indicatorsPerProgramme() async throws {
        let fixture = try await fixture()
        let whole = try await reports(fixture, audience: .analyst)
        #expect(whole.indicators.organisations == 3)
        #expect(whole.indicators.programmes.map(\.programme) == ["lossi", "tulos"])
        #expect(whole.indicators.programmes.map(\.organisations) == [2, 1])
        #expect(whole.indicators.programmes.map(\.pilotsStarted) == [0, 1])
        let lossi = try await reports(fixture, ReportScope(programme: "lossi"), audience: .analyst)
        #expect(lossi.indicators.programmes.isEmpty && lossi.indicators.personsSurveyed == 12)
        // One section per programme in the tables (the first is the report's own), one object each in JSON.
        #expect(
            whole.indicators.tables.map(\.title) == [
                "Programme indicators", "Programme indicators: lossi", "Programme indicators: tulos",
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try JSONSerialization.jsonObject(with: encoder.encode(whole.indicators)) as? [String: Any]
        let programmes = json?["programmes"] as? [[String: Any]]
        #expect(programmes?.compactMap { $0["programme"] as? String } == ["lossi", "tulos"])
        #expect(programmes?.allSatisfy { $0["provenance"] == nil && $0["organisations"] != nil } == true)
    }

    @Test("public: ALL minus the other programmes gives nothing back; analyst reports give it (so this can fail)")
    func subtractionAcrossProgrammes() async throws {
        let fixture = try await fixture()
        // TULOS has three persons: below k = 5, its ALL is withheld in every audience.
        for audience in [ReportAudience.public, .analyst] {
            #expect(all(try await reports(fixture, ReportScope(programme: "tulos"), audience: audience)) == nil)
        }
        func attack(_ audience: ReportAudience) async throws -> Double? {
            guard let everyone = all(try await reports(fixture, audience: audience)),
                let lossi = all(try await reports(fixture, ReportScope(programme: "lossi"), audience: audience))
            else { return nil }
            return Double(everyone.0) * everyone.1 - Double(lossi.0) * lossi.1
        }
        // The sum of TULOS's three levels (C1…C3: 2, 3, 4) comes back from analyst reports …
        let recovered = try #require(try await attack(.analyst))
        #expect(abs(recovered - 9) < 1e-9)
        // … and not from public ones.
        #expect(try await attack(.public) == nil)
        // Public indicators: persons surveyed overall minus LOSSI's does not give TULOS's three either.
        let surveyed = try await reports(fixture).indicators.personsSurveyed
        let lossiSurveyed = try await reports(fixture, ReportScope(programme: "lossi")).indicators.personsSurveyed
        #expect(surveyed == nil || lossiSurveyed == nil)
        let analyst = try await reports(fixture, audience: .analyst).indicators
        #expect(analyst.personsSurveyed == 15 && analyst.programmes.first?.personsSurveyed == 12)
    }

    @Test("a pilot scope: its organisation and that pilot; its public cells are linked to its programme")
    func pilotScope() async throws {
        let fixture = try await fixture()
        let pilot = try await reports(fixture, ReportScope(pilot: "care-pilot"))
        #expect(pilot.provenance.reportScope.pilot == "care-pilot")
        #expect(pilot.matrix.rows.allSatisfy { $0.population == .all || $0.population == .organisation("C") })
        #expect(pilot.matrix.rows.allSatisfy { $0.suppressed })
        #expect(try !pilot.timeline(for: "C").entries.isEmpty)
        #expect(throws: AnalyticsError.organisationOutsideScope("A", scope: ReportScope(pilot: "care-pilot"))) {
            try pilot.timeline(for: "A")
        }
        #expect(throws: AnalyticsError.unknownOrganisation("Z")) { try pilot.timeline(for: "Z") }
    }
}
