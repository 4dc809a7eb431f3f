import Foundation

/// The one place report values become text: every table cell is formatted here.
///
/// Undefined or withheld values are empty cells; numbers have three decimals with a `.` (never a locale's
/// comma, never `-0.000`); counts are plain integers; flags are `true` / `false`; days are `YYYY-MM-DD`.
public enum CellFormat {
    /// A measured figure with three decimals, or empty for `nil`.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let text = String(format: "%.3f", value)
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
