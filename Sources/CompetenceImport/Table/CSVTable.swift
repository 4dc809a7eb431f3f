import CSV
import CompetenceCore
import Crypto
import Foundation

/// An import file read whole — a CSV file, or one sheet of an Excel workbook (`.xlsx`): header, data rows and
/// the SHA-256 of the file's bytes (the provenance that makes a re-import recognisable).
///
/// CSV: UTF-8 with or without BOM, or UTF-16 with BOM; `,`, `;` or tab detected; quoted fields may hold
/// delimiters, quotes and line breaks (RFC 4180, parsed by CSV.swift). Workbook: the first sheet or the one
/// named, its cells typed as the workbook stores them (see ``Workbook``); the header is the sheet's first row
/// that is not blank. Blank rows are skipped; data rows are counted from 1, the first row after the header.
package struct CSVTable: Sendable {
    /// What kind of file the table was read from.
    enum Source: Hashable, Sendable {
        /// A CSV file: its encoding and delimiter.
        case text(TextDecoding, delimiter: Character)
        /// A workbook: the sheet read.
        case workbook(sheet: String)
    }

    /// The file as given on the command line (used in messages).
    let file: String
    /// The header's column names, trimmed.
    let header: [String]
    /// The data rows, in file order.
    let rows: [CSVRow]
    /// What the table was read from.
    let source: Source
    /// Lower-case hex SHA-256 of the file's bytes.
    let contentHash: String

    /// The delimiter of a CSV file (`nil` for a workbook).
    var delimiter: Character? {
        if case .text(_, let delimiter) = source { return delimiter }
        return nil
    }

    /// The sheet of a workbook (`nil` for a CSV file).
    var sheet: String? {
        if case .workbook(let sheet) = source { return sheet }
        return nil
    }

    /// Reads `path`: a workbook when its bytes are one (`sheet`: which sheet, default the first), else CSV.
    init(path: String, sheet: String? = nil) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportFileError.unreadable(file: path, reason: error.localizedDescription)
        }
        try self.init(data: data, file: path, sheet: sheet)
    }

    /// Reads the bytes of a CSV file or a workbook; `file` names them in messages.
    init(data: Data, file: String, sheet: String? = nil) throws {
        self.file = file
        contentHash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        var records: [Record]
        let isWorkbook = Workbook.isWorkbook(data)
        if isWorkbook {
            let read = try Workbook(data: data, file: file).sheet(named: sheet)
            source = .workbook(sheet: read.name)
            records = read.rows.map { Record(cells: $0, width: ($0.keys.max() ?? -1) + 1) }
            // A sheet's header is its first row that is not blank (a CSV file's, its first record).
            records.removeFirst(records.firstIndex { !$0.isBlank } ?? records.count)
        } else {
            if let sheet { throw ImportFileError.sheetOfText(file: file, sheet: sheet) }
            let decoding = TextDecoding.detect(data)
            guard let text = decoding.text(of: data) else {
                switch decoding {
                case .utf8, .utf8WithBOM: throw ImportFileError.notUTF8(file: file)
                case .utf16LittleEndian, .utf16BigEndian:
                    throw ImportFileError.notText(file: file, encoding: decoding.rawValue)
                }
            }
            let delimiter = DelimiterDetector.detect(in: text)
            source = .text(decoding, delimiter: Character(delimiter))
            records = try Self.records(of: text, delimiter: delimiter, file: file)
        }
        let header =
            records.first.map { first in
                (0..<first.width).map { (first.cells[$0]?.text ?? "").trimming(.whitespaces) }
            } ?? []
        guard !header.allSatisfy(\.isEmpty) else { throw ImportFileError.noHeader(file: file) }
        var seen = Set<String>()
        for column in header where !column.isEmpty {
            guard seen.insert(column).inserted else {
                throw ImportFileError.duplicateColumn(file: file, column: column)
            }
        }
        self.header = header
        var rows: [CSVRow] = []
        var number = 0
        for record in records.dropFirst() where !record.isBlank {
            number += 1
            // A CSV record has exactly the header's fields; a sheet's row ends at its last filled cell, so it
            // may be shorter (the missing cells are empty), but a filled cell beyond the header is an error.
            guard isWorkbook ? record.width <= header.count : record.width == header.count else {
                throw ImportFileError.ragged(file: file, row: number, fields: record.width, header: header.count)
            }
            rows.append(
                CSVRow(file: file, number: number, header: header, cells: (0..<header.count).map { record.cells[$0] }))
        }
        self.rows = rows
    }

    /// One record of the file before the header is known: its filled cells by zero-based column, and its width
    /// (the number of fields of a CSV record; one past the last filled cell of a sheet's row).
    private struct Record {
        var cells: [Int: Cell]
        var width: Int

        /// Whether every cell is empty or blanks.
        var isBlank: Bool {
            cells.values.allSatisfy { cell in
                if case .text(let text) = cell { return text.trimming(.whitespaces).isEmpty }
                return false
            }
        }
    }

    /// The records of CSV text, every field a text cell (the header first).
    private static func records(of text: String, delimiter: UnicodeScalar, file: String) throws -> [Record] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw ImportFileError.noHeader(file: file)
        }
        var records: [Record] = []
        while let fields = reader.next() {
            var cells: [Int: Cell] = [:]
            for (column, field) in fields.enumerated() where !field.isEmpty { cells[column] = .text(field) }
            records.append(Record(cells: cells, width: fields.count))
        }
        if let error = reader.error { throw ImportFileError.unreadable(file: file, reason: String(describing: error)) }
        return records
    }

    /// Throws unless the header has every column in `columns`.
    func require(_ columns: [String]) throws {
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else { throw ImportFileError.missingColumns(file: file, missing: missing, found: header) }
    }

    /// The file's name without its directory, as recorded in provenance.
    var fileName: String { (file as NSString).lastPathComponent }
}
