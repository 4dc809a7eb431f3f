/// The reports `competence report NAME` computes.
package enum ReportName: String, CaseIterable, Sendable {
    /// Skills matrix: current and target levels and gaps per organisation × competence.
    case matrix
    /// Training ledger: trainings, participation, spending per competence, coverage of top gaps.
    case trainings
    /// Effect: paired baseline → follow-up change, trained vs untrained, difference in differences.
    case effect
    /// Development plans and their actions.
    case plans
    /// Programme indicators for the funder: one JSON object.
    case indicators
    /// The good-practice catalogue.
    case practices
    /// One organisation's history (needs an organisation).
    case timeline
    /// ESF+ participant indicators at entry and exit, per programme.
    case esf
    /// Outcomes (Kirkpatrick level 4): indicators before and after, per organisation and pilot.
    case outcomes
    /// One organisation's needs followed to trainings, plan actions and competence change (needs an
    /// organisation).
    case trace

    /// Whether the report takes `--pilot ID`: the reports about one organisation's work (its plans, good
    /// practices, timeline, trace and outcomes). The programme-wide reports over persons (matrix, trainings,
    /// effect, indicators, ESF) take `--programme` only.
    package var takesPilot: Bool {
        switch self {
        case .plans, .practices, .timeline, .outcomes, .trace: true
        case .matrix, .trainings, .effect, .indicators, .esf: false
        }
    }
}

/// How a report is written.
package enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned text tables for the terminal.
    case table
    /// The primary table as CSV with a header row (the columns are a contract; see Docs/CLI.md).
    case csv
    /// JSON: indicators as one object; other reports as their tables with provenance.
    case json
    /// One self-contained HTML page: tables and SVG charts, no network, printable.
    case html
}
