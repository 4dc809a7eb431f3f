import CompetenceCore
import Foundation
import Testing

@testable import CompetenceReports

/// `ReportOutput.renderWithSidecar` makes the report's text and its sidecar at once: the same bytes as the two
/// made one after the other, for every report in every format.
@Suite("Report text and sidecar made at once")
struct RenderWithSidecarTests {
    @Test(arguments: ReportFormat.allCases)
    func theSameBytesAsOneAfterTheOther(_ format: ReportFormat) async throws {
        let reports = try await ReportSamples.demo()
        for name in ReportName.allCases where name != .timeline && name != .trace {
            let document = try ReportDocument(
                name: name, reports: reports, organisation: nil, drawingCharts: format == .html)
            let (text, sidecar) = try ReportOutput.renderWithSidecar(document, as: format, organisation: nil)
            #expect(text == (try ReportOutput.render(document, as: format, organisation: nil)), "\(name)")
            #expect(sidecar == (try ReportOutput.sidecar(document, as: format, organisation: nil)), "\(name)")
            #expect((sidecar != nil) == (format == .csv))
        }
    }
}
