import CompetenceCore

/// `import organisations`: `id,name,kind,sector,size_class,region` (optional `programme,enrolled_on`), one
/// `OrganisationEnrolled` per row. `size_class` is a class, a head count or a band (``SizeClassText``).
package struct OrganisationsImport: CSVImportKind {
    /// The import.
    package init() {}

    package let kind = "organisations"
    package let requiredColumns = ["id", "name", "kind", "sector", "size_class", "region"]

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        for row in table.rows {
            let event = OrganisationEnrolled(
                organisation: OrganisationID(try row.text("id", expected: "an organisation id")),
                name: try row.text("name", expected: "the organisation's name"),
                kind: try row.choice("kind", OrganisationKind.self),
                sector: try row.text("sector", expected: "a sector, e.g. metal industry"),
                sizeClass: try row.sizeClass("size_class"),
                region: try row.text("region", expected: "a region, e.g. Päijät-Häme"),
                programme: row.optional("programme").map { ProgrammeID($0) },
                enrolledOn: try row.optionalDay("enrolled_on"))
            batch.add(
                event, row: row.number, item: "organisation",
                columns: [
                    "organisation": "id", "name": "name", "kind": "kind", "sector": "sector", "sizeClass": "size_class",
                    "region": "region", "programme": "programme", "enrolledOn": "enrolled_on",
                ])
            progress(row.number)
        }
    }
}
