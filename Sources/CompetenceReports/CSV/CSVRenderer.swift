import CompetenceCore
import Foundation

/// Writes a table as CSV (RFC 4180): a header row with the table's columns, comma-separated, fields quoted
/// when they hold a comma, a quote or a line break, CRLF-free (`\n` line ends).
package enum CSVRenderer {
    /// The table as CSV text.
    package static func render(_ table: ReportTable) -> String {
        ([table.columns] + table.rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// One field, quoted when needed.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
