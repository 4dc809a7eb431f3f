import CompetenceCore
import Crypto
import Foundation

/// How a wide survey export (one row per respondent, one column per question — Webropol, Microsoft Forms,
/// LimeSurvey, Google Forms) maps onto answers: which column is the respondent, the organisation, the role and
/// the date, and which columns hold the current / target level (and importance) of which competence.
/// The JSON format is documented, with an example, in `Docs/CLI.md`.
package struct WideSurveyMapping: Decodable, Sendable {
    /// The column with the pseudonymous respondent id.
    var respondent: String
    /// The column with the organisation id; or give ``organisationID`` for a file of one organisation.
    var organisation: String?
    /// The organisation of every row, when the file has no organisation column.
    var organisationID: String?
    /// The column with the role (`manager`, `supervisor`, `staff`), if any.
    var role: String?
    /// The role of every respondent, when the file has no role column.
    var roleValue: PersonRole?
    /// The column with the answer date or timestamp.
    var answeredOn: String
    /// How that column writes days: `auto` (default: `YYYY-MM-DD…` or Finnish `D.M.YYYY…`), `m/d/y` or `d/m/y`;
    /// a time after the day is ignored.
    var dateFormat: SurveyDateFormat?
    /// Who rated (default: `--rater`, else `self`).
    var rater: Rater?
    /// The perspective of the `current` columns (default: `--perspective`, else `current`).
    var perspective: Perspective?
    /// The question columns, per competence.
    var competences: [Item]
    /// Answer texts and their levels (e.g. `"4 – works independently": 4`), for exports that write texts;
    /// cells that are whole numbers need no entry.
    var levels: [String: Int]?
    /// Lower-case hex SHA-256 of the mapping file's bytes: part of the import's identity.
    package var contentHash = ""

    /// The question columns of one competence.
    struct Item: Decodable, Sendable {
        /// The competence id.
        var competence: String
        /// The column with the current level.
        var current: String
        /// The column with the target level, if asked.
        var target: String?
        /// The column with the importance (1–5), if asked.
        var importance: String?
        /// The column with the then-test level (where the person stood before the training, rated at
        /// follow-up), if asked: recorded as a separate `retrospective-pre` answer.
        var retrospective: String?
    }

    private enum CodingKeys: String, CodingKey {
        case respondent, organisation
        case organisationID = "organisation_id"
        case role
        case roleValue = "role_value"
        case answeredOn = "answered_on"
        case dateFormat = "date_format"
        case rater, perspective, competences, levels
    }

    /// Reads and checks a mapping file.
    package static func load(path: String) throws -> WideSurveyMapping {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportFileError.unreadable(file: path, reason: error.localizedDescription)
        }
        var mapping: WideSurveyMapping
        do {
            mapping = try JSONDecoder().decode(WideSurveyMapping.self, from: data)
            mapping.contentHash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        } catch let DecodingError.keyNotFound(key, context) {
            let field = (context.codingPath + [key]).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(
                separator: ".")
            throw ImportFileError.badMapping(file: path, reason: "the field '\(field)' is missing")
        } catch {
            throw ImportFileError.badMapping(file: path, reason: "not a valid mapping (\(error))")
        }
        if (mapping.organisation == nil) == (mapping.organisationID == nil) {
            throw ImportFileError.badMapping(
                file: path, reason: "give exactly one of 'organisation' (a column) and 'organisation_id' (a fixed id)")
        }
        if mapping.role != nil && mapping.roleValue != nil {
            throw ImportFileError.badMapping(
                file: path, reason: "give at most one of 'role' (a column) and 'role_value'")
        }
        if mapping.competences.isEmpty {
            throw ImportFileError.badMapping(file: path, reason: "'competences' lists no question columns")
        }
        return mapping
    }

    /// Every column the mapping names: the survey file must have them all.
    var columns: [String] {
        [respondent, answeredOn] + [organisation, role].compactMap { $0 }
            + competences.flatMap { [$0.current] + [$0.target, $0.importance, $0.retrospective].compactMap { $0 } }
    }

    /// The answers of one respondent's row: one per competence whose current level is filled in, and one per
    /// then-test level filled in.
    func drafts(from row: CSVRow, defaults: SurveyAnswerDraft.Defaults = .init()) throws -> [SurveyAnswerDraft] {
        let respondent = try row.text(self.respondent, expected: "a pseudonymous respondent id")
        let organisation = try organisation.map { try row.text($0, expected: "an organisation id") } ?? organisationID!
        let role =
            try role.map { column in row.optional(column) == nil ? nil : try row.choice(column, PersonRole.self) }
            ?? roleValue
        let dateText = row.optional(answeredOn) ?? ""
        guard let day = (dateFormat ?? .auto).day(from: dateText) else {
            throw row.error(answeredOn, dateText, expected: (dateFormat ?? .auto).expectation)
        }
        var drafts: [SurveyAnswerDraft] = []
        for item in competences {
            let current = try level(item.current, in: row)
            let target = try item.target.flatMap { try level($0, in: row) }
            let importance = try item.importance.flatMap { try level($0, in: row) }
            if let column = item.retrospective, let before = try level(column, in: row) {
                drafts.append(
                    SurveyAnswerDraft(
                        row: row.number, item: "answer-before:\(item.competence)", respondent: respondent,
                        organisation: organisation, role: role, competence: item.competence, current: before,
                        target: nil, importance: nil, answeredOn: day, rater: rater ?? defaults.rater,
                        perspective: .retrospectivePre,
                        columns: [
                            "respondent": self.respondent, "person": self.respondent, "competence": column,
                            "current": column, "answeredOn": answeredOn, "perspective": column,
                            "organisation": self.organisation ?? "organisation_id (mapping)",
                            "role": self.role ?? "role_value (mapping)",
                        ]))
            }
            guard let current else {
                if target != nil || importance != nil {
                    throw row.error(
                        item.current, "",
                        expected: "the current level of \(item.competence) (its target or importance is filled in)")
                }
                continue
            }
            var columns = [
                "respondent": self.respondent, "person": self.respondent, "competence": item.current,
                "current": item.current, "answeredOn": answeredOn,
            ]
            columns["organisation"] = self.organisation ?? "organisation_id (mapping)"
            columns["role"] = self.role ?? "role_value (mapping)"
            columns["target"] = item.target
            columns["importance"] = item.importance
            drafts.append(
                SurveyAnswerDraft(
                    row: row.number, item: "answer:\(item.competence)", respondent: respondent,
                    organisation: organisation,
                    role: role, competence: item.competence, current: current, target: target, importance: importance,
                    answeredOn: day, rater: rater ?? defaults.rater, perspective: perspective ?? defaults.perspective,
                    columns: columns))
        }
        return drafts
    }

    /// A level cell: empty (`nil`), a whole number, or an answer text listed in ``levels``.
    private func level(_ column: String, in row: CSVRow) throws -> Int? {
        guard let text = row.optional(column) else { return nil }
        if let value = Int(text) { return value }
        if let value = levels?[text]
            ?? levels?.first(where: { $0.key.caseInsensitiveCompare(text) == .orderedSame })?.value
        {
            return value
        }
        throw row.error(
            column, text,
            expected: "a level as a whole number"
                + (levels == nil ? "" : " or one of the answer texts in the mapping's 'levels'"))
    }
}

/// How a wide export writes the answer date.
enum SurveyDateFormat: String, Decodable, Sendable {
    /// `YYYY-MM-DD` (optionally followed by a time), or Finnish `D.M.YYYY` (optionally followed by a time).
    case auto
    /// US `M/D/YYYY` (Google Forms, Microsoft Forms in English), optionally followed by a time.
    case monthFirst = "m/d/y"
    /// `D/M/YYYY`, optionally followed by a time.
    case dayFirst = "d/m/y"

    /// The day of a date or timestamp cell, or `nil`.
    func day(from text: String) -> CalendarDate? {
        let datePart = text.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
        switch self {
        case .auto:
            if let day = CalendarDate(datePart.prefix(10)), datePart.count >= 10 { return day }
            return Self.numeric(datePart, separator: ".", dayIndex: 0, monthIndex: 1)
        case .monthFirst: return Self.numeric(datePart, separator: "/", dayIndex: 1, monthIndex: 0)
        case .dayFirst: return Self.numeric(datePart, separator: "/", dayIndex: 0, monthIndex: 1)
        }
    }

    /// What a cell must look like, for messages.
    var expectation: String {
        switch self {
        case .auto: "a date YYYY-MM-DD or D.M.YYYY (a time after it is ignored)"
        case .monthFirst: "a date M/D/YYYY (a time after it is ignored)"
        case .dayFirst: "a date D/M/YYYY (a time after it is ignored)"
        }
    }

    private static func numeric(_ text: String, separator: Character, dayIndex: Int, monthIndex: Int) -> CalendarDate? {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, let year = Int(parts[2]),
            let day = Int(parts[dayIndex]), let month = Int(parts[monthIndex])
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}
