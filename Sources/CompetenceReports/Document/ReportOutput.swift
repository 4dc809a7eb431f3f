import CompetenceCore
import Foundation

/// A report rendered in one format, as `competence report` writes it and `competence verify-report`
/// regenerates it: the one place that picks the renderer and adds the ``ReportStamp``.
package enum ReportOutput {
    /// `document` as `format`. Tables and HTML pages end with the stamp (a last line; an HTML comment after the
    /// page); a JSON report carries it as `stamp` (the indicators object as one more field beside the
    /// indicators). CSV is the primary table only, as documented: its stamp is the ``sidecar(_:as:organisation:)``.
    package static func render(
        _ document: ReportDocument, as format: ReportFormat, organisation: String?
    ) throws -> String {
        // Made only for the formats that carry it: its event digests are 107 MB of base64 at 10 million events.
        var stamp: ReportStamp { ReportStamp(document, format: format, organisation: organisation) }
        switch format {
        case .table: return TextTableRenderer.render(document) + (try stamp.line()) + "\n"
        case .csv: return CSVRenderer.render(document.csvTable)
        case .json:
            let stamp = stamp
            var data = try JSONRenderer.render(document, stamp: stamp)
            if case .indicators = document.jsonShape {
                data = try Self.adding(stamp, document.withheld, to: data)
            }
            data.append(UInt8(ascii: "\n"))
            return String(decoding: data, as: UTF8.self)
        case .html: return HTMLPage.render(document) + "<!-- \(try stamp.line()) -->\n"
        }
    }

    /// The file written beside a CSV report (`FILE.stamp` beside `--output FILE`), so the CSV keeps exactly its
    /// documented columns: the stamp line, then how many cells were withheld. `nil` for the other formats,
    /// which carry both themselves.
    package static func sidecar(
        _ document: ReportDocument, as format: ReportFormat, organisation: String?
    ) throws -> String? {
        guard format == .csv else { return nil }
        let stamp = ReportStamp(document, format: format, organisation: organisation)
        var sidecar = try stamp.line()
        sidecar += "\n" + document.withheldSummary + "\n"
        return sidecar
    }

    /// ``render(_:as:organisation:)`` and ``sidecar(_:as:organisation:)`` of one document, made at once: for a CSV
    /// report at scale they are the two largest pieces of work after the figures (the table's cells, and the
    /// stamp's 107 MB of event digests at 10 million events), each on one core.
    package static func renderWithSidecar(
        _ document: ReportDocument, as format: ReportFormat, organisation: String?
    ) throws -> (text: String, sidecar: String?) {
        guard format == .csv else { return (try render(document, as: format, organisation: organisation), nil) }
        let (text, sidecar) = ConcurrentMap.pair(
            { Result { try render(document, as: format, organisation: organisation) } },
            { Result { try Self.sidecar(document, as: format, organisation: organisation) } })
        return (try text.get(), try sidecar.get())
    }

    /// The path of the sidecar of a CSV report written to `path`.
    package static func sidecarPath(of path: String) -> String { path + ".stamp" }

    /// The indicators object with `stamp` and `withheld` (`primary`, `complement`) added; its documented fields
    /// are unchanged.
    private static func adding(_ stamp: ReportStamp, _ withheld: WithheldCells, to data: Data) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return data }
        object["stamp"] = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(stamp))
        object["withheld"] = ["primary": withheld.primary, "complement": withheld.complement]
        return try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }
}
