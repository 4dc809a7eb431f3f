import CompetenceCore
import Foundation

/// `import trainings`: `id,title,provider,kind,competences,cost_eur,hours,procured_on` (competences separated
/// by `|`; optional `organisations` separated by `|`, `programme`, and `needs`: the needs the training answers,
/// each `organisation:competence:source` with source `survey-gap`, `interview`, `foresight` or `training-need`,
/// separated by `|`), one `TrainingProcured` per row.
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
                programme: row.optional("programme").map { ProgrammeID($0) },
                needs: try Self.needs(row))
            batch.add(
                event, row: row.number, item: "training",
                columns: [
                    "training": "id", "title": "title", "provider": "provider", "kind": "kind",
                    "competences": "competences",
                    "costCents": "cost_eur", "hours": "hours", "procuredOn": "procured_on",
                    "organisations": "organisations",
                    "programme": "programme", "needs": "needs",
                ])
            progress(row.number)
        }
    }

    /// The optional `needs` column: `nil` when absent or empty.
    private static func needs(_ row: CSVRow) throws -> [NeedReference]? {
        let items = row.list("needs")
        guard !items.isEmpty else { return nil }
        return try items.map { item in
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map {
                $0.trimming(.whitespaces)
            }
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, let origin = NeedOrigin(rawValue: parts[2])
            else {
                throw row.error(
                    "needs", item,
                    expected: "organisation:competence:source with source one of "
                        + NeedOrigin.allCases.map(\.rawValue).joined(separator: ", ") + ", separated by |")
            }
            return NeedReference(
                organisation: OrganisationID(parts[0]), competence: CompetenceID(parts[1]), origin: origin)
        }
    }
}
