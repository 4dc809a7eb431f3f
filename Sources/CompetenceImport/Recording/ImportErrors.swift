/// A bad cell of an imported CSV file: which file, which row, which column, what was found and what was
/// expected. Nothing of the file is appended when one is thrown.
///
/// Rows are data rows counted from 1 (the first row after the header), as in the events' provenance.
package struct ImportRowError: Error, Sendable, CustomStringConvertible {
    /// The file, as given on the command line.
    var file: String
    /// The data row (1 = the first row after the header).
    var row: Int
    /// The column's header name (or the option, e.g. `--round`, for values given on the command line).
    var column: String
    /// The cell's text.
    var value: String
    /// What is wrong with it.
    var problem: Problem

    /// What is wrong with a cell.
    enum Problem: Sendable {
        /// The text is not of the kind the column needs, e.g. `a date YYYY-MM-DD`.
        case expected(String)
        /// The value is well formed but the ledger refused it, e.g. `is not an enrolled organisation`.
        case refused(String)
    }

    /// A cell whose text is not what the column needs.
    init(file: String, row: Int, column: String, value: String, expected: String) {
        self.init(file: file, row: row, column: column, value: value, problem: .expected(expected))
    }

    /// A cell with any problem.
    init(file: String, row: Int, column: String, value: String, problem: Problem) {
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.problem = problem
    }

    package var description: String {
        let place = "\(file), row \(row), column '\(column)'"
        switch problem {
        case .expected(let expected):
            return "\(place): found '\(value)', expected \(expected); nothing of the file was imported"
        case .refused(let reason):
            return "\(place): '\(value)' \(reason); nothing of the file was imported"
        }
    }
}

/// A fault of a whole import file (or its mapping) rather than of one cell.
package enum ImportFileError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The bytes are not UTF-8 text.
    case notUTF8(file: String)
    /// The bytes are not text in the encoding their byte-order mark announces.
    case notText(file: String, encoding: String)
    /// `--sheet` was given for a CSV file.
    case sheetOfText(file: String, sheet: String)
    /// The workbook has no sheet of that name.
    case noSuchSheet(file: String, sheet: String, sheets: [String])
    /// The file looks like a workbook (a zip container) but cannot be read as one.
    case badWorkbook(file: String, reason: String)
    /// The file has no header row.
    case noHeader(file: String)
    /// The header lacks columns the kind of import needs.
    case missingColumns(file: String, missing: [String], found: [String])
    /// A column name appears twice in the header.
    case duplicateColumn(file: String, column: String)
    /// A row has more or fewer fields than the header.
    case ragged(file: String, row: Int, fields: Int, header: Int)
    /// The file has a header but no data rows.
    case noRows(file: String)
    /// The wide-survey mapping is not valid.
    case badMapping(file: String, reason: String)
    /// A survey tool's export lacks a column its profile reads.
    case profileColumnMissing(file: String, profile: String, what: String, names: [String])
    /// A column has the shape of a question, but the question map does not name its question.
    case unmappedQuestion(file: String, column: String, question: String, map: String)
    /// The file is not of the long survey format and no survey tool's profile (or several) matches its header.
    case noProfile(file: String, candidates: [String], header: [String])
    /// A survey tool's export was given without the map from its questions to competences.
    case questionsNeeded(file: String, profile: String)
    /// A parameter of the import (an option on the command line) does not fit the file or the ledger.
    case invalidParameter(name: String, value: String, expected: String)

    package var description: String {
        switch self {
        case .unreadable(let file, let reason): "cannot read \(file): \(reason)"
        case .notUTF8(let file):
            "\(file) is not UTF-8 text; save it as CSV UTF-8 (with or without BOM), UTF-16 with BOM, or as .xlsx"
        case .notText(let file, let encoding):
            "\(file) starts with the byte-order mark of \(encoding) but is not valid \(encoding) text"
        case .sheetOfText(let file, let sheet):
            "--sheet \(sheet) applies to workbooks (.xlsx), and \(file) is a CSV file"
        case .noSuchSheet(let file, let sheet, let sheets):
            "\(file) has no sheet '\(sheet)'; its sheets are \(sheets.map { "'\($0)'" }.joined(separator: ", "))"
        case .badWorkbook(let file, let reason): "\(file) is not a readable workbook: \(reason)"
        case .noHeader(let file): "\(file) has no header row"
        case .missingColumns(let file, let missing, let found):
            "\(file) lacks the column\(missing.count == 1 ? "" : "s") "
                + "\(missing.map { "'\($0)'" }.joined(separator: ", ")); "
                + "its header has \(found.map { "'\($0)'" }.joined(separator: ", "))"
        case .duplicateColumn(let file, let column): "\(file) has the column '\(column)' twice in its header"
        case .ragged(let file, let row, let fields, let header):
            "\(file), row \(row): \(fields) fields, but the header has \(header) columns "
                + "(an unquoted delimiter or line break?)"
        case .noRows(let file): "\(file) has a header but no data rows; nothing to import"
        case .badMapping(let file, let reason): "mapping \(file): \(reason)"
        case .profileColumnMissing(let file, let profile, let what, let names):
            "\(file) (a \(profile) export) has no column with \(what); it is read from a column named "
                + names.map { "'\($0)'" }.joined(separator: ", ")
        case .unmappedQuestion(let file, let column, let question, let map):
            "\(file), column '\(column)': the question '\(question)' is not in \(map); map it to a competence, "
                + "or to - to leave it out"
        case .noProfile(let file, let candidates, let header):
            candidates.isEmpty
                ? "\(file) is neither the long survey format (respondent,organisation,competence,current,answered_on) "
                    + "nor the export of a known survey tool ("
                    + SurveyProfile.all.map(\.name).joined(separator: ", ") + "); "
                    + "its header has \(header.prefix(8).map { "'\($0)'" }.joined(separator: ", "))"
                    + (header.count > 8 ? ", …" : "") + "; give --profile NAME or --mapping FILE.json"
                : "\(file) matches the exports of several survey tools (\(candidates.joined(separator: ", "))); "
                    + "give --profile NAME"
        case .questionsNeeded(let file, let profile):
            "\(file) is a \(profile) export; give --questions FILE: a mapping question,competence or a "
                + "competences.csv with a question column"
        case .invalidParameter(let name, let value, let expected):
            "invalid value '\(value)' for \(name): expected \(expected)"
        }
    }
}
