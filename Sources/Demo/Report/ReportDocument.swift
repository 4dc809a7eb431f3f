import CompetenceCore
import Foundation

/// A computed report, ready to render in any format: its tables, provenance and (for indicators) the JSON
/// object; charts are drawn from ``reports`` by the HTML renderer.
struct ReportDocument: Sendable {
    /// Which report.
    let name: ReportName
    /// A heading for people.
    let title: String
    /// The tables, the primary one (the CSV one) first.
    let tables: [ReportTable]
    /// What the report was computed from.
    let provenance: ReportProvenance
    /// Every report of the replay, for the charts.
    let reports: AnalyticsReports

    /// Picks the report `name` out of `reports`.
    ///
    /// - Throws: ``CommandError/invalidOption(name:value:expected:)`` when a timeline lacks its organisation;
    ///   ``AnalyticsError`` when the organisation is unknown.
    init(name: ReportName, reports: AnalyticsReports, organisation: String?) throws {
        self.name = name
        self.reports = reports
        self.provenance = reports.provenance
        switch name {
        case .indicators:
            title = "Programme indicators"
            tables = [try IndicatorTable.table(reports.indicators)]
        case .timeline:
            guard let organisation, !organisation.isEmpty else {
                throw CommandError.invalidOption(name: "--organisation", value: "", expected: "the id of an enrolled organisation (the timeline report needs one)")
            }
            let timeline = try reports.timeline(for: OrganisationID(organisation))
            title = "Timeline of \(organisation)"
            tables = timeline.tables
        case .matrix, .trainings, .effect, .plans, .practices:
            // `tabular(named:)` knows every one of these names.
            let report = reports.tabular(named: name.rawValue)!
            title = Self.titles[name]!
            tables = report.tables
        }
    }

    private static let titles: [ReportName: String] = [
        .matrix: "Skills matrix", .trainings: "Trainings", .effect: "Effect of the programme",
        .plans: "Development plans", .practices: "Good practices",
    ]

    /// The primary table: the one `--format csv` writes.
    var primaryTable: ReportTable { tables[0] }
}

/// The programme indicators as JSON and as an `indicator,value` table (the same JSON values, one per row).
enum IndicatorTable {
    /// The indicators as one JSON object (keys sorted), exactly as `--format json` writes them.
    static func json(_ indicators: ProgrammeIndicators) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(indicators)
    }

    /// One row per top-level field of the JSON object; nested values (provenance, breakdowns) as compact JSON.
    static func table(_ indicators: ProgrammeIndicators) throws -> ReportTable {
        let object = try JSONDecoder().decode([String: JSONValue].self, from: try json(indicators))
        let rows = object.keys.sorted().map { IndicatorRow(indicator: $0, value: object[$0]!.cellText) }
        return ReportTable(name: "indicators", title: "Programme indicators", rows: rows)
    }

    /// One indicator.
    struct IndicatorRow: TableRow {
        static let columns = ["indicator", "value"]
        var indicator: String
        var value: String
        var cells: [String] { [indicator, value] }
    }
}
