import CSV
import Crypto
import Foundation

/// A CSV file read whole: header, data rows, delimiter and the SHA-256 of its bytes (the provenance that makes
/// a re-import recognisable). UTF-8 with or without BOM; `,` or `;` detected; quoted fields may hold
/// delimiters, quotes and line breaks (RFC 4180, parsed by CSV.swift). Blank rows are skipped.
package struct CSVTable: Sendable {
    /// The file as given on the command line (used in messages).
    let file: String
    /// The header's column names, trimmed.
    let header: [String]
    /// The data rows, in file order.
    let rows: [CSVRow]
    /// The detected delimiter.
    let delimiter: Character
    /// Lower-case hex SHA-256 of the file's bytes.
    let contentHash: String

    /// Reads `path`.
    init(path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportFileError.unreadable(file: path, reason: error.localizedDescription)
        }
        try self.init(data: data, file: path)
    }

    /// Parses CSV bytes; `file` names them in messages.
    init(data: Data, file: String) throws {
        self.file = file
        contentHash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        guard var text = String(data: data, encoding: .utf8) else { throw ImportFileError.notUTF8(file: file) }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let delimiter = DelimiterDetector.detect(in: text)
        self.delimiter = Character(delimiter)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false, delimiter: delimiter)
        } catch {
            throw ImportFileError.noHeader(file: file)
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
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
        while let fields = reader.next() {
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            number += 1
            guard fields.count == header.count else {
                throw ImportFileError.ragged(file: file, row: number, fields: fields.count, header: header.count)
            }
            rows.append(CSVRow(file: file, number: number, header: header, fields: fields))
        }
        if let error = reader.error { throw ImportFileError.unreadable(file: file, reason: String(describing: error)) }
        self.rows = rows
    }

    /// Throws unless the header has every column in `columns`.
    func require(_ columns: [String]) throws {
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else { throw ImportFileError.missingColumns(file: file, missing: missing, found: header) }
    }

    /// The file's name without its directory, as recorded in provenance.
    var fileName: String { (file as NSString).lastPathComponent }
}
