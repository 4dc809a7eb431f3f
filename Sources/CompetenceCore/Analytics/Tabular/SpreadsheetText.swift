/// Text cells of CSV files that a spreadsheet will not execute and that the importers read back exactly.
///
/// A cell a spreadsheet would evaluate — one that is not a number and begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return — gets a leading `'` (the OWASP rule the reports' CSV follows), and so does a cell that
/// already begins with `'` followed by one of those or another `'`; the importers drop one leading `'` before
/// such a character (``restored(_:)``), which gives back the text as it was.
package enum SpreadsheetText {
    /// The characters that make a spreadsheet read a cell as a formula.
    package static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `cell`, neutralised so that ``restored(_:)`` gives it back.
    package static func escaped(_ cell: String) -> String {
        guard let first = cell.first else { return cell }
        if formulaStarts.contains(first), !isNumber(cell) { return "'" + cell }
        if first == "'", let second = cell.dropFirst().first, second == "'" || formulaStarts.contains(second) {
            return "'" + cell
        }
        return cell
    }

    /// `cell` with the `'` that ``escaped(_:)`` (or a spreadsheet's text marker) put before a formula character
    /// or another `'` removed.
    package static func restored(_ cell: String) -> String {
        guard cell.first == "'", let second = cell.dropFirst().first,
            second == "'" || formulaStarts.contains(second)
        else { return cell }
        return String(cell.dropFirst())
    }

    /// `-?DIGITS(.DIGITS)?([eE][+-]?DIGITS)?`.
    package static func isNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Bool {
            let count = bytes.prefix { $0 >= 48 && $0 <= 57 }.count
            bytes = bytes.dropFirst(count)
            return count > 0
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }
}
