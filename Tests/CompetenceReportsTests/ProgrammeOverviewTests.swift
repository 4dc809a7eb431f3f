import CompetenceCore
import Foundation
import Testing

@testable import CompetenceReports

/// What `competence demo` prints: the overview's sections and the key figures on two days.
@Suite("Programme overview")
struct ProgrammeOverviewTests {
    @Test("the sections in order, each heading underlined, programme-wide effect rows only")
    func sections() async throws {
        let reports = try await ReportSamples.demo()
        let sections = ProgrammeOverview.sections(reports)
        #expect(
            sections.map(\.heading) == [
                "Where the programme stands", "What to train first",
                "What was bought, and whether it meets the gaps", "Whether the training worked",
                "Plans and good practices", "Whether the organisations changed",
            ])
        for section in sections {
            #expect(
                section.text.hasPrefix(
                    "\(section.heading)\n\(String(repeating: "=", count: section.heading.count))\n\n"))
            for table in section.tables { #expect(section.text.contains(TextTableRenderer.render(table))) }
        }
        let indicators = sections[0].tables[0]
        #expect(!indicators.rows.contains { $0[0] == "provenance" })
        #expect(indicators.rows.count == ProgrammeIndicators.CodingKeys.allCases.count - 1)
        let effect = sections[3].tables[0]
        #expect(effect.rows.allSatisfy { $0[0] == "ALL" } && !effect.rows.isEmpty)
        let ranked = sections[1].tables[1]
        #expect(ranked.rows.allSatisfy { Int($0[1])! <= 3 })
    }

    @Test("key figures: the numeric indicators on two days, the days as column names")
    func keyFigures() async throws {
        let then = try await ReportSamples.demo(scope: .effectiveOn(CalendarDate(year: 2024, month: 6, day: 30)!))
        let now = try await ReportSamples.demo()
        let table = ProgrammeOverview.keyFigures(
            then: then, thenDay: CalendarDate(year: 2024, month: 6, day: 30)!, now: now,
            nowDay: CalendarDate(year: 2025, month: 1, day: 31)!)
        #expect(table.columns == ["indicator", "2024-06-30", "2025-01-31"])
        let numeric = now.indicators.entries.filter(\.value.isNumber).map(\.key.stringValue).sorted()
        #expect(table.rows.map { $0[0] } == numeric)
        let trainings = try #require(table.rows.first { $0[0] == "trainings" })
        #expect(trainings[1] == String(then.indicators.trainings))
        #expect(trainings[2] == String(now.indicators.trainings))
        #expect(table.rows.contains { $0[1] != $0[2] })
    }
}
