import CompetenceCore
import Foundation

/// Reads a survey tool's export through its ``SurveyProfile`` and a ``QuestionMap``: decides once, from the
/// header, what every column is, then turns each respondent's row into answers.
///
/// A column is, in this order: one of the tool's own columns (never imported: metadata, e-mail, name); the
/// respondent, organisation or role column (``SurveyColumns``); a question column, when the map names the whole
/// header (with an aspect) or, for one of the profile's header shapes, the header's question text; otherwise it
/// is not read. A header that has the shape of a question (its aspect is recognised) but whose question the map
/// does not name is refused — a competence is never left out silently (map it to `-` to leave it out).
struct ProfileSurveyReader: Sendable {
    /// One question column.
    struct QuestionColumn: Sendable {
        var header: String
        var competence: String
        var aspect: QuestionAspect
    }

    let profile: SurveyProfile
    let file: String
    let respondentColumn: String
    let organisationColumn: String
    let roleColumn: String?
    let timeColumn: String
    /// By competence, in the order of the header.
    let questions: [(competence: String, columns: [QuestionAspect: String])]

    /// Classifies the columns of `table`.
    init(profile: SurveyProfile, questions map: QuestionMap, table: CSVTable) throws {
        self.profile = profile
        file = table.file
        let metadata = Set(profile.metadata.map(SurveyText.folded))
        let columns = table.header.filter { !$0.isEmpty && !metadata.contains(SurveyText.folded($0)) }
        func require(_ names: [String], _ what: String) throws -> String {
            guard let column = SurveyColumns.find(names, in: columns) else {
                throw ImportFileError.profileColumnMissing(
                    file: table.file, profile: profile.name, what: what, names: names)
            }
            return column
        }
        respondentColumn = try require(
            SurveyColumns.respondent, "the pseudonymous respondent code (never the e-mail or the name)")
        organisationColumn = try require(SurveyColumns.organisation, "the organisation id")
        roleColumn = SurveyColumns.find(SurveyColumns.role, in: columns)
        guard let time = SurveyColumns.find(profile.answeredOn, in: table.header) else {
            throw ImportFileError.profileColumnMissing(
                file: table.file, profile: profile.name, what: "the time of the answer", names: profile.answeredOn)
        }
        timeColumn = time
        let identity: Set<String> = [respondentColumn, organisationColumn, roleColumn ?? "", timeColumn]
        var found: [(competence: String, columns: [QuestionAspect: String])] = []
        var seen: [String: Int] = [:]
        for header in columns where !identity.contains(header) {
            guard let (target, aspect) = try Self.question(header, profile: profile, map: map, file: table.file) else {
                continue
            }
            guard let competence = target.competence else { continue }
            let index =
                seen[competence]
                ?? {
                    found.append((competence, [:]))
                    seen[competence] = found.count - 1
                    return found.count - 1
                }()
            if let other = found[index].columns[aspect] {
                throw ImportFileError.badMapping(
                    file: map.file,
                    reason: "the columns '\(other)' and '\(header)' of \(table.file) both ask the \(aspect.rawValue) "
                        + "level of '\(competence)'")
            }
            found[index].columns[aspect] = header
        }
        guard !found.isEmpty else {
            throw ImportFileError.badMapping(
                file: map.file, reason: "no column of \(table.file) asks a question it maps to a competence")
        }
        questions = found
    }

    /// What `header` asks, if it is a question column; throws when it looks like one the map does not know.
    private static func question(
        _ header: String, profile: SurveyProfile, map: QuestionMap, file: String
    ) throws -> (QuestionMap.Target, QuestionAspect)? {
        if let target = map.target(header), let aspect = target.aspect { return (target, aspect) }
        var unknown: String?
        for shape in profile.shapes {
            for reading in shape.readings(of: header) {
                if let target = map.target(reading.question) { return (target, target.aspect ?? reading.aspect) }
                unknown = unknown ?? reading.question
            }
        }
        if let unknown {
            throw ImportFileError.unmappedQuestion(file: file, column: header, question: unknown, map: map.file)
        }
        return nil
    }

    /// The answers of one row: per competence, one for the current level (with its target and importance) and
    /// one for the then-test level, where filled in.
    func drafts(from row: CSVRow, defaults: SurveyAnswerDraft.Defaults) throws -> [SurveyAnswerDraft] {
        var levels: [(competence: String, values: [QuestionAspect: Int])] = []
        for (competence, columns) in questions {
            var values: [QuestionAspect: Int] = [:]
            for (aspect, column) in columns { values[aspect] = try level(column, in: row) }
            levels.append((competence, values))
        }
        guard levels.contains(where: { !$0.values.isEmpty }) else { return [] }
        let respondent = try row.text(respondentColumn, expected: "a pseudonymous respondent code")
        let organisation = try row.text(organisationColumn, expected: "an organisation id")
        let role = try roleColumn.flatMap { column in
            try row.optional(column).map { text in
                guard let role = RoleTexts.role(text) else {
                    throw row.error(column, text, expected: RoleTexts.expectation)
                }
                return role
            }
        }
        let day = try answerDay(row)
        var drafts: [SurveyAnswerDraft] = []
        for (index, (competence, values)) in levels.enumerated() {
            let columns = questions[index].columns
            var cells = [
                "respondent": respondentColumn, "person": respondentColumn, "organisation": organisationColumn,
                "role": roleColumn ?? "role", "answeredOn": timeColumn, "rater": "--rater",
            ]
            if let before = values[.retrospective], let column = columns[.retrospective] {
                cells["competence"] = column
                cells["current"] = column
                cells["perspective"] = column
                drafts.append(
                    SurveyAnswerDraft(
                        row: row.number, item: "answer-before:\(competence)", respondent: respondent,
                        organisation: organisation, role: role, competence: competence, current: before, target: nil,
                        importance: nil, answeredOn: day, rater: defaults.rater, perspective: .retrospectivePre,
                        columns: cells))
            }
            guard let current = values[.current] else {
                for aspect in [QuestionAspect.target, .importance] where values[aspect] != nil {
                    throw row.error(
                        columns[.current] ?? columns[aspect]!, "",
                        expected: "the current level of \(competence) (its \(aspect.rawValue) is filled in)")
                }
                continue
            }
            cells["competence"] = columns[.current]
            cells["current"] = columns[.current]
            cells["target"] = columns[.target]
            cells["importance"] = columns[.importance]
            cells["perspective"] = "--perspective"
            drafts.append(
                SurveyAnswerDraft(
                    row: row.number, item: "answer:\(competence)", respondent: respondent, organisation: organisation,
                    role: role, competence: competence, current: current, target: values[.target],
                    importance: values[.importance], answeredOn: day, rater: defaults.rater,
                    perspective: defaults.perspective, columns: cells))
        }
        return drafts
    }

    /// A level cell: a number cell, or an answer text (``AnswerTexts``); `nil` when empty or "cannot say".
    private func level(_ column: String, in row: CSVRow) throws -> Int? {
        guard let cell = row.cell(column) else { return nil }
        if case .number(let value, let text) = cell {
            guard let level = Int(exactly: value) else {
                throw row.error(column, text, expected: AnswerTexts.expectation)
            }
            return level
        }
        switch AnswerTexts.read(cell.text.trimming(.whitespaces), codes: profile.answerCodes) {
        case .level(let level): return level
        case .noAnswer: return nil
        case .unknown: throw row.error(column, cell.text, expected: AnswerTexts.expectation)
        }
    }

    /// The day of the answer: a date cell's day, or the time text read with the profile's formats.
    private func answerDay(_ row: CSVRow) throws -> CalendarDate {
        if case .date(let day, _) = row.cell(timeColumn) { return day }
        let text = row.optional(timeColumn) ?? ""
        for format in profile.timestamps {
            if let day = format.day(text) { return day }
        }
        throw row.error(
            timeColumn, text,
            expected: "a time as \(profile.tool) writes it ("
                + profile.timestamps.map(\.rawValue).joined(separator: ", ") + ") or a date cell")
    }
}

/// Role answers in Finnish, Swedish and English, to ``PersonRole``.
enum RoleTexts {
    /// The role `text` names, or `nil`.
    static func role(_ text: String) -> PersonRole? {
        if let role = PersonRole(rawValue: text.lowercased()) { return role }
        return table[SurveyText.folded(text)]
    }

    /// What a role cell must say, for messages.
    static let expectation =
        "a role: manager, supervisor or staff (also johto/johtaja, esihenkilö/esimies, työntekijä; chef, förman, "
        + "anställd)"

    private static let table: [String: PersonRole] = [
        "johto": .manager, "johtaja": .manager, "johtoryhmä": .manager, "chef": .manager, "ledning": .manager,
        "esihenkilö": .supervisor, "esimies": .supervisor, "lähiesihenkilö": .supervisor, "förman": .supervisor,
        "arbetsledare": .supervisor, "työntekijä": .staff, "henkilöstö": .staff, "anställd": .staff,
        "personal": .staff, "employee": .staff,
    ]
}
