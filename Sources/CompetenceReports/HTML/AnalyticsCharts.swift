import CompetenceCore

/// The charts of the reports' HTML pages, drawn from the computed reports (the same figures as the tables).
enum AnalyticsCharts {
    /// Heat map of the mean gap per organisation × competence.
    static func gapHeatMap(_ matrix: SkillsMatrix) -> ReportChart {
        var organisations: [String] = []
        var competences: [String] = []
        var cells: [HeatMapChart.Cell] = []
        for row in matrix.rows {
            guard case .organisation(let organisation) = row.population else { continue }
            if !organisations.contains(organisation.rawValue) { organisations.append(organisation.rawValue) }
            if !competences.contains(row.competence.rawValue) { competences.append(row.competence.rawValue) }
            let value = row.suppressed ? nil : row.figures.meanGap
            cells.append(
                HeatMapChart.Cell(
                    row: organisation.rawValue, column: row.competence.rawValue, label: CellFormat.number(value),
                    value: value,
                    suppressed: row.suppressed))
        }
        guard !cells.isEmpty else {
            return placeholder("Competence gaps per organisation: no survey answers in this scope")
        }
        return HeatMapChart(
            title: "Mean competence gap per organisation × competence", rows: organisations, columns: competences,
            cells: cells
        ).chart()
    }

    /// Before/after means per competence for the whole programme, and the change of trained vs untrained persons.
    static func effectBars(_ effect: EffectEvaluation) -> [ReportChart] {
        let programme = effect.rows.filter { $0.population == .all }
        guard !programme.isEmpty else {
            return [placeholder("Before and after: no paired baseline and follow-up answers in this scope")]
        }
        let levels = BarChart(
            title: "Mean level before (baseline) and after (follow-up), whole programme",
            series: [.init(name: "baseline", colour: "#9ecae1"), .init(name: "follow-up", colour: "#08519c")],
            groups: programme.map {
                .init(
                    label: $0.competence.rawValue,
                    values: $0.suppressed ? [nil, nil] : [$0.baselineMean, $0.followUpMean])
            },
            format: { CellFormat.number($0) })
        let split = BarChart(
            title: "Mean change of trained and untrained persons, whole programme",
            series: [.init(name: "trained", colour: "#238b45"), .init(name: "untrained", colour: "#fd8d3c")],
            groups: programme.map {
                .init(
                    label: $0.competence.rawValue,
                    values: $0.splitSuppressed || $0.suppressed ? [nil, nil] : [$0.trainedChange, $0.untrainedChange])
            },
            format: { CellFormat.number($0) })
        return [levels.chart(), split.chart()]
    }

    /// Forest plots of the mean change (95 % t-interval) and the difference in differences (Welch 95 %
    /// interval), one row per competence and organisation (the programme, `ALL`, first in each competence).
    static func forestPlots(_ effect: EffectEvaluation) -> [ReportChart] {
        let ordered = effect.rows.sorted {
            ($0.competence, $0.population == .all ? 0 : 1, $0.population.description)
                < ($1.competence, $1.population == .all ? 0 : 1, $1.population.description)
        }
        let label = { (row: EffectRow) in "\(row.competence.rawValue) · \(row.population.description)" }
        let change = ForestPlot(
            title: "Mean change with its 95 % interval, per competence and organisation",
            rows: ordered.map {
                .init(label: label($0), estimate: $0.meanChange, low: $0.changeLow95, high: $0.changeHigh95)
            })
        let difference = ForestPlot(
            title: "Difference in differences (trained − untrained) with Welch's 95 % interval",
            rows: ordered.map {
                .init(
                    label: label($0), estimate: $0.differenceInDifferences, low: $0.differenceLow95,
                    high: $0.differenceHigh95)
            })
        return [change.chart(), difference.chart()]
    }

    /// Money spent per competence (each training's cost split equally among its competences).
    static func spending(_ trainings: TrainingLedger) -> ReportChart {
        guard !trainings.competences.isEmpty else {
            return placeholder("Spending per competence: no trainings in this scope")
        }
        return BarChart(
            title: "Spending per competence (EUR)",
            series: [.init(name: "cost share, EUR", colour: "#6a51a3")],
            groups: trainings.competences.map {
                .init(label: $0.competence.rawValue, values: [Double($0.costCentsShare) / 100])
            },
            format: { CellFormat.euros(cents: Int(($0 * 100).rounded())) }
        ).chart()
    }

    private static func placeholder(_ text: String) -> ReportChart {
        ReportChart(caption: "", markup: "<p class=\"empty\">\(Markup.escape(text)).</p>")
    }
}
