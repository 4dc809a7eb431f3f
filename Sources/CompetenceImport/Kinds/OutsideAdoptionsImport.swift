import CompetenceCore

/// `import outside-adoptions`: `practice,name,kind,sector,region,adopted_on`, then optionally `note`; one
/// `GoodPracticeAdoptedOutside` per row: an organisation outside the programme (no enrolment, no id) that
/// adopted a documented good practice. `kind` is `enterprise` or `third-sector`.
package struct OutsideAdoptionsImport: CSVImportKind {
    /// The import.
    package init() {}

    package let kind = "outside-adoptions"
    package let requiredColumns = ["practice", "name", "kind", "sector", "region", "adopted_on"]

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        for row in table.rows {
            let event = GoodPracticeAdoptedOutside(
                practice: PracticeID(try row.text("practice", expected: "a documented practice id")),
                adopter: OutsideOrganisation(
                    name: try row.text("name", expected: "the adopting organisation's name"),
                    kind: try row.choice("kind", OrganisationKind.self),
                    sector: try row.text("sector", expected: "a sector"),
                    region: try row.text("region", expected: "a region")),
                adoptedOn: try row.day("adopted_on"),
                note: row.optional("note"))
            batch.add(
                event, row: row.number, item: "outside-adoption",
                columns: [
                    "practice": "practice", "adopter.name": "name", "adopter.sector": "sector",
                    "adopter.region": "region", "adoptedOn": "adopted_on", "note": "note",
                ])
            progress(row.number)
        }
    }
}
