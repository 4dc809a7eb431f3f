import Foundation

/// Which survey question asks about which competence: read from a short mapping file
/// (`question,competence`, optional `aspect`) or from a `competences.csv` whose optional `question` column
/// names each competence's question text (several texts — e.g. one per language — separated by `|`). Either may
/// be CSV or a workbook.
///
/// A question text is compared folded (case and blanks do not matter) with the question part of a header (see
/// ``QuestionShape``), or with the whole header — which is how a mapping row with an `aspect` names a column
/// whose header says nothing about the aspect, such as LimeSurvey's code `Q2[SQ001]`. A mapping row whose
/// competence is `-` names a question that is deliberately not imported.
package struct QuestionMap: Sendable {
    /// What a question text maps to.
    struct Target: Hashable, Sendable {
        /// The competence, or `nil` for a question that is not imported (`-`).
        var competence: String?
        /// The aspect, when the mapping says it (the header need not).
        var aspect: QuestionAspect?
    }

    /// The file, as given.
    let file: String
    /// Lower-case hex SHA-256 of its bytes: part of the import's identity.
    let contentHash: String
    private let targets: [String: Target]

    /// The target of a question text (or a whole header), if the map has it.
    func target(_ question: String) -> Target? { targets[SurveyText.folded(question)] }

    /// Whether the map names no question at all.
    var isEmpty: Bool { targets.isEmpty }

    /// Reads a mapping file or a competences file.
    package static func load(path: String) throws -> QuestionMap {
        let table = try CSVTable(path: path)
        var targets: [String: (target: Target, row: Int)] = [:]
        func add(_ question: String, _ target: Target, row: CSVRow, column: String) throws {
            let key = SurveyText.folded(question)
            guard !key.isEmpty else { return }
            if let earlier = targets[key], earlier.target != target {
                throw row.error(
                    column, question,
                    expected: "a question text not mapped already (row \(earlier.row) maps it to "
                        + "'\(earlier.target.competence ?? "-")')")
            }
            targets[key] = (target, row.number)
        }
        if table.header.contains("competence") {
            try table.require(["question", "competence"])
            for row in table.rows {
                let question = try row.text("question", expected: "a question text as the survey writes it")
                let competence = try row.text("competence", expected: "a competence id, or - to leave it out")
                let aspect = try row.optional("aspect").map { text in
                    guard let aspect = QuestionAspect(rawValue: text.lowercased()) else {
                        throw row.error(
                            "aspect", text,
                            expected: "one of " + QuestionAspect.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    return aspect
                }
                try add(
                    question, Target(competence: competence == "-" ? nil : competence, aspect: aspect), row: row,
                    column: "question")
            }
        } else if table.header.contains("id") && table.header.contains("question") {
            for row in table.rows {
                let competence = try row.text("id", expected: "a competence id")
                for question in row.list("question") {
                    try add(question, Target(competence: competence, aspect: nil), row: row, column: "question")
                }
            }
        } else {
            throw ImportFileError.badMapping(
                file: path,
                reason: "expected the columns question,competence (a mapping) or id,question (a competences file "
                    + "whose question column names each competence's question); its header has "
                    + table.header.map { "'\($0)'" }.joined(separator: ", "))
        }
        guard !targets.isEmpty else {
            throw ImportFileError.badMapping(file: path, reason: "it names no question")
        }
        return QuestionMap(file: path, contentHash: table.contentHash, targets: targets.mapValues(\.target))
    }

    private init(file: String, contentHash: String, targets: [String: Target]) {
        self.file = file
        self.contentHash = contentHash
        self.targets = targets
    }
}
