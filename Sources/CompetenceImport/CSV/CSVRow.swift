import CompetenceCore
import Foundation

/// One data row of a ``CSVTable``, with the typed readers every importer uses: the one place where cell text
/// becomes numbers, days, flags and enumerations, and where a bad cell becomes an ``ImportRowError``.
struct CSVRow: Sendable {
    /// The file, for messages.
    let file: String
    /// The data row (1 = the first row after the header).
    let number: Int
    private let cells: [String: String]

    init(file: String, number: Int, header: [String], fields: [String]) {
        self.file = file
        self.number = number
        var cells: [String: String] = [:]
        // A line break inside a quoted cell is a line feed, whichever line ends the file was saved with: a
        // carriage return is a control character no text field may hold.
        for (column, field) in zip(header, fields) where !column.isEmpty {
            cells[column] = field.contains("\r\n") ? field.replacingOccurrences(of: "\r\n", with: "\n") : field
        }
        self.cells = cells
    }

    /// The error for `column` holding `value` when `expected` was needed.
    func error(_ column: String, _ value: String, expected: String) -> ImportRowError {
        ImportRowError(file: file, row: number, column: column, value: value, expected: expected)
    }

    /// The cell's text, trimmed; `nil` when the cell is empty or the column absent.
    func optional(_ column: String) -> String? {
        guard let text = cells[column]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return text
    }

    /// The cell's text, trimmed; throws when it is empty.
    func text(_ column: String, expected: String = "a value") throws -> String {
        guard let text = optional(column) else { throw error(column, "", expected: expected) }
        return text
    }

    /// A whole number, or `nil` for an empty cell.
    func optionalInteger(_ column: String) throws -> Int? {
        guard let text = optional(column) else { return nil }
        guard let value = Int(text) else { throw error(column, text, expected: "a whole number") }
        return value
    }

    /// A whole number.
    func integer(_ column: String) throws -> Int {
        guard let value = try optionalInteger(column) else { throw error(column, "", expected: "a whole number") }
        return value
    }

    /// A decimal number with `.` or `,` as the decimal separator, or `nil` for an empty cell.
    func optionalDecimal(_ column: String) throws -> Double? {
        guard let text = optional(column) else { return nil }
        guard let value = NumberText.decimal(text) else {
            throw error(column, text, expected: "a number such as 12.5 or 12,5")
        }
        return value
    }

    /// A decimal number (see ``optionalDecimal(_:)``).
    func decimal(_ column: String) throws -> Double {
        guard let value = try optionalDecimal(column) else {
            throw error(column, "", expected: "a number such as 12.5 or 12,5")
        }
        return value
    }

    /// An amount of euros (`1500`, `1500.50`, `1 500,50`) in cents, exactly.
    func cents(_ column: String) throws -> Int {
        let text = optional(column) ?? ""
        guard let cents = NumberText.cents(text) else {
            throw error(column, text, expected: "an amount in euros with at most two decimals, such as 1500 or 1500,50")
        }
        return cents
    }

    /// A day `YYYY-MM-DD`, or `nil` for an empty cell.
    func optionalDay(_ column: String) throws -> CalendarDate? {
        guard let text = optional(column) else { return nil }
        guard let day = CalendarDate(text) else { throw error(column, text, expected: "a date YYYY-MM-DD") }
        return day
    }

    /// A day `YYYY-MM-DD`.
    func day(_ column: String) throws -> CalendarDate {
        guard let day = try optionalDay(column) else { throw error(column, "", expected: "a date YYYY-MM-DD") }
        return day
    }

    /// A flag: `true`/`false`, `yes`/`no`, `1`/`0` or `kyllä`/`ei` (any case).
    func flag(_ column: String) throws -> Bool {
        let text = optional(column) ?? ""
        switch text.lowercased() {
        case "true", "yes", "1", "kyllä", "x": return true
        case "false", "no", "0", "ei": return false
        default: throw error(column, text, expected: "true or false (also yes/no, 1/0, kyllä/ei)")
        }
    }

    /// A value of a string enumeration, e.g. `enterprise` or `third-sector`.
    func choice<Value: RawRepresentable & CaseIterable>(_ column: String, _ type: Value.Type) throws -> Value
    where Value.RawValue == String {
        let text = optional(column) ?? ""
        guard let value = Value(rawValue: text.lowercased()) else {
            throw error(column, text, expected: "one of " + Value.allCases.map { $0.rawValue }.joined(separator: ", "))
        }
        return value
    }

    /// A `|`-separated list, trimmed, empty items dropped.
    func list(_ column: String) -> [String] {
        (optional(column) ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }
}

/// Number text as spreadsheets write it: `.` or `,` as the decimal separator, spaces as thousands separators.
enum NumberText {
    /// A decimal number, or `nil`.
    static func decimal(_ text: String) -> Double? {
        let cleaned = normalised(text)
        guard !cleaned.isEmpty, let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// Euros with at most two decimals as whole cents, or `nil`.
    static func cents(_ text: String) -> Int? {
        let cleaned = normalised(text)
        let negative = cleaned.hasPrefix("-")
        let digits = negative ? String(cleaned.dropFirst()) : cleaned
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), parts[0].allSatisfy(\.isNumber) else {
            return nil
        }
        var fraction = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber), let value = Int(parts[1]) else {
                return nil
            }
            fraction = parts[1].count == 1 ? value * 10 : value
        }
        let (cents, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        return (negative ? -1 : 1) * (cents + fraction)
    }

    /// Drops spaces (also non-breaking) and turns a single decimal comma into a point.
    private static func normalised(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.contains(","), !compact.contains(".") else { return compact }
        let commas = compact.filter { $0 == "," }.count
        return commas == 1 ? compact.replacingOccurrences(of: ",", with: ".") : compact
    }
}
