import CompetenceCore

/// `import participation`: `training,respondent,organisation,attended_hours,completed,completed_on` (optional
/// `recorded_on`: the last day attended), one `ParticipationRecorded` per row. Respondents must be registered
/// already (by a survey import).
///
/// The participation's day (`recordedOn`) is `recorded_on`, else `completed_on`. A row of someone who attended
/// but did not finish (`completed` false) needs neither: its day is the training's last session held, else the
/// day it was procured, as the ledger knows them when the file is imported. A completed row needs a day.
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
            let training = TrainingID(try row.text("training", expected: "a training id"))
            let completed = try row.flag("completed")
            let completedOn = try row.optionalDay("completed_on")
            var dayColumn = row.optional("recorded_on") == nil ? "completed_on" : "recorded_on"
            var recordedOn = try row.optionalDay("recorded_on") ?? completedOn
            if recordedOn == nil, !completed {
                guard let record = state.trainings[training] else {
                    throw ImportRowError(
                        file: table.file, row: row.number, column: "training", value: training.rawValue,
                        problem: .refused("is not a procured training"))
                }
                recordedOn = record.sessions.map(\.event.heldOn).max() ?? record.procurement.event.procuredOn
                dayColumn = "training"
            }
            guard let recordedOn else {
                throw row.error(
                    "completed_on", "",
                    expected: "a date YYYY-MM-DD, as completed is true (or a recorded_on column with the last day "
                        + "attended)")
            }
            let event = ParticipationRecorded(
                training: training,
                person: PersonID(try row.text("respondent", expected: "a pseudonymous respondent id")),
                organisation: OrganisationID(try row.text("organisation", expected: "an organisation id")),
                attendedHours: try row.decimal("attended_hours"),
                completed: completed,
                completedOn: completedOn,
                recordedOn: recordedOn)
            batch.add(
                event, row: row.number, item: "participation",
                columns: [
                    "training": "training", "person": "respondent", "organisation": "organisation",
                    "attendedHours": "attended_hours", "completed": "completed", "completedOn": "completed_on",
                    "recordedOn": dayColumn,
                ])
            progress(row.number)
        }
    }
}
