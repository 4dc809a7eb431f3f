import CompetenceCore
import CompetenceOutput

/// Renders report tables as aligned text for a terminal: a title, a header, a rule, the rows; numbers
/// right-aligned. Every title and cell passes through ``TerminalText`` (one line each): a name holding an
/// escape sequence is shown, not run.
package enum TextTableRenderer {
    /// The whole report: every table, the count of withheld cells, then the provenance line.
    package static func render(_ document: ReportDocument) -> String {
        let title = TerminalText.sanitised(document.title, .singleLine)
        var out = document.audience == .analyst ? ReportAudience.analystNotice + "\n\n" : ""
        out += document.title == document.tables.first?.title ? "" : "\(title)\n\n"
        for table in document.tables {
            out += render(table) + "\n"
        }
        out += document.withheldSummary + "\n"
        out += "computed from: \(TerminalText.sanitised(document.provenance.summary, .singleLine))\n"
        if document.audience == .analyst { out += ReportAudience.analystNotice + "\n" }
        return out
    }

    /// One table.
    package static func render(_ table: ReportTable) -> String {
        let safe = { (cell: String) in TerminalText.sanitised(cell, .singleLine) }
        let columns = table.columns.map(safe)
        let rows = table.rows.map { $0.map(safe) }
        var widths = columns.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                let pad = String(repeating: " ", count: max(width - cell.count, 0))
                return isNumeric(cell) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = "\(safe(table.title))\n"
        out += line(columns) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        if rows.isEmpty { out += "(no rows)\n" }
        for row in rows { out += line(row) + "\n" }
        return out
    }

    private static func isNumeric(_ cell: String) -> Bool { !cell.isEmpty && Double(cell) != nil }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
