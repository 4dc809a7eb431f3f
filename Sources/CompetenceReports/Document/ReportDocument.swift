import CompetenceCore

/// A computed report, ready to render in any format: its title, tables, charts and provenance.
///
/// The one place where a ``ReportName`` is turned into content: an exhaustive switch, so a new report cannot
/// be added without saying what its tables, charts and JSON are.
package struct ReportDocument: Sendable {
    /// How the report is written as JSON.
    package enum JSONShape: Sendable {
        /// An object with the report's name, title, provenance and tables.
        case tables
        /// The programme indicators as one object with a field per indicator.
        case indicators(ProgrammeIndicators)
    }

    /// Which report.
    package let name: ReportName
    /// A heading for people.
    package let title: String
    /// The tables, the primary one (the CSV one) first.
    package let tables: [ReportTable]
    /// The charts of the HTML page, drawn from the same figures as the tables.
    package let charts: [ReportChart]
    /// What the report was computed from.
    package let provenance: ReportProvenance
    /// How the JSON rendering is shaped.
    package let jsonShape: JSONShape
    /// How many cells the report withheld for privacy, as primary and as complement.
    package let withheld: WithheldCells
    /// Who the report is for; an analyst report says on every rendering that it is not for publication.
    package var audience: ReportAudience = .public

    /// Picks the report `name` out of `reports` (already narrowed to their programme or pilot scope,
    /// ``AnalyticsOptions/scope``). Its ``charts`` are drawn only when `drawingCharts` (only the HTML page shows
    /// them; at 10 million events the effect's forest plots alone take a second).
    ///
    /// - Throws: ``ReportError/organisationNeeded`` when a timeline lacks its organisation;
    ///   ``ReportError/pilotNotApplicable(_:)`` when the scope names a pilot and the report takes none;
    ///   ``AnalyticsError`` when the organisation is unknown (in the scope).
    package init(
        name: ReportName, reports: AnalyticsReports, organisation: String?, drawingCharts: Bool = true
    ) throws {
        if reports.provenance.reportScope.pilot != nil, !name.takesPilot { throw ReportError.pilotNotApplicable(name) }
        func drawn(_ charts: @autoclosure () -> [ReportChart]) -> [ReportChart] { drawingCharts ? charts() : [] }
        self.name = name
        provenance = reports.provenance
        var shape = JSONShape.tables
        switch name {
        case .matrix:
            title = "Skills matrix"
            tables = reports.matrix.tables
            charts = drawn([AnalyticsCharts.gapHeatMap(reports.matrix)])
            withheld = reports.matrix.withheld
        case .trainings:
            title = "Trainings"
            tables = reports.trainings.tables
            charts = drawn([AnalyticsCharts.spending(reports.trainings)])
            withheld = reports.trainings.withheld
        case .effect:
            title = "Effect of the programme"
            tables = reports.effect.tables
            charts = drawn(AnalyticsCharts.effectBars(reports.effect) + AnalyticsCharts.forestPlots(reports.effect))
            withheld = reports.effect.withheld
        case .plans:
            title = "Development plans"
            tables = reports.plans.tables
            charts = []
            // Future needs show the matrix's mean gaps, empty where the matrix withholds them.
            withheld = .none
        case .indicators:
            // The programme overview: the indicators, with every chart of the other reports.
            title = "Programme indicators"
            tables = reports.indicators.tables
            charts = drawn(
                [AnalyticsCharts.gapHeatMap(reports.matrix)] + AnalyticsCharts.effectBars(reports.effect)
                    + [AnalyticsCharts.spending(reports.trainings)])
            shape = .indicators(reports.indicators)
            withheld = reports.indicators.withheld
        case .practices:
            title = "Good practices"
            tables = reports.practices.tables
            charts = []
            withheld = .none
        case .timeline:
            guard let organisation, !organisation.isEmpty else { throw ReportError.organisationNeeded }
            title = "Timeline of \(organisation)"
            let timeline = try reports.timeline(for: OrganisationID(organisation))
            tables = timeline.tables
            charts = []
            withheld = timeline.withheld
        case .esf:
            let esf = reports.esf
            title = "ESF participants"
            tables = esf.tables
            charts = []
            withheld = esf.withheld
        case .outcomes:
            title = "Outcomes"
            tables = reports.outcomes.tables
            charts = []
            withheld = reports.outcomes.withheld
        case .trace:
            guard let organisation, !organisation.isEmpty else { throw ReportError.organisationNeeded }
            title = "From need to result: \(organisation)"
            let trace = try reports.trace(for: OrganisationID(organisation))
            tables = trace.tables
            charts = []
            withheld = trace.withheld
        }
        jsonShape = shape
    }

    /// One line saying how many cells were withheld, e.g.
    /// "withheld for privacy: 2 cells as primary, 1 as complement".
    package var withheldSummary: String {
        "withheld for privacy: \(withheld.primary) cells as primary, \(withheld.complement) as complement"
    }

    /// The primary table: the one `--format csv` writes.
    package var primaryTable: ReportTable { tables[0] }

    /// The table `--format csv` writes: the primary table, and for an analyst report one more column,
    /// `not_for_publication`, `true` on every row, so the file itself says it.
    package var csvTable: ReportTable {
        guard audience == .analyst else { return primaryTable }
        var table = primaryTable
        table.columns.append("not_for_publication")
        table.rows = table.rows.map { $0 + ["true"] }
        return table
    }
}
