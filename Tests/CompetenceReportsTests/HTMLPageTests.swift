import CompetenceCore
import Foundation
import Testing

@testable import CompetenceReports

/// The HTML page: self-contained, its charts and tables in place, and every text from the ledger escaped.
@Suite("Report renderers: the HTML page")
struct HTMLPageTests {
    @Test("a self-contained page: doctype, title, provenance, one figure per chart, every table")
    func structure() async throws {
        let reports = try await ReportSamples.demo()
        let document = try ReportDocument(name: .indicators, reports: reports, organisation: nil)
        let page = HTMLPage.render(document)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(page.contains("<title>Programme indicators — Competence Ledger</title>"))
        #expect(
            page.contains("<p class=\"provenance\">Computed from: \(Markup.escape(reports.provenance.summary))</p>"))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("<link"))
        #expect(page.components(separatedBy: "<figure>").count - 1 == document.charts.count)
        for chart in document.charts {
            #expect(
                page.contains(
                    "<figure><figcaption>\(Markup.escape(chart.caption))</figcaption>\(chart.markup)</figure>"))
        }
        for table in document.tables { #expect(page.contains(HTMLPage.render(table))) }
        #expect(page.hasSuffix("</body>\n</html>\n"))
    }

    @Test("a table: caption, column headers, numeric cells right-aligned, an empty table says so")
    func table() {
        let table = ReportTable(
            name: "t", title: "Figures",
            rows: [IndicatorRow(indicator: "a", value: "1.5"), .init(indicator: "b", value: "")])
        #expect(
            HTMLPage.render(table)
                == "<section class=\"table\"><table><caption>Figures</caption><thead><tr>"
                + "<th scope=\"col\">indicator</th><th scope=\"col\">value</th></tr></thead><tbody>"
                + "<tr><td>a</td><td class=\"num\">1.5</td></tr><tr><td>b</td><td></td></tr></tbody></table></section>")
        let empty = ReportTable(name: "t", title: "None", rows: [IndicatorRow]())
        #expect(HTMLPage.render(empty).contains("<tr><td colspan=\"2\" class=\"empty\">no rows</td></tr>"))
    }

    @Test("markup escaping covers &, <, >, double and single quotes")
    func escaping() {
        #expect(
            Markup.escape(#"<a href="x">Tom & 'Jerry'</a>"#)
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(
            Markup.number(12.345) == "12.3" && Markup.number(12.04) == "12" && Markup.number(-0.24) == "-0.2"
                && Markup.number(-0.25) == "-0.3")
    }

    @Test("hostile ids, names and titles are text on every page, never markup", arguments: ReportName.allCases)
    func hostileText(name: ReportName) async throws {
        let reports = try await ReportSamples.hostile()
        let organisation = name == .timeline || name == .trace ? ReportSamples.hostileOrganisation.rawValue : nil
        let document = try ReportDocument(name: name, reports: reports, organisation: organisation)
        let page = HTMLPage.render(document)
        #expect(!page.contains("<script"), "a script element on the \(name) page")
        #expect(!page.contains("<svg/"), "an injected element on the \(name) page")
        #expect(!page.contains("<b>") && !page.contains("<i>"))
        // Everything the ledger said is there, as text.
        let hostileCells = document.tables.flatMap { $0.rows.flatMap { $0 } }.filter {
            $0.contains("<") || $0.contains("\"") || $0.contains("'")
        }
        // The ESF report's cells are ids, enumerations and counts only.
        #expect(
            !hostileCells.isEmpty || name == .plans || name == .practices || name == .esf, "no hostile text in \(name)")
        for cell in hostileCells { #expect(page.contains(Markup.escape(cell))) }
        // Charts: as many SVG elements as captioned charts, however the labels look.
        let svgs = page.components(separatedBy: "<svg ").count - 1
        #expect(svgs == document.charts.filter { !$0.caption.isEmpty }.count)
        if name == .timeline {
            #expect(page.contains("<h1>Timeline of &lt;script&gt;alert(&#39;org&#39;)&lt;/script&gt;</h1>"))
        }
    }

    @Test("hostile text survives CSV and JSON unchanged")
    func hostileData() async throws {
        let reports = try await ReportSamples.hostile()
        let document = try ReportDocument(name: .matrix, reports: reports, organisation: nil)
        let csv = CSVRenderer.render(document.primaryTable)
        #expect(csv.contains("\n<script>alert('org')</script>,\"\"\"><svg/onload=alert(1)>\",2,"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: try JSONRenderer.render(document)) as? [String: Any])
        let rows = (json["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]
        #expect(rows?.first?["competence"] as? String == ReportSamples.hostileCompetence.rawValue)
    }
}
