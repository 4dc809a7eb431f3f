import CompetenceCore
import Foundation

/// A report rendered in one format, as `competence report` writes it and `competence verify-report`
/// regenerates it: the one place that picks the renderer and adds the ``ReportStamp``.
package enum ReportOutput {
    /// `document` as `format`. Tables and HTML pages end with the stamp (a last line; an HTML comment after the
    /// page); a JSON report of tables carries it as `stamp`. CSV is the primary table only, as documented,
    /// and the indicators JSON keeps its documented shape: neither carries a stamp.
    package static func render(
        _ document: ReportDocument, as format: ReportFormat, organisation: String?
    ) throws -> String {
        let stamp = ReportStamp(document, format: format, organisation: organisation)
        switch format {
        case .table: return TextTableRenderer.render(document) + (try stamp.line()) + "\n"
        case .csv: return CSVRenderer.render(document.csvTable)
        case .json:
            var data = try JSONRenderer.render(document, stamp: stamp)
            data.append(UInt8(ascii: "\n"))
            return String(decoding: data, as: UTF8.self)
        case .html: return HTMLPage.render(document) + "<!-- \(try stamp.line()) -->\n"
        }
    }
}
