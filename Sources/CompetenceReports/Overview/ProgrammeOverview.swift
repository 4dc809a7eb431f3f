import CompetenceCore

/// The main projections of a programme as text: what `competence demo` prints after recording the scenario.
/// Each section picks typed rows out of the reports and renders them as aligned text tables.
package enum ProgrammeOverview {
    /// One part of the overview: a heading and its tables.
    package struct Section: Sendable {
        /// What the section shows, for people.
        package var heading: String
        /// Its tables.
        package var tables: [ReportTable]

        /// The section as text: its heading underlined, then each table.
        package var text: String {
            var out = "\(heading)\n\(String(repeating: "=", count: heading.count))\n\n"
            for table in tables { out += TextTableRenderer.render(table) + "\n" }
            return out
        }
    }

    /// The sections of the overview of `reports`, in order.
    package static func sections(_ reports: AnalyticsReports) -> [Section] {
        let indicatorRows = reports.indicators.entries
            .filter { $0.key != .provenance }
            .sorted { $0.key.stringValue < $1.key.stringValue }
            .map { IndicatorRow(indicator: $0.key.stringValue, value: $0.value.cellText) }
        let matrix = reports.matrix
        let trainings = reports.trainings
        let effect = reports.effect
        return [
            Section(
                heading: "Where the programme stands",
                tables: [ReportTable(name: "indicators", title: "Programme indicators", rows: indicatorRows)]),
            Section(
                heading: "What to train first",
                tables: [
                    ReportTable(
                        name: "matrix_breakdown",
                        title: "Skills matrix by region (by sector and size class: competence report matrix)",
                        rows: matrix.breakdown.filter { $0.dimension == .region }),
                    ReportTable(
                        name: "ranked_gaps", title: "Top three gaps per organisation (mean gap × mean importance)",
                        rows: matrix.rankedGaps.filter { $0.rank <= 3 }),
                ]),
            Section(
                heading: "What was bought, and whether it meets the gaps",
                tables: [
                    ReportTable(name: "trainings", title: "Trainings procured", rows: trainings.trainings),
                    ReportTable(
                        name: "coverage", title: "Coverage of each organisation's top gaps", rows: trainings.coverage),
                ]),
            Section(
                heading: "Whether the training worked",
                tables: [
                    ReportTable(
                        name: "effect",
                        title: "Effect for the programme as a whole (per organisation: competence report effect)",
                        rows: effect.rows.filter { $0.population == .all }),
                    ReportTable(
                        name: "reactions", title: "Reaction scores per training (Kirkpatrick level 1)",
                        rows: effect.reactions),
                    ReportTable(
                        name: "behaviour",
                        title: "Plan actions completed and practices adopted (Kirkpatrick level 3 proxy)",
                        rows: effect.behaviour),
                ]),
            Section(
                heading: "Plans and good practices",
                tables: [
                    ReportTable(name: "plan_actions", title: "Development plan actions", rows: reports.plans.actions),
                    ReportTable(name: "practices", title: "Good-practice catalogue", rows: reports.practices.practices),
                ]),
            Section(
                heading: "Whether the organisations changed",
                tables: [
                    ReportTable(
                        name: "outcomes",
                        title: "Indicators before and after, per organisation (Kirkpatrick level 4; per pilot: "
                            + "competence report outcomes)",
                        rows: reports.outcomes.rows.filter { $0.scope == .organisation })
                ]),
        ]
    }

    /// The programme's numeric indicators on two days, side by side: `indicator,THEN-DAY,NOW-DAY`.
    package static func keyFigures(
        then: AnalyticsReports, thenDay: CalendarDate, now: AnalyticsReports, nowDay: CalendarDate
    ) -> ReportTable {
        let rows = now.indicators.entries.filter(\.value.isNumber)
            .sorted { $0.key.stringValue < $1.key.stringValue }
            .map { entry in
                KeyFigureRow(
                    indicator: entry.key.stringValue, then: then.indicators.value(of: entry.key).cellText,
                    now: entry.value.cellText)
            }
        var table = ReportTable(name: "key_figures", title: "Programme indicators", rows: rows)
        table.columns = ["indicator", thenDay.description, nowDay.description]
        return table
    }

    /// One indicator on two days.
    struct KeyFigureRow: TableRow {
        static let columns = ["indicator", "then", "now"]
        var indicator: String
        var then: String
        var now: String
        var cells: [String] { [indicator, then, now] }
    }
}
