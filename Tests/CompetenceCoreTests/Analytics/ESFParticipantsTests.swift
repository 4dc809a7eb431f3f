import Foundation
import Testing

@testable import CompetenceCore

/// The ESF participant report: counts per programme, stage and indicator, the entry → exit result indicators,
/// disclosure control (a small group withheld with its complements), one programme alone, voiding.
@Suite("Analytics: ESF participants")
struct ESFParticipantsTests {
    /// LOSSI (acme): seven persons at entry (five women, two men; one unemployed), six at exit (the unemployed
    /// one now employed; one man has no exit). TULOS (care): one person at entry.
    private func fixture() async throws -> (AnalyticsFixture, tulosEntry: UUID) {
        let fixture = AnalyticsFixture()
        try await fixture.record(
            ProgrammeSetUp(programme: "lossi", name: "LOSSI", startsOn: day("2023-01-01"), endsOn: day("2025-12-31")))
        try await fixture.record(
            ProgrammeSetUp(programme: "tulos", name: "TULOS", startsOn: day("2019-01-01"), endsOn: day("2021-12-31")))
        for (organisation, programme) in [("acme", "lossi"), ("care", "tulos")] {
            try await fixture.record(
                OrganisationEnrolled(
                    organisation: OrganisationID(organisation), name: organisation, kind: .enterprise,
                    sector: "metal", sizeClass: .small, region: "Päijät-Häme", programme: ProgrammeID(programme)))
        }
        for index in 1...7 {
            let person = PersonID("p\(index)")
            try await fixture.register(person, in: "acme")
            let entry = profile(gender: index <= 5 ? .female : .male, labour: index == 1 ? .unemployed : .employed)
            try await fixture.record(
                ParticipantDataRecorded(person: person, stage: .entry, recordedOn: day("2024-01-15"), profile: entry))
            guard index != 7 else { continue }
            var exit = entry
            exit.labourStatus = .employed
            try await fixture.record(
                ParticipantDataRecorded(person: person, stage: .exit, recordedOn: day("2024-11-30"), profile: exit))
        }
        try await fixture.register("c1", in: "care")
        let tulosEntry = try await fixture.record(
            ParticipantDataRecorded(
                person: "c1", stage: .entry, recordedOn: day("2020-02-01"), profile: profile(gender: .female)))
        return (fixture, tulosEntry)
    }

    private func profile(gender: ParticipantGender, labour: LabourStatus = .employed) -> ParticipantProfile {
        ParticipantProfile(gender: gender, ageBand: .from25To54, education: .isced3To4, labourStatus: labour)
    }

    /// `indicator → persons` (`nil` when withheld) of one programme and stage.
    private func figures(
        _ report: ESFParticipants, _ programme: ProgrammeID, _ stage: ParticipantStage
    )
        -> [String: Int?]
    {
        var figures: [String: Int?] = [:]
        for row in report.rows where row.programme == programme && row.stage == stage {
            #expect(row.suppressed == (row.persons == nil))
            figures[row.indicator.rawValue] = row.persons
        }
        return figures
    }

    @Test("without suppression every figure is the count of persons; the result indicators at exit only")
    func exactFigures() async throws {
        let (fixture, _) = try await fixture()
        let report = try await fixture.reports(minimumGroupSize: 1).esf
        #expect(report.withheld == .none)
        #expect(report.primaryTable.columns == ["programme", "stage", "indicator", "persons", "suppressed"])
        #expect(report.rows.count == 2 * (14 + 16))
        let entry = figures(report, "lossi", .entry)
        #expect(entry.count == 14 && entry["changed_status"] == nil)
        #expect(entry["participants"] == 7 && entry["female"] == 5 && entry["male"] == 2)
        #expect(entry["other_or_not_stated"] == 0 && entry["age_25_54"] == 7 && entry["isced_3_4"] == 7)
        #expect(entry["employed"] == 6 && entry["unemployed"] == 1 && entry["self_employed"] == 0)
        let exit = figures(report, "lossi", .exit)
        #expect(exit.count == 16)
        #expect(exit["participants"] == 6 && exit["male"] == 1 && exit["employed"] == 6 && exit["unemployed"] == 0)
        #expect(exit["changed_status"] == 1 && exit["raised_education"] == 0)
        #expect(
            report.primaryTable.rows.first == ["lossi", "entry", "participants", "7", "false"],
            "programmes by id, entry first")
    }

    @Test("a small group is withheld, with complements so that it cannot be recovered by subtraction")
    func smallGroupsWithheld() async throws {
        let (fixture, _) = try await fixture()
        let report = try await fixture.reports().esf
        let entry = figures(report, "lossi", .entry)
        // Two men (primary) and the five women (complement): their sum, 7, is all that can be read.
        #expect(entry["participants"] == 7)
        #expect(entry["male"] == .some(nil) && entry["female"] == .some(nil))
        #expect(entry["other_or_not_stated"] == 0)
        // One unemployed (primary) takes the six employed with it.
        #expect(entry["unemployed"] == .some(nil) && entry["employed"] == .some(nil) && entry["inactive"] == 0)
        #expect(entry["age_25_54"] == 7 && entry["isced_3_4"] == 7)
        let exit = figures(report, "lossi", .exit)
        #expect(exit["male"] == .some(nil) && exit["female"] == .some(nil) && exit["participants"] == 6)
        #expect(exit["changed_status"] == .some(nil) && exit["raised_education"] == 0)
        // TULOS: one person; every non-empty cell is withheld, the empty ones show 0.
        let tulos = figures(report, "tulos", .entry)
        #expect(tulos["participants"] == .some(nil) && tulos["female"] == .some(nil) && tulos["male"] == 0)
        #expect(figures(report, "tulos", .exit)["participants"] == 0)
        #expect(report.withheld == WithheldCells(primary: 4 + 5, complement: 3))
        let csvRow = report.primaryTable.rows.first { $0.starts(with: ["lossi", "entry", "male"]) }
        #expect(csvRow == ["lossi", "entry", "male", "", "true"])
    }

    @Test("one programme: its rows only, its withheld cells only; an unknown programme is refused")
    func oneProgramme() async throws {
        let (fixture, _) = try await fixture()
        let reports = try await fixture.reports()
        let tulos = try reports.esf(programme: "tulos")
        #expect(Set(tulos.rows.map(\.programme)) == ["tulos"] && tulos.rows.count == 30)
        #expect(tulos.withheld == WithheldCells(primary: 5, complement: 0))
        #expect(try reports.esf(programme: nil) == reports.esf)
        #expect(throws: AnalyticsError.unknownProgramme("nope")) { try reports.esf(programme: "nope") }
    }

    @Test("voided participant data are not counted")
    func voided() async throws {
        let (fixture, tulosEntry) = try await fixture()
        try await fixture.record(
            EventVoided(
                voidedEventID: tulosEntry, voidedStream: PersonID("c1").stream, voidedOn: day("2020-03-01"),
                reason: "wrong person"))
        let report = try await fixture.reports(minimumGroupSize: 1).esf
        #expect(figures(report, "tulos", .entry)["participants"] == 0)
        #expect(try await fixture.state().participantData["c1"]?.entry == nil)
    }

    @Test("profiles are sealed; an erased person stays in participants but leaves every breakdown")
    func erasedPerson() async throws {
        let (fixture, _) = try await fixture()
        let state = try await fixture.state()
        let sealed = try #require(state.participantData["p2"]?.entry?.event.profile)
        #expect(sealed.isSealed && sealed.subject == .person("p2"))
        #expect(SubjectKeyring.empty.open(sealed) == .sealed, "no key, no profile")
        _ = try await fixture.store.subjectKeys.destroyKey(of: .person("p2"), at: Date())
        try await fixture.record(DataSubjectErased(subject: .person("p2"), erasedOn: day("2025-01-02")))
        let report = try await fixture.reports(minimumGroupSize: 1).esf
        let entry = figures(report, "lossi", .entry)
        #expect(entry["participants"] == 7, "an erased participant still took part")
        #expect(entry["female"] == 4 && entry["male"] == 2 && entry["employed"] == 5 && entry["age_25_54"] == 6)
        let exit = figures(report, "lossi", .exit)
        #expect(exit["participants"] == 6 && exit["female"] == 4 && exit["changed_status"] == 1)
        // With suppression the unreadable profile is a part of each partition: with one of them and two men,
        // the published breakdowns cannot give either away.
        let withheld = try await fixture.reports(minimumGroupSize: 5).esf
        let guarded = figures(withheld, "lossi", .entry)
        #expect(guarded["participants"] == 7 && guarded["male"] == .some(nil))
        #expect(guarded["female"] == .some(nil), "women (4) + men (withheld) + unreadable (1) give 7")
        #expect(withheld.rows.count == 2 * (14 + 16), "the unreadable profiles are never a row")
    }

    @Test("a birth year gives the band of the age reached in recorded_on's year; an impossible one gives none")
    func ageBands() {
        let day = day("2024-06-01")
        #expect(AgeBand(birthYear: 2000, on: day) == .under25)
        #expect(AgeBand(birthYear: 1999, on: day) == .from25To54)
        #expect(AgeBand(birthYear: 1970, on: day) == .from25To54)
        #expect(AgeBand(birthYear: 1969, on: day) == .from55)
        #expect(AgeBand(birthYear: 2024, on: day) == .under25)
        #expect(AgeBand(birthYear: 2025, on: day) == nil)
        #expect(AgeBand(birthYear: 1904, on: day) == .from55)
        #expect(AgeBand(birthYear: 1903, on: day) == nil)
    }
}
