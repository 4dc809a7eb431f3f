import CompetenceCore

/// `import participants`: `respondent,stage,recorded_on,gender,age_band,birth_year,education,labour_status`,
/// then optionally one column per ESF+ disadvantage flag (named as ``DisadvantageFlag``'s raw values:
/// `disability`, `third_country_national`, …; a flag cell is true/false, yes/no, 1/0, kyllä/ei, or empty for
/// not stated), one `ParticipantDataRecorded` per row. Each row gives `age_band` or `birth_year` (both only
/// when they agree); a birth year becomes the age band on `recorded_on` and is not recorded. Respondents must
/// be registered already (by a survey import).
package struct ParticipantsImport: CSVImportKind {
    /// The import.
    package init() {}

    package let kind = "participants"
    package let requiredColumns = [
        "respondent", "stage", "recorded_on", "gender", "age_band", "birth_year", "education", "labour_status",
    ]

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        for row in table.rows {
            let recordedOn = try row.day("recorded_on")
            let ageBand = try Self.ageBand(row, on: recordedOn)
            var disadvantages: [DisadvantageFlag] = []
            for flag in DisadvantageFlag.allCases where row.optional(flag.rawValue) != nil {
                if try row.flag(flag.rawValue) { disadvantages.append(flag) }
            }
            let event = ParticipantDataRecorded(
                person: PersonID(try row.text("respondent", expected: "a pseudonymous respondent id")),
                stage: try row.choice("stage", ParticipantStage.self),
                recordedOn: recordedOn,
                profile: ParticipantProfile(
                    gender: try row.choice("gender", ParticipantGender.self),
                    ageBand: ageBand.band,
                    education: try row.choice("education", EducationBand.self),
                    labourStatus: try row.choice("labour_status", LabourStatus.self),
                    disadvantages: disadvantages))
            batch.add(
                event, row: row.number, item: "participant-data",
                columns: [
                    "person": "respondent", "stage": "stage", "recordedOn": "recorded_on",
                    "profile.gender": "gender", "profile.ageBand": ageBand.column, "profile.education": "education",
                    "profile.labourStatus": "labour_status",
                ])
            progress(row.number)
        }
    }

    /// The row's age band, from `age_band` or from `birth_year` on `day`, and the column it came from.
    private static func ageBand(_ row: CSVRow, on day: CalendarDate) throws -> (band: AgeBand, column: String) {
        let given = row.optional("age_band") == nil ? nil : try row.choice("age_band", AgeBand.self)
        guard let birthYear = try row.optionalInteger("birth_year") else {
            guard let given else {
                throw row.error(
                    "age_band", "",
                    expected: "one of " + AgeBand.allCases.map(\.rawValue).joined(separator: ", ")
                        + " (or a birth_year)")
            }
            return (given, "age_band")
        }
        guard let derived = AgeBand(birthYear: birthYear, on: day) else {
            throw row.error(
                "birth_year", String(birthYear),
                expected: "a year from \(day.year - AgeBand.oldestAge) to \(day.year) (recorded_on is \(day))")
        }
        if let given, given != derived {
            throw row.error(
                "age_band", given.rawValue,
                expected: "\(derived.rawValue), the band of birth_year \(birthYear) on \(day) (or leave one empty)")
        }
        return (derived, "birth_year")
    }
}
