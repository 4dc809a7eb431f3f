import CompetenceCore
import Testing

/// Issue 12: the tables that used to plan their own suppression — then-test, reactions, the timeline's and
/// the outcome report's indicator values — follow the one disclosure pass (public) or their report's one plan
/// (analyst). Each test shows the figure the link protects is there to be read where nothing links it.
@Suite("Analytics: then-test, reactions, timeline and outcomes in the one disclosure pass")
struct LinkedDisclosureTests {
    static func reports(
        _ fixture: AnalyticsFixture, _ audience: ReportAudience, scope: ReplayScope = .everything
    ) async throws -> AnalyticsReports {
        try await AnalyticsReports.replay(
            fixture.store, scope: scope, options: AnalyticsOptions(today: day("2024-12-31"), audience: audience))
    }

    /// Rounds `b` (baseline, opens 2024-01-10) and `f` (follow-up, opens 2024-10-01) over E on excel.
    static func rounds(_ fixture: AnalyticsFixture) async throws {
        try await fixture.enrol("E")
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "b", kind: .baseline, organisations: ["E"], competences: ["excel"], opensOn: day("2024-01-10")))
        try await fixture.record(
            SurveyRoundOpened(
                round: "f", kind: .followUp, organisations: ["E"], competences: ["excel"], opensOn: day("2024-10-01")))
    }

    @Test("an effect row over n paired persons and a then-test row over n − 1 are never both published")
    func thenTestRestIsPrimary() async throws {
        let fixture = AnalyticsFixture()
        try await Self.rounds(fixture)
        let followUp = [3, 4, 4, 5, 2, 5]
        for (index, level) in followUp.enumerated() {
            let person = "p\(index + 1)"
            try await fixture.answer(person, of: "E", in: "b", "excel", current: 2, on: "2024-01-10")
            try await fixture.answer(person, of: "E", in: "f", "excel", current: level, on: "2024-10-05")
            // Everyone but p6 also gives a then-test answer.
            if index < 5 {
                try await fixture.record(
                    SurveyAnswerRecorded(
                        round: "f", respondent: PersonID(person), organisation: "E", competence: "excel", current: 1,
                        answeredOn: day("2024-10-05"), perspective: .retrospectivePre))
            }
        }
        for audience in ReportAudience.allCases {
            let effect = try await Self.reports(fixture, audience).effect
            let row = try #require(effect.rows.first { $0.population == .organisation("E") })
            let thenTest = try #require(effect.thenTest.first { $0.population == .organisation("E") })
            // The attack: 6 × the effect's follow-up mean − 5 × the then-test's gives p6's level back.
            if let whole = row.followUpMean, let subset = thenTest.followUpMean {
                Issue.record("\(audience): p6's level is \(6 * whole - 5 * subset)")
            }
            #expect(row.suppressed == false && thenTest.suppressed, "\(audience)")
            #expect(effect.withheld.primary + effect.withheld.complement >= 1, "\(audience)")
        }
        // Without p6 (five paired persons, all with a then-test answer) both rows are the same persons: shown.
        let fewer = AnalyticsFixture()
        try await Self.rounds(fewer)
        for (index, level) in followUp.prefix(5).enumerated() {
            let person = "p\(index + 1)"
            try await fewer.answer(person, of: "E", in: "b", "excel", current: 2, on: "2024-01-10")
            try await fewer.answer(person, of: "E", in: "f", "excel", current: level, on: "2024-10-05")
            try await fewer.record(
                SurveyAnswerRecorded(
                    round: "f", respondent: PersonID(person), organisation: "E", competence: "excel", current: 1,
                    answeredOn: day("2024-10-05"), perspective: .retrospectivePre))
        }
        let shown = try #require(try await Self.reports(fewer, .public).effect.thenTest.first)
        #expect(shown.followUpMean == 3.6 && !shown.suppressed)
    }

    @Test("a reaction score changed by fewer than k ratings since the previous public snapshot is withheld")
    func reactionSinceThePreviousSnapshot() async throws {
        let fixture = AnalyticsFixture()
        try await Self.rounds(fixture)
        try await fixture.record(
            TrainingProcured(
                training: "t1", title: "Excel", provider: "LAB", kind: .joint, competences: ["excel"], costCents: 1,
                hours: 1, procuredOn: day("2024-03-01")))
        for score in [5, 4, 4, 3, 5] {
            try await fixture.record(TrainingFeedbackGiven(training: "t1", score: score, givenOn: day("2024-05-02")))
        }
        try await fixture.answer("p1", of: "E", in: "b", "excel", current: 2, on: "2024-01-10")
        // The previous public snapshot ends when round f opens (2024-10-01): then t1 had five ratings (4.2).
        let then = try await Self.reports(fixture, .public).effect.reactions
        #expect(then.map(\.meanScore) == [4.2])
        // One more rating and one more answer after it: the public mean would give the sixth rating (1) away.
        try await fixture.record(TrainingFeedbackGiven(training: "t1", score: 1, givenOn: day("2024-10-03")))
        try await fixture.answer("p1", of: "E", in: "f", "excel", current: 3, on: "2024-10-05")
        let now = try await Self.reports(fixture, .public).effect
        #expect(now.reactions.map(\.suppressed) == [true] && now.reactions[0].meanScore == nil)
        #expect(now.withheld.complement + now.withheld.primary >= 1)
        // The analyst's report, which allows every scope anyway, shows it (six ratings, mean 22 / 6).
        let analyst = try await Self.reports(fixture, .analyst).effect.reactions
        #expect(analyst.map(\.responses) == [6] && analyst[0].meanScore == 22.0 / 6)
    }

    @Test("the timeline and the outcome report withhold the same indicator values, in both audiences")
    func timelineAndOutcomesShareCells() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        for (measured, respondents, value) in [("2024-01-01", 3, 6.5), ("2024-06-01", 12, 7.25)] {
            try await fixture.record(
                IndicatorMeasured(
                    organisation: "E", indicator: .wellBeing, name: "wb", value: value, unit: "score",
                    measuredOn: day(measured), respondents: respondents))
        }
        for audience in ReportAudience.allCases {
            let reports = try await Self.reports(fixture, audience)
            let timeline = try reports.timeline(for: "E")
            let lines = timeline.entries.map(\.summary).filter { $0.hasPrefix("Measured") }
            #expect(lines == ["Measured wb: withheld (fewer than 5 respondents)", "Measured wb: 7.25 score"])
            let row = try #require(reports.outcomes.rows.first)
            #expect(row.before == nil && row.after == 7.25 && row.change == nil && row.suppressed)
            #expect(timeline.withheld == reports.outcomes.withheld)
            #expect(timeline.withheld == WithheldCells(primary: 1, complement: 0))
        }
    }

    @Test("an ESF count changed by fewer than k persons since the previous public snapshot is withheld")
    func esfSinceThePreviousSnapshot() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.record(
            ProgrammeSetUp(programme: "lossi", name: "LOSSI", startsOn: day("2023-01-01"), endsOn: day("2025-12-31")))
        try await fixture.record(
            OrganisationEnrolled(
                organisation: "E", name: "E", kind: .enterprise, sector: "metal", sizeClass: .small,
                region: "Päijät-Häme", programme: "lossi"))
        try await fixture.define("excel")
        for (round, kind, opens) in [("b", RoundKind.baseline, "2024-01-10"), ("f", .followUp, "2024-10-01")] {
            try await fixture.record(
                SurveyRoundOpened(
                    round: RoundID(round), kind: kind, organisations: ["E"], competences: ["excel"],
                    opensOn: day(opens)))
        }
        let profile = { (gender: ParticipantGender) in
            ParticipantProfile(gender: gender, ageBand: .from25To54, education: .isced3To4, labourStatus: .employed)
        }
        for index in 1...5 {
            try await fixture.register(PersonID("p\(index)"), in: "E")
            try await fixture.record(
                ParticipantDataRecorded(
                    person: PersonID("p\(index)"), stage: .entry, recordedOn: day("2024-01-15"),
                    profile: profile(.female)))
        }
        // A sixth participant's entry after round f opened, and an answer after it.
        try await fixture.register("p6", in: "E")
        try await fixture.record(
            ParticipantDataRecorded(person: "p6", stage: .entry, recordedOn: day("2024-10-03"), profile: profile(.male))
        )
        try await fixture.answer("p1", of: "E", in: "f", "excel", current: 3, on: "2024-10-05")
        let participants = { (report: ESFParticipants) in
            report.rows.first { $0.stage == .entry && $0.indicator == .participants }
        }
        // The analyst's report shows six participants (the one man withheld, the women as his complement) …
        let analyst = try #require(participants(try await Self.reports(fixture, .analyst).esf))
        #expect(analyst.persons == 6)
        // … which, beside the previous public snapshot's five, would say the sixth is a man: public withholds it.
        let published = try #require(participants(try await Self.reports(fixture, .public).esf))
        #expect(published.persons == nil && published.suppressed)
    }

    @Test("the need trace classes its withheld change cells as the effect report does")
    func traceClassesWithheldCells() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        try await fixture.enrol("F")
        try await fixture.define("excel")
        for (round, kind, opens) in [("b", RoundKind.baseline, "2024-01-10"), ("f", .followUp, "2024-10-01")] {
            try await fixture.record(
                SurveyRoundOpened(
                    round: RoundID(round), kind: kind, organisations: ["E", "F"], competences: ["excel"],
                    opensOn: day(opens)))
        }
        // E: six paired persons; F: two (a primary cell), so E's row is F's complement through ALL.
        for (person, organisation) in (1...6).map({ ("e\($0)", OrganisationID("E")) }) + [("f1", "F"), ("f2", "F")] {
            try await fixture.answer(person, of: organisation, in: "b", "excel", current: 2, on: "2024-01-10")
            try await fixture.answer(person, of: organisation, in: "f", "excel", current: 3, on: "2024-10-05")
        }
        for organisation in ["E", "F"] as [OrganisationID] {
            try await fixture.record(
                TrainingNeedIdentified(
                    organisation: organisation, competence: "excel", identifiedOn: day("2024-02-01"), source: .survey,
                    priority: 1))
        }
        for audience in ReportAudience.allCases {
            let reports = try await Self.reports(fixture, audience)
            #expect(reports.effect.rows.filter(\.suppressed).count == 2, "\(audience)")
            #expect(try reports.trace(for: "E").withheld == WithheldCells(primary: 0, complement: 1), "\(audience)")
            #expect(try reports.trace(for: "F").withheld == WithheldCells(primary: 1, complement: 0), "\(audience)")
        }
    }
}
