/// A row of a report table: its cells, already formatted, in the order of ``columns``.
public protocol TableRow: Sendable {
    /// The column names, exactly as the CLI's CSV header writes them.
    static var columns: [String] { get }
    /// The formatted cells (see ``CellFormat``), one per column.
    var cells: [String] { get }
}

/// One table of a report: a title, the column names and the formatted rows.
public struct ReportTable: Hashable, Sendable {
    /// A short machine-friendly name, e.g. `matrix` or `ranked_gaps`.
    public var name: String
    /// A heading for people.
    public var title: String
    /// The column names.
    public var columns: [String]
    /// The rows, each with one cell per column.
    public var rows: [[String]]

    /// A table of typed rows.
    public init<Row: TableRow>(name: String, title: String, rows: [Row]) {
        self.name = name
        self.title = title
        self.columns = Row.columns
        self.rows = rows.map(\.cells)
    }
}

/// A report the CLI can render as a table, CSV, JSON or HTML.
///
/// ``tables`` holds at least one table; the first is the report's primary table, the one `--format csv`
/// writes (its columns are the contract of the CLI issue). Further tables are companions (breakdowns,
/// rankings) that table and HTML output show after it.
public protocol TabularReport: Sendable {
    /// What the report was computed from.
    var provenance: ReportProvenance { get }
    /// The report's tables, the primary one first.
    var tables: [ReportTable] { get }
}

extension TabularReport {
    /// The primary table (the one written as CSV).
    public var primaryTable: ReportTable { tables[0] }
}
