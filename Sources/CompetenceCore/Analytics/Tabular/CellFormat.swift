import Foundation

/// The one place report values become text: every table cell is formatted here.
///
/// Undefined or withheld values are empty cells; numbers have three decimals with a `.` (never a locale's
/// comma, never `-0.000`); counts are plain integers; flags are `true` / `false`; days are `YYYY-MM-DD`.
public enum CellFormat {
    /// A measured figure with three decimals, or empty for `nil`.
    ///
    /// The C library's `%.3f` (correctly rounded from the exact binary value), called directly: a national
    /// report formats millions of cells, and `String(format:)` took microseconds a cell around the same call.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer -> String in
            // The longest `%.3f` of a finite double is 309 digits, a sign, a point and three decimals.
            let count = withVaList([value]) { vsnprintf(buffer.baseAddress!, buffer.count, "%.3f", $0) }
            return String(
                decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(count)), as: UTF8.self)
        }
        return text == "-0.000" ? "0.000" : text
    }

    /// A count, or empty for `nil`.
    public static func count(_ value: Int?) -> String { value.map(String.init) ?? "" }

    /// A money amount in euros from cents, with two decimals (exact: integer arithmetic), or empty for `nil`.
    public static func euros(cents: Int?) -> String {
        guard let cents else { return "" }
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `true` or `false`.
    public static func flag(_ value: Bool) -> String { value ? "true" : "false" }

    /// `true`, `false`, or empty for `nil`.
    public static func flag(_ value: Bool?) -> String { value.map(flag) ?? "" }

    /// A day as `YYYY-MM-DD`, or empty for `nil`.
    public static func day(_ value: CalendarDate?) -> String { value?.description ?? "" }

    /// A list joined with `|` (the separator imports use for lists).
    public static func list(_ values: [String]) -> String { values.joined(separator: "|") }

    /// Free text on one line (line breaks become spaces), or empty for `nil`.
    public static func text(_ value: String?) -> String {
        guard let value else { return "" }
        return value.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
