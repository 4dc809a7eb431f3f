/// CSV cells that a spreadsheet will not execute (the OWASP rule against CSV injection).
///
/// A cell that is not a number and begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`, so a spreadsheet shows it as text instead of evaluating it as a formula. Numbers — an
/// optional `-`, digits, an optional `.` and digits, an optional exponent — stay as they are, negative ones
/// included.
package enum SpreadsheetCell {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `cell`, neutralised when a spreadsheet would read it as a formula.
    package static func neutralised(_ cell: String) -> String {
        guard let first = cell.first, formulaStarts.contains(first), !isNumber(cell) else { return cell }
        return "'" + cell
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
