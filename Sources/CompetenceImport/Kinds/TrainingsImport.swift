import CompetenceCore

/// `import trainings`: `id,title,provider,kind,competences,cost_eur,hours,procured_on` (competences separated
/// by `|`; optional `organisations` separated by `|`, and `programme`), one `TrainingProcured` per row.
package struct TrainingsImport: CSVImportKind {
    /// The import.
    package init() {}

    package let kind = "trainings"
    package let requiredColumns = [
        "id", "title", "provider", "kind", "competences", "cost_eur", "hours", "procured_on",
    ]

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        for row in table.rows {
            let competences = row.list("competences")
            guard !competences.isEmpty else {
                throw row.error("competences", "", expected: "one or more competence ids separated by |")
            }
            let event = TrainingProcured(
                training: TrainingID(try row.text("id", expected: "a training id")),
                title: try row.text("title", expected: "the training's title"),
                provider: try row.text("provider", expected: "who delivers the training"),
                kind: try row.choice("kind", TrainingKind.self),
                competences: competences.map { CompetenceID($0) },
                costCents: try row.cents("cost_eur"),
                hours: try row.decimal("hours"),
                procuredOn: try row.day("procured_on"),
                organisations: row.list("organisations").map { OrganisationID($0) },
                programme: row.optional("programme").map { ProgrammeID($0) })
            batch.add(
                event, row: row.number, item: "training",
                columns: [
                    "training": "id", "title": "title", "provider": "provider", "kind": "kind",
                    "competences": "competences",
                    "costCents": "cost_eur", "hours": "hours", "procuredOn": "procured_on",
                    "organisations": "organisations",
                    "programme": "programme",
                ])
            progress(row.number)
        }
    }
}
