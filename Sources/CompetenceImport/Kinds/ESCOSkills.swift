import CompetenceCore

/// ESCO's skills download (`skills_<lang>.csv`) read by `import competences`: recognised by its header having
/// `conceptUri` and `preferredLabel`; one `CompetenceDefined` per row.
///
/// - `id`: the last segment of `conceptUri` (the skill's UUID), so the same skill always has the same id;
/// - `name`: `preferredLabel`; `category`: `skillType` (`skill/competence`, `knowledge`), else `ESCO skill`;
/// - the scale: the standard 1–5 scale (proficient from 4);
/// - `escoURI`: `conceptUri`, which must be an ESCO skill URI (`http://data.europa.eu/esco/skill/…`).
///
/// The other columns (`altLabels` with its line breaks inside one quoted cell, `definition`, `status`, …) are
/// read as CSV and not kept.
enum ESCOSkills {
    /// The prefix of every ESCO skill URI.
    static let uriPrefix = "http://data.europa.eu/esco/skill/"

    /// Whether `header` is ESCO's.
    static func recognises(_ header: [String]) -> Bool {
        header.contains("conceptUri") && header.contains("preferredLabel")
    }

    /// Adds one definition per row of `table`.
    static func build(from table: CSVTable, into batch: inout ImportBatch, progress: (Int) -> Void) throws {
        for row in table.rows {
            let uri = try row.text("conceptUri", expected: "an ESCO skill URI, \(uriPrefix)<id>")
            let id = String(uri.dropFirst(uriPrefix.count))
            guard uri.hasPrefix(uriPrefix), !id.isEmpty, !id.contains("/") else {
                throw row.error("conceptUri", uri, expected: "an ESCO skill URI, \(uriPrefix)<id>")
            }
            let event = CompetenceDefined(
                competence: CompetenceID(id),
                name: try row.text("preferredLabel", expected: "the skill's preferred label"),
                category: row.optional("skillType") ?? "ESCO skill",
                scale: .standard, framework: nil, escoURI: uri)
            batch.add(
                event, row: row.number, item: "competence",
                columns: [
                    "competence": "conceptUri", "name": "preferredLabel", "category": "skillType",
                    "escoURI": "conceptUri",
                ])
            progress(row.number)
        }
    }
}
