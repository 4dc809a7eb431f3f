import CompetenceCore
import Testing

@Suite("Analytics: the timeline withholds indicator values measured on too few respondents")
struct TimelineDisclosureTests {
    @Test func anIndicatorOnFewerThanKRespondentsIsWithheld() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        for (name, respondents) in [("small", 3), ("large", 12)] as [(String, Int?)] + [("none", nil)] {
            try await fixture.record(
                IndicatorMeasured(
                    organisation: "E", indicator: .wellBeing, name: name, value: 7.25, unit: "score",
                    measuredOn: day("2024-05-01"), respondents: respondents))
        }
        let timeline = try await fixture.reports().timeline(for: "E")
        let lines = timeline.entries.map(\.summary).filter { $0.hasPrefix("Measured") }
        #expect(
            lines == [
                "Measured small: withheld (fewer than 5 respondents)", "Measured large: 7.25 score",
                "Measured none: 7.25 score",
            ])
        #expect(timeline.withheld == WithheldCells(primary: 1, complement: 0))
        // With a minimum group of 3 the small one is shown.
        let open = try await fixture.reports(minimumGroupSize: 3).timeline(for: "E")
        #expect(open.entries.map(\.summary).contains("Measured small: 7.25 score"))
    }
}
