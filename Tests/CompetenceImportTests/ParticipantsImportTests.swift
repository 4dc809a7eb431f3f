import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceImport

/// `import participants`: the ESF participant data of registered respondents, field by field; a birth year
/// becomes an age band and is not recorded; every refusal names file, row, column and value, and nothing of
/// the file is appended.
@Suite("CSV import: participants")
struct ParticipantsImportTests {
    static let header = "respondent,stage,recorded_on,gender,age_band,birth_year,education,labour_status\n"

    /// A workspace with organisations, competences and the baseline (which registers p1, p2, p3).
    private func registered() async throws -> ImportWorkspace {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        return workspace
    }

    @Test("one ParticipantDataRecorded per row; flags stated yes are kept; the birth year is not")
    func happyPath() async throws {
        let workspace = try await registered()
        let before = try await workspace.recorded().count
        let outcome = try await workspace.run(ParticipantsImport(), "participants.csv")
        #expect(outcome.rows == 4 && outcome.events == 4)
        let recorded = try await workspace.recorded().dropFirst(before)
        let sealed = recorded.compactMap { event -> ParticipantDataRecorded? in
            guard case .participantDataRecorded(let data)? = try? CompetenceEvent.codec.decode(event) else {
                return nil
            }
            return data
        }
        // Profiles are sealed with each person's key; opened with the store's keys they are the file's rows.
        #expect(sealed.allSatisfy { $0.profile.isSealed && $0.profile.subject == .person($0.person) })
        let keyring = try await workspace.store.subjectKeys.keyring()
        let data = sealed.compactMap { event -> ParticipantDataRecorded? in
            guard case .value(let profile) = keyring.open(event.profile) else { return nil }
            return ParticipantDataRecorded(
                person: event.person, stage: event.stage, recordedOn: event.recordedOn, profile: profile)
        }
        // The ledger appends stream by stream: compare as a set.
        #expect(data.count == 4)
        #expect(
            Set(data) == [
                ParticipantDataRecorded(
                    person: "p1", stage: .entry, recordedOn: CalendarDate("2024-01-10")!,
                    profile: ParticipantProfile(
                        gender: .female, ageBand: .from25To54, education: .isced0To2, labourStatus: .unemployed,
                        disadvantages: [.disability])),
                ParticipantDataRecorded(
                    person: "p2", stage: .entry, recordedOn: CalendarDate("2024-01-11")!,
                    profile: ParticipantProfile(
                        gender: .male, ageBand: .from55, education: .isced5To8, labourStatus: .employed)),
                ParticipantDataRecorded(
                    person: "p3", stage: .entry, recordedOn: CalendarDate("2024-01-12")!,
                    profile: ParticipantProfile(
                        gender: .notStated, ageBand: .under25, education: .isced3To4, labourStatus: .inactive,
                        disadvantages: [.rural])),
                ParticipantDataRecorded(
                    person: "p1", stage: .exit, recordedOn: CalendarDate("2024-09-10")!,
                    profile: ParticipantProfile(
                        gender: .female, ageBand: .from25To54, education: .isced3To4, labourStatus: .employed,
                        disadvantages: [.disability])),
            ])
        for event in recorded {
            let payload = String(decoding: event.payload.bytes, as: UTF8.self)
            #expect(!payload.contains("1990") && !payload.contains("2001") && !payload.lowercased().contains("birth"))
        }
        // The same file again adds nothing.
        #expect(try await workspace.run(ParticipantsImport(), "participants.csv").alreadyImported)
    }

    @Test("cells that are not one of the documented values name their row, column and value")
    func badCells() async throws {
        let workspace = try await registered()
        let ok = "p1,entry,2024-01-10,female,25-54,,3-4,employed\n"
        try await workspace.rowRefusal(
            ParticipantsImport(), "stage.csv", Self.header + ok + "p2,start,2024-01-10,male,25-54,,3-4,employed\n",
            row: 2, column: "stage", value: "start", saying: "expected one of entry, exit")
        try await workspace.rowRefusal(
            ParticipantsImport(), "gender.csv", Self.header + "p1,entry,2024-01-10,f,25-54,,3-4,employed\n",
            row: 1, column: "gender", value: "f", saying: "expected one of female, male, other, not-stated")
        try await workspace.rowRefusal(
            ParticipantsImport(), "age.csv", Self.header + "p1,entry,2024-01-10,female,,,3-4,employed\n",
            row: 1, column: "age_band", value: "", saying: "expected one of <25, 25-54, 55+ (or a birth_year)")
        try await workspace.rowRefusal(
            ParticipantsImport(), "band.csv", Self.header + "p1,entry,2024-01-10,female,40+,,3-4,employed\n",
            row: 1, column: "age_band", value: "40+", saying: "expected one of <25, 25-54, 55+")
        try await workspace.rowRefusal(
            ParticipantsImport(), "born.csv", Self.header + "p1,entry,2024-01-10,female,,2030,3-4,employed\n",
            row: 1, column: "birth_year", value: "2030", saying: "expected a year from 1904 to 2024")
        try await workspace.rowRefusal(
            ParticipantsImport(), "disagree.csv", Self.header + "p1,entry,2024-01-10,female,<25,1990,3-4,employed\n",
            row: 1, column: "age_band", value: "<25",
            saying: "expected 25-54, the band of birth_year 1990 on 2024-01-10")
        try await workspace.rowRefusal(
            ParticipantsImport(), "isced.csv", Self.header + "p1,entry,2024-01-10,female,<25,,4,employed\n",
            row: 1, column: "education", value: "4", saying: "expected one of 0-2, 3-4, 5-8")
        try await workspace.rowRefusal(
            ParticipantsImport(), "labour.csv", Self.header + "p1,entry,2024-01-10,female,<25,,3-4,retired\n",
            row: 1, column: "labour_status", value: "retired",
            saying: "expected one of employed, self-employed, unemployed, inactive")
        try await workspace.rowRefusal(
            ParticipantsImport(), "flag.csv",
            "respondent,stage,recorded_on,gender,age_band,birth_year,education,labour_status,minority\n"
                + "p1,entry,2024-01-10,female,<25,,3-4,employed,maybe\n",
            row: 1, column: "minority", value: "maybe", saying: "expected true or false")
        try await workspace.rowRefusal(
            ParticipantsImport(), "day.csv", Self.header + "p1,entry,10.1.2024,female,<25,,3-4,employed\n",
            row: 1, column: "recorded_on", value: "10.1.2024", saying: "expected a date YYYY-MM-DD")
    }

    @Test("what the ledger refuses is named by its row and column: an unknown person, an exit without entry")
    func ledgerRefusals() async throws {
        let workspace = try await registered()
        let head = try await workspace.store.headPosition()
        try await workspace.rowRefusal(
            ParticipantsImport(), "person.csv",
            Self.header + "p1,entry,2024-01-10,female,<25,,3-4,employed\np9,entry,2024-01-10,male,<25,,3-4,employed\n",
            row: 2, column: "respondent", value: "p9", saying: "'p9' is not a registered person")
        try await workspace.rowRefusal(
            ParticipantsImport(), "exit.csv", Self.header + "p2,exit,2024-09-10,male,<25,,3-4,employed\n",
            row: 1, column: "stage", value: "exit", saying: "has no entry record before it for person 'p2'")
        try await workspace.rowRefusal(
            ParticipantsImport(), "twice.csv",
            Self.header
                + "p1,entry,2024-01-10,female,<25,,3-4,employed\np1,entry,2024-02-10,female,<25,,3-4,employed\n",
            row: 2, column: "stage", value: "entry", saying: "was already recorded for person 'p1' on 2024-01-10")
        try await workspace.rowRefusal(
            ParticipantsImport(), "early.csv",
            Self.header
                + "p1,entry,2024-03-10,female,,1990,3-4,employed\np1,exit,2024-02-10,female,,1990,3-4,employed\n",
            row: 2, column: "recorded_on", value: "2024-02-10", saying: "is before the entry record (2024-03-10)")
        #expect(try await workspace.store.headPosition() == head)
    }
}
