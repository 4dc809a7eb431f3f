import CompetenceCore

/// CSV cells that a spreadsheet will not execute (the OWASP rule against CSV injection).
///
/// A cell that is not a number and begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`, so a spreadsheet shows it as text instead of evaluating it as a formula. Numbers — an
/// optional `-`, digits, an optional `.` and digits, an optional exponent — stay as they are, negative ones
/// included.
package enum SpreadsheetCell {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts = SpreadsheetText.formulaStarts

    /// `cell`, neutralised when a spreadsheet would read it as a formula.
    package static func neutralised(_ cell: String) -> String {
        guard let first = cell.first, formulaStarts.contains(first), !isNumber(cell) else { return cell }
        return "'" + cell
    }

    /// `-?DIGITS(.DIGITS)?([eE][+-]?DIGITS)?` (``SpreadsheetText/isNumber(_:)``).
    package static func isNumber(_ text: String) -> Bool { SpreadsheetText.isNumber(text) }
}
