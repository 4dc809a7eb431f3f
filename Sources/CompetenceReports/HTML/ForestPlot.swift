import CompetenceCore

/// A forest plot: one row per estimate, a dot at the estimate and a line across its 95 % interval, on one
/// shared horizontal axis with a dashed line at zero.
///
/// Labels never overlap: each row has its own line (18 px apart for 11 px text), row labels are cut to
/// `labelLimit` characters (the whole label stays in the row's tooltip), and the axis has five ticks spread
/// over 360 px.
struct ForestPlot: Sendable {
    /// One estimate.
    struct Row: Sendable {
        var label: String
        var estimate: Double?
        var low: Double?
        var high: Double?
    }

    /// The longest row label drawn.
    static let labelLimit = 30

    var title: String
    var rows: [Row]

    func chart() -> ReportChart { ReportChart(caption: title, markup: svg()) }

    func svg() -> String {
        let labelWidth = 210.0
        let plotWidth = 360.0
        let valueWidth = 150.0
        let rowHeight = 18.0
        let top = 12.0
        let width = labelWidth + plotWidth + valueWidth
        let height = top + rowHeight * Double(rows.count) + 40
        let values = rows.flatMap { [$0.estimate, $0.low, $0.high].compactMap { $0 } }
        var low = min(values.min() ?? -1, 0)
        var high = max(values.max() ?? 1, 0)
        let pad = max(high - low, 1e-9) * 0.05
        low -= pad
        high += pad
        func x(_ value: Double) -> Double { labelWidth + plotWidth * (value - low) / (high - low) }
        let axisY = top + rowHeight * Double(rows.count) + 4

        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(Markup.escape(title))\" "
            + "class=\"forest\" width=\"\(Markup.number(width))\" height=\"\(Markup.number(height))\" "
            + "viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\">"
        svg += "<title>\(Markup.escape(title))</title>"
        svg +=
            "<line x1=\"\(Markup.number(x(0)))\" x2=\"\(Markup.number(x(0)))\" y1=\"\(Markup.number(top))\" "
            + "y2=\"\(Markup.number(axisY))\" class=\"zero\" stroke-dasharray=\"4 3\"/>"
        svg +=
            "<line x1=\"\(Markup.number(labelWidth))\" x2=\"\(Markup.number(labelWidth + plotWidth))\" "
            + "y1=\"\(Markup.number(axisY))\" y2=\"\(Markup.number(axisY))\" class=\"zero\"/>"
        for index in 0..<5 {
            let value = low + (high - low) * Double(index) / 4
            svg +=
                "<text class=\"axis\" x=\"\(Markup.number(x(value)))\" y=\"\(Markup.number(axisY + 14))\" "
                + "text-anchor=\"middle\">\(Markup.escape(Self.tick(value)))</text>"
        }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * (Double(index) + 0.5)
            let label =
                row.label.count > Self.labelLimit ? String(row.label.prefix(Self.labelLimit - 1)) + "…" : row.label
            svg +=
                "<text class=\"axis\" x=\"\(Markup.number(labelWidth - 8))\" y=\"\(Markup.number(y + 4))\" "
                + "text-anchor=\"end\">\(Markup.escape(label))<title>\(Markup.escape(row.label))</title></text>"
            guard let estimate = row.estimate else {
                svg +=
                    "<text class=\"value\" x=\"\(Markup.number(labelWidth + plotWidth + 8))\" "
                    + "y=\"\(Markup.number(y + 3))\">withheld or undefined</text>"
                continue
            }
            if let rowLow = row.low, let rowHigh = row.high {
                svg +=
                    "<line x1=\"\(Markup.number(x(rowLow)))\" x2=\"\(Markup.number(x(rowHigh)))\" "
                    + "y1=\"\(Markup.number(y))\" y2=\"\(Markup.number(y))\" stroke=\"#08519c\" stroke-width=\"2\"/>"
            }
            svg +=
                "<circle cx=\"\(Markup.number(x(estimate)))\" cy=\"\(Markup.number(y))\" r=\"4\" fill=\"#08519c\">"
                + "<title>\(Markup.escape(row.label)): \(Markup.escape(Self.describe(row)))</title></circle>"
            svg +=
                "<text class=\"value\" x=\"\(Markup.number(labelWidth + plotWidth + 8))\" "
                + "y=\"\(Markup.number(y + 3))\">\(Markup.escape(Self.describe(row)))</text>"
        }
        return svg + "</svg>"
    }

    private static func tick(_ value: Double) -> String {
        let text = String(format2: value)
        return text == "-0.00" ? "0.00" : text
    }

    private static func describe(_ row: Row) -> String {
        guard let estimate = row.estimate else { return "" }
        guard let low = row.low, let high = row.high else { return CellFormat.number(estimate) }
        return "\(CellFormat.number(estimate)) [\(CellFormat.number(low)), \(CellFormat.number(high))]"
    }
}

extension String {
    /// `value` with two decimals.
    fileprivate init(format2 value: Double) {
        let hundredths = (value * 100).rounded()
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = Int(abs(hundredths))
        let fraction = magnitude % 100
        self = "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
