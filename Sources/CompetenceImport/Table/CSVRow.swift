import CompetenceCore
import Foundation

/// One data row of a ``CSVTable`` (of a CSV file or a workbook's sheet), with the typed readers every importer
/// uses: the one place where cells become numbers, days, flags and enumerations, and where a bad cell becomes an
/// ``ImportRowError``. A workbook's typed cells are taken as they are (a date cell is a day, a number cell a
/// number); text is read as text, the same in either kind of file.
struct CSVRow: Sendable {
    /// The file, for messages.
    let file: String
    /// The data row (1 = the first row after the header).
    let number: Int
    private let cells: [String: Cell]

    /// A row of a CSV file: every field is text.
    init(file: String, number: Int, header: [String], fields: [String]) {
        self.init(file: file, number: number, header: header, cells: fields.map { Cell.text($0) })
    }

    /// A row of typed cells (`nil`: an empty cell), in the order of `header`.
    init(file: String, number: Int, header: [String], cells row: [Cell?]) {
        self.file = file
        self.number = number
        var cells: [String: Cell] = [:]
        // A line break inside a cell is a line feed, whichever line ends the file was saved with: a carriage
        // return is a control character no text field may hold.
        for (column, cell) in zip(header, row) where !column.isEmpty {
            guard var cell else { continue }
            if case .text(let text) = cell, Self.holdsCarriageReturnLineFeed(text) {
                cell = .text(text.replacingOccurrences(of: "\r\n", with: "\n"))
            }
            cells[column] = cell
        }
        self.cells = cells
    }

    /// Whether `text` holds a carriage return followed by a line feed, looked for in its bytes (Foundation's
    /// `contains` bridged every cell of every row to `NSString`).
    private static func holdsCarriageReturnLineFeed(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == 0x0D, byte == 0x0A { return true }
            previous = byte
        }
        return false
    }

    /// The typed cell of `column`; `nil` when it is empty (or only blanks) or the column absent.
    func cell(_ column: String) -> Cell? {
        guard let cell = cells[column] else { return nil }
        if case .text = cell, optional(column) == nil { return nil }
        return cell
    }

    /// The error for `column` holding `value` when `expected` was needed.
    func error(_ column: String, _ value: String, expected: String) -> ImportRowError {
        ImportRowError(file: file, row: number, column: column, value: value, expected: expected)
    }

    /// The cell's text, trimmed, with a spreadsheet's text marker removed (a `'` before `=`, `+`, `-`, `@` or
    /// another `'`: ``SpreadsheetText/restored(_:)``, so that a neutralised CSV output imports as it was);
    /// `nil` when the cell is empty or the column absent.
    func optional(_ column: String) -> String? {
        guard let text = cells[column]?.text.trimming(.whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return SpreadsheetText.restored(text)
    }

    /// The cell's text, trimmed; throws when it is empty.
    func text(_ column: String, expected: String = "a value") throws -> String {
        guard let text = optional(column) else { throw error(column, "", expected: expected) }
        return text
    }

    /// A whole number, or `nil` for an empty cell.
    func optionalInteger(_ column: String) throws -> Int? {
        if case .number(let value, _) = cell(column), let whole = Int(exactly: value) { return whole }
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
        if case .number(let value, _) = cell(column), value.isFinite { return value }
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
        if case .number(let value, _) = cell(column), let cents = NumberText.cents(value) { return cents }
        let text = optional(column) ?? ""
        guard let cents = NumberText.cents(text) else {
            throw error(column, text, expected: "an amount in euros with at most two decimals, such as 1500 or 1500,50")
        }
        return cents
    }

    /// A day `YYYY-MM-DD`, or `nil` for an empty cell.
    func optionalDay(_ column: String) throws -> CalendarDate? {
        if case .date(let day, _) = cell(column) { return day }
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
        if case .flag(let value) = cell(column) { return value }
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

    /// An organisation's size class: a word, a head count or a band (see ``SizeClassText``).
    func sizeClass(_ column: String) throws -> SizeClass {
        let text = optional(column) ?? ""
        guard let value = SizeClassText.sizeClass(text) else {
            throw error(column, text, expected: SizeClassText.expectation)
        }
        return value
    }

    /// A `|`-separated list, trimmed, empty items dropped.
    func list(_ column: String) -> [String] {
        (optional(column) ?? "").split(separator: "|").map { $0.trimming(.whitespaces) }.filter {
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

    /// A number cell's euros as whole cents, or `nil` when it has more than two decimals or is out of range.
    static func cents(_ value: Double) -> Int? {
        let scaled = (value * 100).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15, abs(scaled - value * 100) < 1e-6 else { return nil }
        return Int(scaled)
    }

    /// Drops spaces (also non-breaking) and turns a single decimal comma into a point.
    private static func normalised(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.contains(","), !compact.contains(".") else { return compact }
        let commas = compact.filter { $0 == "," }.count
        return commas == 1 ? compact.replacingOccurrences(of: ",", with: ".") : compact
    }
}
