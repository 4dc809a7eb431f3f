import Foundation

/// An SVG heat map: one row per organisation, one column per competence, each cell coloured by the mean gap
/// (target − current) and labelled with it. Withheld cells are grey and marked "suppressed".
struct HeatMapChart: Sendable {
    /// One cell.
    struct Cell: Sendable {
        var row: String
        var column: String
        /// The formatted value shown in the cell, e.g. `1.250`.
        var label: String
        /// The value that sets the colour; `nil` for a withheld or undefined cell.
        var value: Double?
        /// Whether the value is withheld for privacy (rather than undefined: no answers).
        var suppressed: Bool

        /// What the cell shows.
        var text: String { value != nil ? label : suppressed ? "suppressed" : "no data" }
    }

    var title: String
    var rows: [String]
    var columns: [String]
    var cells: [Cell]

    /// The chart with its title as caption.
    func chart() -> ReportChart { ReportChart(caption: title, markup: svg()) }

    /// The chart as an `<svg>` element.
    func svg() -> String {
        let cellWidth = 78.0
        let cellHeight = 30.0
        let left = Double(min(max(rows.map(\.count).max() ?? 4, 4), 28)) * 7 + 16
        let top = 96.0
        let width = max(left + cellWidth * Double(columns.count) + 20, left + 5 * 46 + 190)
        let height = top + cellHeight * Double(rows.count) + 50
        let maximum = max(cells.compactMap(\.value).max() ?? 1, 1)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(Markup.escape(title))\" "
            + "width=\"\(Markup.number(width))\" height=\"\(Markup.number(height))\" "
            + "viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\">"
        svg += "<title>\(Markup.escape(title))</title>"
        for (index, column) in columns.enumerated() {
            let x = left + cellWidth * (Double(index) + 0.5)
            svg +=
                "<text class=\"axis\" transform=\"translate(\(Markup.number(x)),\(Markup.number(top - 8))) "
                + "rotate(-35)\">\(Markup.escape(column))</text>"
        }
        for (index, row) in rows.enumerated() {
            let y = top + cellHeight * (Double(index) + 0.5) + 4
            svg +=
                "<text class=\"axis\" x=\"\(Markup.number(left - 8))\" y=\"\(Markup.number(y))\" text-anchor=\"end\">"
                + "\(Markup.escape(row))</text>"
        }
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        for cell in cells {
            guard let r = rowIndex[cell.row], let c = columnIndex[cell.column] else { continue }
            let x = left + cellWidth * Double(c)
            let y = top + cellHeight * Double(r)
            let fill = cell.value.map { Self.colour($0 / maximum) } ?? (cell.suppressed ? "#bdbdbd" : "#f0f0f0")
            let tooltip = "\(cell.row) · \(cell.column): \(cell.text)"
            svg +=
                "<rect x=\"\(Markup.number(x))\" y=\"\(Markup.number(y))\" "
                + "width=\"\(Markup.number(cellWidth - 2))\" height=\"\(Markup.number(cellHeight - 2))\" "
                + "fill=\"\(fill)\"><title>\(Markup.escape(tooltip))</title></rect>"
            let text = cell.text
            let dark = (cell.value ?? 0) / maximum > 0.6
            svg +=
                "<text x=\"\(Markup.number(x + cellWidth / 2 - 1))\" y=\"\(Markup.number(y + cellHeight / 2 + 4))\" "
                + "text-anchor=\"middle\" class=\"\(dark ? "cell dark" : "cell")\">\(Markup.escape(text))</text>"
        }
        let legendY = top + cellHeight * Double(rows.count) + 18
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let x = left + Double(step) * 46
            svg +=
                "<rect x=\"\(Markup.number(x))\" y=\"\(Markup.number(legendY))\" width=\"44\" height=\"12\" "
                + "fill=\"\(Self.colour(value / maximum))\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(Markup.number(x + 22))\" y=\"\(Markup.number(legendY + 26))\" "
                + "text-anchor=\"middle\">\(Markup.escape(String(format: "%.1f", value)))</text>"
        }
        svg +=
            "<text class=\"axis\" x=\"\(Markup.number(left + 5 * 46 + 6))\" y=\"\(Markup.number(legendY + 10))\">"
            + "mean gap (target − current)</text>"
        return svg + "</svg>"
    }

    /// White (no gap) to deep red (the largest gap), for a fraction 0…1 (negative gaps stay white).
    static func colour(_ fraction: Double) -> String {
        let t = min(max(fraction, 0), 1)
        let from = (255.0, 247.0, 236.0)
        let to = (179.0, 0.0, 0.0)
        let r = Int(from.0 + (to.0 - from.0) * t)
        let g = Int(from.1 + (to.1 - from.1) * t)
        let b = Int(from.2 + (to.2 - from.2) * t)
        return "rgb(\(r),\(g),\(b))"
    }
}
