import CompetenceCore
import Foundation
import Testing

@testable import CompetenceReports

/// The one switch on the report name: each name gives its title, its report's tables and its charts.
@Suite("Report documents")
struct ReportDocumentTests {
    /// What each report is made of: title, tables, chart captions.
    private func expected(_ name: ReportName, _ reports: AnalyticsReports) throws -> (String, [ReportTable], [String]) {
        let heatMap = "Mean competence gap per organisation × competence"
        let effect = [
            "Mean level before (baseline) and after (follow-up), whole programme",
            "Mean change of trained and untrained persons, whole programme",
        ]
        let spending = "Spending per competence (EUR)"
        let forest = [
            "Mean change with its 95 % interval, per competence and organisation",
            "Difference in differences (trained − untrained) with Welch's 95 % interval",
        ]
        switch name {
        case .matrix: return ("Skills matrix", reports.matrix.tables, [heatMap])
        case .trainings: return ("Trainings", reports.trainings.tables, [spending])
        case .effect: return ("Effect of the programme", reports.effect.tables, effect + forest)
        case .plans: return ("Development plans", reports.plans.tables, [])
        case .indicators: return ("Programme indicators", reports.indicators.tables, [heatMap] + effect + [spending])
        case .practices: return ("Good practices", reports.practices.tables, [])
        case .timeline: return ("Timeline of pakkaus", try reports.timeline(for: "pakkaus").tables, [])
        case .esf: return ("ESF participants", reports.esf.tables, [])
        case .outcomes: return ("Outcomes", reports.outcomes.tables, [])
        case .trace: return ("From need to result: pakkaus", try reports.trace(for: "pakkaus").tables, [])
        }
    }

    @Test(
        "every report name: its title, its report's tables (primary first), its charts", arguments: ReportName.allCases)
    func everyName(name: ReportName) async throws {
        let reports = try await ReportSamples.demo()
        let document = try ReportDocument(
            name: name, reports: reports, organisation: name == .timeline || name == .trace ? "pakkaus" : nil)
        let (title, tables, captions) = try expected(name, reports)
        #expect(document.name == name)
        #expect(document.title == title)
        #expect(document.tables == tables)
        #expect(!document.tables.isEmpty && document.primaryTable == tables[0])
        #expect(document.charts.map(\.caption) == captions)
        #expect(document.provenance == reports.provenance)
        switch document.jsonShape {
        case .indicators(let indicators):
            #expect(name == .indicators)
            #expect(indicators == reports.indicators)
        case .tables:
            #expect(name != .indicators)
        }
    }

    @Test(
        "a document drawn without charts renders every format but HTML to the same bytes",
        arguments: ReportName.allCases)
    func withoutCharts(name: ReportName) async throws {
        let reports = try await ReportSamples.demo()
        let organisation = name == .timeline || name == .trace ? "pakkaus" : nil
        let drawn = try ReportDocument(name: name, reports: reports, organisation: organisation)
        let plain = try ReportDocument(
            name: name, reports: reports, organisation: organisation, drawingCharts: false)
        #expect(plain.charts.isEmpty)
        #expect(plain.tables == drawn.tables)
        for format in ReportFormat.allCases where format != .html {
            #expect(
                try ReportOutput.render(plain, as: format, organisation: organisation)
                    == ReportOutput.render(drawn, as: format, organisation: organisation), "\(format)")
            #expect(
                try ReportOutput.sidecar(plain, as: format, organisation: organisation)
                    == ReportOutput.sidecar(drawn, as: format, organisation: organisation), "\(format)")
        }
    }

    @Test("the contract columns lead the CSV tables of matrix and effect")
    func contractColumns() async throws {
        let reports = try await ReportSamples.demo()
        let matrix = try ReportDocument(name: .matrix, reports: reports, organisation: nil).primaryTable.columns
        #expect(
            Array(matrix.prefix(7)) == [
                "organisation", "competence", "respondents", "mean_current", "mean_target", "mean_gap", "suppressed",
            ])
        let effect = try ReportDocument(name: .effect, reports: reports, organisation: nil).primaryTable.columns
        #expect(
            Array(effect.prefix(14)) == [
                "organisation", "competence", "paired_n", "baseline_mean", "followup_mean", "mean_change",
                "sd_change", "effect_size_dz", "trained_n", "trained_change", "untrained_n", "untrained_change",
                "difference_in_differences", "suppressed",
            ])
    }

    @Test("the timeline needs an organisation, and names an unknown one")
    func timeline() async throws {
        let reports = try await ReportSamples.demo()
        for missing in [nil, ""] as [String?] {
            let error = try #require(throws: ReportError.self) {
                try ReportDocument(name: .timeline, reports: reports, organisation: missing)
            }
            #expect(error.description.hasPrefix("invalid value '' for --organisation: expected the id of an enrolled"))
        }
        let unknown = try #require(throws: AnalyticsError.self) {
            try ReportDocument(name: .timeline, reports: reports, organisation: "nowhere")
        }
        #expect(unknown == .unknownOrganisation("nowhere"))
        #expect(unknown.description.contains("'nowhere'"))
    }

    @Test("every chart is an SVG whose own title is its caption")
    func chartsCarryTheirCaption() async throws {
        let reports = try await ReportSamples.demo()
        let charts =
            try ReportDocument(name: .indicators, reports: reports, organisation: nil).charts
            + ReportDocument(name: .effect, reports: reports, organisation: nil).charts.suffix(2)
        #expect(charts.count == 6)
        for chart in charts {
            #expect(chart.markup.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""))
            #expect(chart.markup.hasSuffix("</svg>"))
            #expect(chart.markup.contains("aria-label=\"\(Markup.escape(chart.caption))\""))
            #expect(chart.markup.contains("<title>\(Markup.escape(chart.caption))</title>"))
        }
    }

    @Test("the heat map draws one cell per organisation and competence of the matrix, withheld cells grey")
    func heatMapCells() async throws {
        let reports = try await ReportSamples.demo()
        let chart = AnalyticsCharts.gapHeatMap(reports.matrix)
        let organisationRows = reports.matrix.rows.filter {
            if case .organisation = $0.population { return true } else { return false }
        }
        // One <rect> with a tooltip per cell, plus five legend swatches.
        #expect(chart.markup.components(separatedBy: "<rect").count - 1 == organisationRows.count + 5)
        let withheld = organisationRows.filter(\.suppressed).count
        #expect(withheld > 0)
        #expect(chart.markup.components(separatedBy: "fill=\"#bdbdbd\"").count - 1 == withheld)
        #expect(chart.markup.components(separatedBy: ">suppressed</text>").count - 1 == withheld)
    }

    @Test("with nothing to draw, each chart says why instead (and has no caption)")
    func placeholders() async throws {
        let reports = try await ReportSamples.empty()
        let charts = try ReportDocument(name: .indicators, reports: reports, organisation: nil).charts
        #expect(charts.map(\.caption) == ["", "", ""])
        #expect(
            charts.map(\.markup) == [
                "<p class=\"empty\">Competence gaps per organisation: no survey answers in this scope.</p>",
                "<p class=\"empty\">Before and after: no paired baseline and follow-up answers in this scope.</p>",
                "<p class=\"empty\">Spending per competence: no trainings in this scope.</p>",
            ])
    }

    @Test("bar charts: a zero line, negative bars point down, withheld values draw no bar")
    func barChart() {
        let chart = BarChart(
            title: "Change", series: [.init(name: "a", colour: "#111"), .init(name: "b", colour: "#222")],
            groups: [.init(label: "x", values: [1.5, -0.5]), .init(label: "y", values: [nil, 2])],
            format: { String(format: "%.1f", $0) })
        let svg = chart.svg()
        #expect(chart.chart() == ReportChart(caption: "Change", markup: svg))
        #expect(svg.contains("class=\"zero\""))
        // Three bars and two legend swatches.
        #expect(svg.components(separatedBy: "<rect").count - 1 == 3 + 2)
        #expect(svg.contains("<title>x · b: -0.5</title>"))
        #expect(!svg.contains("y · a:"))
        // The lowest value is labelled on the axis when below zero.
        #expect(svg.contains(">-0.5</text>"))
    }
}
