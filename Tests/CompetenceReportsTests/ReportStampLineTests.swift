import CompetenceCore
import CompetenceScenario
import Foundation
import Testing

@testable import CompetenceReports

/// The stamp's line splices the per-event digests into the encoded rest; it must be exactly the line the
/// encoder and the `--` replacement give for the whole stamp.
@Suite("Report stamp line")
struct ReportStampLineTests {
    /// The line made the whole way through the encoder: what `line()` promises.
    private func reference(_ stamp: ReportStamp) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(stamp), as: UTF8.self)
        return ReportStamp.marker + json.replacingOccurrences(of: "--", with: "-\\u002d")
    }

    private func demoStamp() async throws -> ReportStamp {
        let store = InMemoryEventStore(clock: DemoScenario.clock)
        try await DemoScenario().record(into: store)
        let reports = try await AnalyticsReports.replay(
            store, options: try AnalyticsOptions(today: DemoScenario.recordingDay))
        let document = try ReportDocument(name: .effect, reports: reports, organisation: nil)
        return ReportStamp(document, format: .csv, organisation: nil)
    }

    @Test("the spliced line equals the encoder's, with texts that need escapes and hold --")
    func splicedLineEqualsEncoded() async throws {
        var stamp = try await demoStamp()
        #expect(!stamp.eventDigests.isEmpty)
        #expect(try stamp.line() == reference(stamp))
        stamp.organisation = #"a--b "quoted" \ back/slash -- "event_digests":"" end"#
        stamp.programme = "--"
        #expect(try stamp.line() == reference(stamp))
        let line = try stamp.line()
        #expect(!line.contains("--"))
        #expect(ReportStamp.find(in: "table\n" + line + "\n") == stamp)
    }

    @Test("digests that are not base64 go through the encoder and stay readable")
    func nonBase64DigestsAreEncoded() async throws {
        var stamp = try await demoStamp()
        for digests in ["", "--", #"a"b\c"#, "AAAA--AAAA", "ÄÖ/+="] {
            stamp.eventDigests = digests
            #expect(try stamp.line() == reference(stamp))
            #expect(ReportStamp.find(in: try stamp.line()) == stamp)
        }
    }

    @Test("the digests' base64 is Foundation's, for every length and remainder")
    func digestsBase64IsFoundations() {
        var generator = SplitMix64(seed: 3)
        for count in Array(0...12) + [100, 1_001] {
            let digests = (0..<count).map { _ in generator.next() } + (count == 3 ? [0, .max] : [])
            var bytes: [UInt8] = []
            for digest in digests { withUnsafeBytes(of: digest.bigEndian) { bytes += $0 } }
            #expect(ReportStamp.base64(bigEndian: digests) == Data(bytes).base64EncodedString(), "\(count) digests")
        }
    }
}
