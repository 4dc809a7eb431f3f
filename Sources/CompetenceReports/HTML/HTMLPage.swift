import CompetenceCore
import Foundation

/// One self-contained HTML page for a report: inline CSS, inline SVG charts, the tables and the provenance.
/// It loads nothing from the network and prints cleanly (charts and table rows are not split across pages).
package enum HTMLPage {
    /// The page for `document`.
    package static func render(_ document: ReportDocument) -> String {
        var body = ""
        if document.audience == .analyst {
            // Fixed, so a printed page repeats it on every sheet.
            body += "<div class=\"not-for-publication\">\(Markup.escape(ReportAudience.analystNotice))</div>"
        }
        body += "<header><h1>\(Markup.escape(document.title))</h1>"
        body += "<p class=\"provenance\">Computed from: \(Markup.escape(document.provenance.summary))</p>"
        body += "<p class=\"withheld\">\(Markup.escape(document.withheldSummary.capitalisedFirst))</p></header>"
        if !document.charts.isEmpty {
            body += "<section class=\"charts\">"
            body += document.charts.map {
                "<figure><figcaption>\(Markup.escape($0.caption))</figcaption>\($0.markup)</figure>"
            }.joined()
            body += "</section>"
        }
        for table in document.tables { body += render(table) }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(document.title)) — Competence Ledger</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    /// A table with a caption; numeric cells right-aligned.
    static func render(_ table: ReportTable) -> String {
        var html = "<section class=\"table\"><table><caption>\(Markup.escape(table.title))</caption><thead><tr>"
        html += table.columns.map { "<th scope=\"col\">\(Markup.escape($0))</th>" }.joined()
        html += "</tr></thead><tbody>"
        if table.rows.isEmpty {
            html += "<tr><td colspan=\"\(table.columns.count)\" class=\"empty\">no rows</td></tr>"
        }
        for row in table.rows {
            html +=
                "<tr>"
                + row.map { cell in
                    let numeric = !cell.isEmpty && Double(cell) != nil
                    return "<td\(numeric ? " class=\"num\"" : "")>\(Markup.escape(cell))</td>"
                }.joined() + "</tr>"
        }
        return html + "</tbody></table></section>"
    }

    private static let style = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;color:#222;margin:2rem;max-width:1200px}
        h1{font-size:1.6rem;margin:0 0 .3rem}
        .provenance{color:#555;font-size:.8rem;margin:0 0 .5rem}
        .withheld{color:#555;font-size:.8rem;margin:0 0 1.5rem}
        .not-for-publication{position:fixed;top:0;left:0;right:0;background:#b00020;color:#fff;font-weight:bold;text-align:center;padding:.2rem}
        .charts{display:flex;flex-wrap:wrap;gap:1.5rem;margin-bottom:1.5rem}
        figure{margin:0;border:1px solid #ddd;padding:.5rem;background:#fff}
        figcaption{font-weight:bold;font-size:.85rem;margin-bottom:.3rem;max-width:480px}
        svg text{font-family:inherit}
        svg .axis{font-size:11px;fill:#333}
        svg .value{font-size:9px;fill:#222}
        svg .cell{font-size:10px;fill:#222}
        svg .cell.dark{fill:#fff}
        svg .zero{stroke:#444;stroke-width:1}
        table{border-collapse:collapse;margin:0 0 1.5rem;font-size:.8rem}
        caption{text-align:left;font-weight:bold;font-size:1rem;padding:.3rem 0}
        th,td{border:1px solid #ccc;padding:.2rem .45rem;vertical-align:top}
        th{background:#f0f0f0;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .empty{color:#777;font-style:italic}
        @media print{body{margin:1cm;max-width:none}figure,tr{break-inside:avoid}thead{display:table-header-group}\
        .charts{display:block}figure{margin-bottom:1rem}}
        """
}

extension String {
    /// The string with its first letter upper-cased.
    fileprivate var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
