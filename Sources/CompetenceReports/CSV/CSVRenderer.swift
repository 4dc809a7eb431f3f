import CompetenceCore
import Foundation

/// Writes a table as CSV (RFC 4180): a header row with the table's columns, comma-separated, fields quoted
/// when they hold a comma, a quote or a line break, CRLF-free (`\n` line ends). Every cell that a spreadsheet
/// would run as a formula is neutralised first (``SpreadsheetCell``).
package enum CSVRenderer {
    /// The table as CSV text.
    package static func render(_ table: ReportTable) -> String {
        ([table.columns] + table.rows).map { row in
            row.map { quote(SpreadsheetCell.neutralised($0)) }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// One field, quoted when needed.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
