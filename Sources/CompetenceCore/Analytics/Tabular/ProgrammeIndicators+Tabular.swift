import Foundation

extension ProgrammeIndicators: TabularReport {
    /// The table `indicator,value` of the report's scope — a row per indicator, sorted by key, the value
    /// formatted as in the JSON object (numbers plain, withheld figures empty, breakdowns and provenance as
    /// compact JSON) — then one such table per programme in ``programmes`` (the CSV writes the first only;
    /// `--programme ID` gives one programme's as the first).
    public var tables: [ReportTable] {
        var tables = [ReportTable(name: "indicators", title: "Programme indicators", rows: rows)]
        for each in programmes {
            let id = each.programme?.rawValue ?? ""
            tables.append(
                ReportTable(name: "indicators-\(id)", title: "Programme indicators: \(id)", rows: each.rows))
        }
        return tables
    }

    /// A row per indicator (a per-programme table leaves out the provenance its report already states).
    private var rows: [IndicatorRow] {
        entries.filter { programme == nil || $0.key != .provenance }.sorted { $0.key.stringValue < $1.key.stringValue }
            .map { IndicatorRow(indicator: $0.key.stringValue, value: $0.value.cellText) }
    }
}

/// One indicator of the programme-indicators table.
public struct IndicatorRow: TableRow, Hashable {
    /// `indicator,value`.
    public static let columns = ["indicator", "value"]
    /// The indicator's JSON key.
    public var indicator: String
    /// Its value as a cell.
    public var value: String

    /// A row.
    public init(indicator: String, value: String) {
        self.indicator = indicator
        self.value = value
    }

    public var cells: [String] { [indicator, value] }
}

extension ProgrammeIndicators.Value {
    /// The value as a table cell: empty when withheld; whole numbers without a fraction; nested values as
    /// compact JSON with sorted keys.
    public var cellText: String {
        switch self {
        case .count(let value): value.map(String.init) ?? ""
        case .hours(let value): value.map(Self.number) ?? ""
        case .euros(let value): Self.number(NSDecimalNumber(decimal: value).doubleValue)
        case .countsByKind(let value): Self.compactJSON(value)
        case .names(let value): Self.compactJSON(value)
        case .provenance(let value): Self.compactJSON(value)
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func compactJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
