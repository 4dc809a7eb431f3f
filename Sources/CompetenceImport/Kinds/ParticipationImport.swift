import CompetenceCore

/// `import participation`: `training,respondent,organisation,attended_hours,completed,completed_on` (optional
/// `recorded_on`: the last day attended, needed when there is no completion day), one `ParticipationRecorded`
/// per row. Respondents must be registered already (by a survey import).
package struct ParticipationImport: CSVImportKind {
    /// The import.
    package init() {}

    package let kind = "participation"
    package let requiredColumns = [
        "training", "respondent", "organisation", "attended_hours", "completed", "completed_on",
    ]

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        for row in table.rows {
            let completedOn = try row.optionalDay("completed_on")
            let recordedOn = try row.optionalDay("recorded_on") ?? completedOn
            guard let recordedOn else {
                throw row.error(
                    "completed_on", "",
                    expected: "a date YYYY-MM-DD (or a recorded_on column with the last day attended)")
            }
            let event = ParticipationRecorded(
                training: TrainingID(try row.text("training", expected: "a training id")),
                person: PersonID(try row.text("respondent", expected: "a pseudonymous respondent id")),
                organisation: OrganisationID(try row.text("organisation", expected: "an organisation id")),
                attendedHours: try row.decimal("attended_hours"),
                completed: try row.flag("completed"),
                completedOn: completedOn,
                recordedOn: recordedOn)
            batch.add(
                event, row: row.number, item: "participation",
                columns: [
                    "training": "training", "person": "respondent", "organisation": "organisation",
                    "attendedHours": "attended_hours", "completed": "completed", "completedOn": "completed_on",
                    "recordedOn": row.optional("recorded_on") == nil ? "completed_on" : "recorded_on",
                ])
            progress(row.number)
        }
    }
}
