import CompetenceCore
import Testing

@Suite("Analytics: public reports move in whole survey rounds")
struct PublicScopeTests {
    /// Rounds b (opens 2024-01-10, closed 2024-02-15), m (opens 2024-05-01, never closed) and f (opens
    /// 2024-10-01, still running): m ends when f opens.
    static func calendar() async throws -> SurveyRoundCalendar {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        try await fixture.define("excel")
        for (round, kind, opens) in [("b", RoundKind.baseline, "2024-01-10"), ("m", .followUp, "2024-05-01")]
            + [("f", RoundKind.followUp, "2024-10-01")]
        {
            try await fixture.record(
                SurveyRoundOpened(
                    round: RoundID(round), kind: kind, organisations: ["E"], competences: ["excel"],
                    opensOn: day(opens)))
        }
        try await fixture.record(SurveyRoundClosed(round: "b", closedOn: day("2024-02-15")))
        return SurveyRoundCalendar(try await fixture.state())
    }

    @Test func daysSnapBackToTheEndOfTheLastEndedRound() async throws {
        let calendar = try await Self.calendar()
        #expect(
            try PublicScope.snap(.asOf(day("2024-03-01")), round: nil, calendar: calendar) == .asOf(day("2024-02-15")))
        #expect(
            try PublicScope.snap(.effectiveOn(day("2024-12-31")), round: nil, calendar: calendar)
                == .effectiveOn(day("2024-10-01")))
        #expect(
            try PublicScope.snap(.asOf(day("2024-02-15")), round: nil, calendar: calendar) == .asOf(day("2024-02-15")))
        #expect(try PublicScope.snap(.everything, round: nil, calendar: calendar) == .everything)
        #expect(try PublicScope.snap(.everything, round: "m", calendar: calendar) == .asOf(day("2024-10-01")))
        // The two days around one answer give the same public report: both snap to the same round end.
        #expect(
            try PublicScope.snap(.asOf(day("2024-06-01")), round: nil, calendar: calendar)
                == PublicScope.snap(.asOf(day("2024-06-02")), round: nil, calendar: calendar))
    }

    @Test func withoutTheCalendarOnlyThePresentAndARefusedPositionAreAnswered() async throws {
        let calendar = try await Self.calendar()
        #expect(try PublicScope.snapWithoutCalendar(.everything, round: nil) == .everything)
        #expect(throws: AnalyticsError.positionRefused) {
            try PublicScope.snapWithoutCalendar(.throughPosition(5), round: nil)
        }
        #expect(try PublicScope.snapWithoutCalendar(.everything, round: "m") == nil)
        #expect(try PublicScope.snapWithoutCalendar(.asOf(day("2024-03-01")), round: nil) == nil)
        #expect(try PublicScope.snapWithoutCalendar(.effectiveOn(day("2024-03-01")), round: nil) == nil)
        // Where it answers, it answers as snap does.
        #expect(
            try PublicScope.snapWithoutCalendar(.everything, round: nil)
                == PublicScope.snap(.everything, round: nil, calendar: calendar))
    }

    @Test func positionsUnendedRoundsAndEarlyDaysAreRefused() async throws {
        let calendar = try await Self.calendar()
        #expect(throws: AnalyticsError.positionRefused) {
            try PublicScope.snap(.throughPosition(5), round: nil, calendar: calendar)
        }
        #expect(throws: AnalyticsError.noRoundEnded(day("2024-02-14"))) {
            try PublicScope.snap(.asOf(day("2024-02-14")), round: nil, calendar: calendar)
        }
        #expect(throws: AnalyticsError.roundNotEnded("f")) {
            try PublicScope.snap(.everything, round: "f", calendar: calendar)
        }
        #expect(throws: AnalyticsError.unknownRound("x")) {
            try PublicScope.snap(.everything, round: "x", calendar: calendar)
        }
    }
}
