/// One chart of a report's HTML page: its caption and its markup (an `<svg>` element, or a short paragraph
/// saying why there is nothing to draw, which has no caption).
package struct ReportChart: Sendable, Hashable {
    /// The caption shown above the chart; empty for a placeholder paragraph.
    package var caption: String
    /// The chart's markup, ready to place in the page.
    package var markup: String
}
