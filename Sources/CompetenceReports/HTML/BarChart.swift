/// An SVG bar chart: groups of bars (e.g. one group per competence, one bar per series), vertical, with a
/// zero line so negative values (a drop) point down, a value label on each bar and a legend.
struct BarChart: Sendable {
    /// One named series, drawn in one colour.
    struct Series: Sendable {
        var name: String
        var colour: String
    }

    /// One group of bars: a label and one value per series (`nil`: no bar, e.g. withheld).
    struct Group: Sendable {
        var label: String
        var values: [Double?]
    }

    var title: String
    var series: [Series]
    var groups: [Group]
    /// How a value is printed on its bar.
    var format: @Sendable (Double) -> String

    /// The chart with its title as caption.
    func chart() -> ReportChart { ReportChart(caption: title, markup: svg()) }

    /// The longest group label drawn (the whole label stays in its tooltip).
    static let labelLimit = 24

    /// The chart as an `<svg>` element.
    func svg() -> String {
        let barWidth = 22.0
        let gap = 26.0
        let left = 48.0
        let top = 30.0
        let plotHeight = 190.0
        let groupWidth = barWidth * Double(series.count) + gap
        let width = max(left + groupWidth * Double(max(groups.count, 1)) + 20, left + 150 * Double(series.count))
        let values = groups.flatMap { $0.values.compactMap { $0 } }
        let high = max(values.max() ?? 1, 0)
        let low = min(values.min() ?? 0, 0)
        let span = max(high - low, 1e-9)
        func y(_ value: Double) -> Double { top + plotHeight * (high - value) / span }
        let longest = Double(min(groups.map(\.label.count).max() ?? 0, Self.labelLimit))
        let labelSpace = 16 + longest * 7
        let height = top + plotHeight + labelSpace + 40
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(Markup.escape(title))\" "
            + "width=\"\(Markup.number(width))\" height=\"\(Markup.number(height))\" "
            + "viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\">"
        svg += "<title>\(Markup.escape(title))</title>"
        svg +=
            "<line x1=\"\(Markup.number(left - 4))\" x2=\"\(Markup.number(width - 10))\" "
            + "y1=\"\(Markup.number(y(0)))\" y2=\"\(Markup.number(y(0)))\" class=\"zero\"/>"
        // An end label too close to the zero label (11 px text) is left out rather than drawn over it.
        if y(0) - y(high) >= 14 {
            svg +=
                "<text class=\"axis\" x=\"\(Markup.number(left - 8))\" y=\"\(Markup.number(y(high) + 4))\" "
                + "text-anchor=\"end\">\(Markup.escape(format(high)))</text>"
        }
        if low < 0, y(low) - y(0) >= 14 {
            svg +=
                "<text class=\"axis\" x=\"\(Markup.number(left - 8))\" y=\"\(Markup.number(y(low) + 4))\" "
                + "text-anchor=\"end\">\(Markup.escape(format(low)))</text>"
        }
        svg +=
            "<text class=\"axis\" x=\"\(Markup.number(left - 8))\" y=\"\(Markup.number(y(0) + 4))\" "
            + "text-anchor=\"end\">0</text>"
        for (groupIndex, group) in groups.enumerated() {
            let groupLeft = left + groupWidth * Double(groupIndex)
            for (seriesIndex, value) in group.values.enumerated() where seriesIndex < series.count {
                guard let value else { continue }
                let x = groupLeft + barWidth * Double(seriesIndex)
                let top = min(y(value), y(0))
                let barHeight = max(abs(y(value) - y(0)), 1)
                let tooltip = "\(group.label) · \(series[seriesIndex].name): \(format(value))"
                svg +=
                    "<rect x=\"\(Markup.number(x))\" y=\"\(Markup.number(top))\" "
                    + "width=\"\(Markup.number(barWidth - 3))\" height=\"\(Markup.number(barHeight))\" "
                    + "fill=\"\(series[seriesIndex].colour)\"><title>\(Markup.escape(tooltip))</title></rect>"
                let labelY = value >= 0 ? top - 3 : top + barHeight + 10
                svg +=
                    "<text class=\"value\" x=\"\(Markup.number(x + (barWidth - 3) / 2))\" "
                    + "y=\"\(Markup.number(labelY))\" text-anchor=\"middle\">\(Markup.escape(format(value)))</text>"
            }
            // Group labels run upwards from under the group, so long names never run into each other.
            let labelX = groupLeft + barWidth * Double(series.count) / 2 + 4
            let labelY = top + plotHeight + 12
            let label =
                group.label.count > Self.labelLimit
                ? String(group.label.prefix(Self.labelLimit - 1)) + "…" : group.label
            svg +=
                "<text class=\"axis\" x=\"\(Markup.number(labelX))\" y=\"\(Markup.number(labelY))\" "
                + "text-anchor=\"end\" transform=\"rotate(-90 \(Markup.number(labelX)) \(Markup.number(labelY)))\">"
                + "\(Markup.escape(label))<title>\(Markup.escape(group.label))</title></text>"
        }
        for (index, item) in series.enumerated() {
            let x = left + Double(index) * 150
            svg +=
                "<rect x=\"\(Markup.number(x))\" y=\"\(Markup.number(height - 30))\" width=\"12\" height=\"12\" "
                + "fill=\"\(item.colour)\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(Markup.number(x + 17))\" y=\"\(Markup.number(height - 20))\">"
                + "\(Markup.escape(item.name))</text>"
        }
        return svg + "</svg>"
    }
}
