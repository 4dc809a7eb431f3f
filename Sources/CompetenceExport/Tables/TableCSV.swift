import CompetenceCore
import Foundation

/// A ``TidyTable`` as CSV text (RFC 4180): the header, then one line per row, `,`-separated, `\n` line ends,
/// fields quoted when they hold a comma, a quote or a line break. Text that a spreadsheet would run as a formula
/// is neutralised in the way the importers undo (``SpreadsheetText``), so a table imports again as it is.
package enum TableCSV {
    /// The table's file content.
    package static func render(_ table: TidyTable) -> String {
        ([table.columns] + table.rows).map { row in
            row.map { quote(SpreadsheetText.escaped($0)) }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// One field, quoted when needed.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
