import CompetenceCore

/// Renders report tables as aligned text for a terminal: a title, a header, a rule, the rows; numbers
/// right-aligned.
package enum TextTableRenderer {
    /// The whole report: every table, then the provenance line.
    package static func render(_ document: ReportDocument) -> String {
        var out = document.title == document.tables.first?.title ? "" : "\(document.title)\n\n"
        for table in document.tables {
            out += render(table) + "\n"
        }
        out += "computed from: \(document.provenance.summary)\n"
        return out
    }

    /// One table.
    package static func render(_ table: ReportTable) -> String {
        var widths = table.columns.map(\.count)
        for row in table.rows {
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
        var out = "\(table.title)\n"
        out += line(table.columns) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        if table.rows.isEmpty { out += "(no rows)\n" }
        for row in table.rows { out += line(row) + "\n" }
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
