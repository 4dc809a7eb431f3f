import CompetenceCore

/// `import competences`: `id,name,category,scale_min,scale_max,esco_uri` (optional `framework`,
/// `proficient_from`), one `CompetenceDefined` per row.
package struct CompetenceDefinitionsImport: CSVImportKind {
    /// The import.
    package init() {}

    package let kind = "competences"
    package let requiredColumns = ["id", "name", "category", "scale_min", "scale_max", "esco_uri"]

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        for row in table.rows {
            let scale = LevelScale(
                minimum: try row.integer("scale_min"), maximum: try row.integer("scale_max"),
                proficientFrom: try row.optionalInteger("proficient_from"))
            let event = CompetenceDefined(
                competence: CompetenceID(try row.text("id", expected: "a competence id")),
                name: try row.text("name", expected: "the competence's name"),
                category: try row.text("category", expected: "a category, e.g. digital skills"),
                scale: scale,
                framework: row.optional("framework").map { FrameworkID($0) },
                escoURI: row.optional("esco_uri"))
            batch.add(
                event, row: row.number, item: "competence",
                columns: [
                    "competence": "id", "name": "name", "category": "category", "scale": "scale_max",
                    "scale.minimum": "scale_min", "scale.maximum": "scale_max",
                    "scale.proficientFrom": "proficient_from",
                    "framework": "framework", "escoURI": "esco_uri",
                ])
            progress(row.number)
        }
    }
}
