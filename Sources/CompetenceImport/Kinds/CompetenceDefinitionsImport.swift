import CompetenceCore

/// `import competences`: `id,name,category,scale_min,scale_max,esco_uri` (optional `framework`,
/// `proficient_from`), one `CompetenceDefined` per row; or ESCO's own skills CSV (``ESCOSkills``), recognised by
/// its header.
package struct CompetenceDefinitionsImport: CSVImportKind {
    /// The import.
    package init() {}

    package let kind = "competences"
    /// The documented columns; a file with ESCO's header is read as ESCO's download instead.
    package static let documentedColumns = ["id", "name", "category", "scale_min", "scale_max", "esco_uri"]
    /// None up front: which columns are needed depends on the header (checked when the file is read).
    package let requiredColumns: [String] = []

    /// For an ESCO download, `format=esco` (a documented file keeps the ids of earlier versions).
    package func parameters(for table: CSVTable) throws -> ImportParameters {
        ESCOSkills.recognises(table.header) ? ImportParameters(["format": "esco"]) : ImportParameters()
    }

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        if ESCOSkills.recognises(table.header) {
            try ESCOSkills.build(from: table, into: &batch, progress: progress)
            return
        }
        try table.require(Self.documentedColumns)
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
