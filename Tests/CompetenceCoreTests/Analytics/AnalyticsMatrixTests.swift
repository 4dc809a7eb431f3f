import CompetenceCore
import Testing

@Suite("Analytics: skills matrix, suppression, ranking, coverage")
struct AnalyticsMatrixTests {
    /// Org A: five respondents on excel (current, target):
    /// (2,4) (3,4) (1,4) (2,3) (3,5) → gaps 2 1 3 1 2.
    /// mean current 11/5 = 2.2 · mean target 20/5 = 4.0 · mean gap 9/5 = 1.8 · gap ≥ 2: 3/5 = 0.6.
    private func recordOrganisationA(_ fixture: AnalyticsFixture) async throws {
        try await fixture.enrol("A")
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "r0", kind: .baseline, organisations: ["A", "B", "C", "D"], competences: ["excel"],
                opensOn: day("2024-01-10")))
        for (index, (current, target)) in [(2, 4), (3, 4), (1, 4), (2, 3), (3, 5)].enumerated() {
            try await fixture.answer(
                "a\(index)", of: "A", in: "r0", "excel", current: current, target: target, on: "2024-01-15")
        }
    }

    @Test func fiveRespondentsArePublished() async throws {
        let fixture = AnalyticsFixture()
        try await recordOrganisationA(fixture)
        let matrix = try await fixture.reports().matrix.primaryTable
        #expect(
            matrix.columns.prefix(7) == [
                "organisation", "competence", "respondents", "mean_current", "mean_target", "mean_gap", "suppressed",
            ])
        #expect(
            matrix.row("A", "excel") == [
                "organisation": "A", "competence": "excel", "respondents": "5", "mean_current": "2.200",
                "mean_target": "4.000",
                "mean_gap": "1.800", "suppressed": "false", "share_gap_2_or_more": "0.600", "target_respondents": "5",
            ])
        // ALL is A alone here.
        #expect(matrix.row("ALL", "excel")?["mean_gap"] == "1.800")
    }

    @Test func fourRespondentsAreSuppressedAndTheirComplementToo() async throws {
        let fixture = AnalyticsFixture()
        try await recordOrganisationA(fixture)
        // B: four respondents (1,5) ×4 → primary suppression (4 < 5).
        try await fixture.enrol("B")
        for index in 0..<4 {
            try await fixture.answer("b\(index)", of: "B", in: "r0", "excel", current: 1, target: 5, on: "2024-01-15")
        }
        // C: six respondents, excel (3,4)(3,4)(4,4)(2,4)(3,4)(3,4) → current 18/6 = 3.0, target 4.0,
        //    gaps 1 1 0 2 1 1 → 1.0, gap ≥ 2: 1/6. Also lean (2,5) importance 2 → gap 3, priority 3 × 2 = 6.
        try await fixture.enrol("C", region: "Varsinais-Suomi")
        try await fixture.define("lean")
        try await fixture.record(
            SurveyRoundOpened(
                round: "r1", kind: .baseline, organisations: ["C"], competences: ["lean"], opensOn: day("2024-01-10")))
        for (index, current) in [3, 3, 4, 2, 3, 3].enumerated() {
            try await fixture.answer(
                "c\(index)", of: "C", in: "r0", "excel", current: current, target: 4, on: "2024-01-16")
            try await fixture.answer(
                "c\(index)", of: "C", in: "r1", "lean", current: 2, target: 5, importance: 2, on: "2024-01-16")
        }
        // D: five respondents (4,5) → current 4.0, target 5.0, gap 1.0, gap ≥ 2: 0.
        try await fixture.enrol("D", region: "Varsinais-Suomi")
        for index in 0..<5 {
            try await fixture.answer("d\(index)", of: "D", in: "r0", "excel", current: 4, target: 5, on: "2024-01-17")
        }

        let reports = try await fixture.reports()
        let matrix = reports.matrix.primaryTable
        // B is withheld (4 < 5). ALL (20) is published, so B alone could be recovered by subtraction: the smallest
        // published organisation is withheld too — A and D both have 5, A comes first by id.
        let withheld = [
            "organisation": "B", "competence": "excel", "respondents": "", "mean_current": "", "mean_target": "",
            "mean_gap": "", "suppressed": "true", "share_gap_2_or_more": "", "target_respondents": "",
        ]
        #expect(matrix.row("B", "excel") == withheld)
        #expect(matrix.row("A", "excel")?["suppressed"] == "true")
        #expect(matrix.row("A", "excel")?["mean_current"] == "")
        #expect(matrix.row("C", "excel")?["mean_current"] == "3.000")
        #expect(matrix.row("C", "excel")?["share_gap_2_or_more"] == "0.167")
        #expect(matrix.row("D", "excel")?["mean_gap"] == "1.000")
        // ALL excel over 20: current (11 + 4 + 18 + 20)/20 = 2.65; target (20 + 20 + 24 + 25)/20 = 4.45;
        // gap (9 + 16 + 6 + 5)/20 = 1.8; gap ≥ 2: (3 + 4 + 1 + 0)/20 = 0.4.
        #expect(
            matrix.row("ALL", "excel") == [
                "organisation": "ALL", "competence": "excel", "respondents": "20", "mean_current": "2.650",
                "mean_target": "4.450",
                "mean_gap": "1.800", "suppressed": "false", "share_gap_2_or_more": "0.400", "target_respondents": "20",
            ])
        // Rows: organisations by id, then ALL per competence.
        #expect(
            matrix.rows.map { "\($0[0])/\($0[1])" } == [
                "A/excel", "B/excel", "C/excel", "C/lean", "D/excel", "ALL/excel", "ALL/lean",
            ])

        // Breakdown by region: Päijät-Häme = A + B (9 persons, both withheld as organisations, fine together):
        // current 15/9 = 1.667, target 40/9 = 4.444, gap 25/9 = 2.778; Varsinais-Suomi = C + D (11): current
        // 38/11 = 3.455, gap 11/11 = 1.0.
        let breakdown = reports.matrix.tables[1]
        #expect(breakdown.row("region", "Päijät-Häme", "excel")?["mean_current"] == "1.667")
        #expect(breakdown.row("region", "Päijät-Häme", "excel")?["mean_gap"] == "2.778")
        #expect(breakdown.row("region", "Varsinais-Suomi", "excel")?["mean_current"] == "3.455")
        #expect(breakdown.row("size_class", "small", "excel")?["respondents"] == "20")

        // Ranked gaps (published rows only): C lean priority mean(3 × 2) = 6 before C excel mean(gap × 3) = 3.0;
        // D excel 3.0. A and B are withheld, so not ranked.
        #expect(
            reports.matrix.tables[2].rows == [
                ["C", "1", "lean", "3.000", "6.000"], ["C", "2", "excel", "1.000", "3.000"],
                ["D", "1", "excel", "1.000", "3.000"],
            ])
    }

    @Test func coverageNamesTheTrainingsThatTargetATopGap() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("C")
        try await fixture.define("lean")
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "r0", kind: .baseline, organisations: ["C"], competences: ["lean", "excel"],
                opensOn: day("2024-01-10")))
        for index in 0..<5 {
            // gap 3 → priority 9
            try await fixture.answer("c\(index)", of: "C", in: "r0", "lean", current: 2, target: 5, on: "2024-01-16")
            // gap 1 → priority 3
            try await fixture.answer("c\(index)", of: "C", in: "r0", "excel", current: 3, target: 4, on: "2024-01-16")
        }
        try await fixture.record(
            TrainingProcured(
                training: "t-lean", title: "Lean", provider: "LAB", kind: .company, competences: ["lean"],
                costCents: 50_000, hours: 8, procuredOn: day("2024-02-01"), organisations: ["C"]))
        try await fixture.record(
            TrainingProcured(
                training: "t-other", title: "Excel for others", provider: "LAB", kind: .company, competences: ["excel"],
                costCents: 50_000, hours: 8, procuredOn: day("2024-02-01"), organisations: ["Z"]))
        let coverage = try await fixture.reports().trainings.tables[3]
        #expect(
            coverage.columns == ["organisation", "rank", "competence", "mean_gap", "priority", "covered", "trainings"])
        #expect(
            coverage.rows == [
                ["C", "1", "lean", "3.000", "9.000", "true", "t-lean"],
                // The excel training is for another organisation: the gap is not covered.
                ["C", "2", "excel", "1.000", "3.000", "false", ""],
            ])
    }

    @Test func anOrganisationSurveyedWithoutAnswersHasAnEmptyUnsuppressedRow() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "r0", kind: .baseline, organisations: ["E"], competences: ["excel"], opensOn: day("2024-01-10")))
        let matrix = try await fixture.reports().matrix.primaryTable
        #expect(
            matrix.rows == [
                ["E", "excel", "0", "", "", "", "false", "", "0"],
                ["ALL", "excel", "0", "", "", "", "false", "", "0"],
            ])
    }

    @Test func aTargetLevelGivenByTooFewIsWithheldWhileCurrentLevelsShow() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("A")
        try await fixture.define("excel")
        // Six respondents, only two gave a target: the current mean (2+2+2+3+3+3)/6 = 2.5 shows, target figures do not.
        for (index, current) in [2, 2, 2, 3, 3, 3].enumerated() {
            try await fixture.answer(
                "p\(index)", of: "A", in: "r0", "excel", current: current, target: index < 2 ? 5 : nil, on: "2024-01-15"
            )
        }
        let row = try await fixture.reports().matrix.primaryTable.row("A", "excel")
        #expect(row?["respondents"] == "6")
        #expect(row?["mean_current"] == "2.500")
        #expect(row?["mean_target"] == "")
        #expect(row?["mean_gap"] == "")
        #expect(row?["target_respondents"] == "2")
        #expect(row?["suppressed"] == "false")
    }

    @Test func theMinimumGroupSizeIsConfigurable() async throws {
        let fixture = AnalyticsFixture()
        try await recordOrganisationA(fixture)
        let strict = try await fixture.reports(minimumGroupSize: 6).matrix.primaryTable
        #expect(strict.row("A", "excel")?["suppressed"] == "true")
        let lax = try await fixture.reports(minimumGroupSize: 1).matrix.primaryTable
        #expect(lax.row("A", "excel")?["mean_current"] == "2.200")
        #expect(throws: AnalyticsError.minimumGroupSizeBelowOne(0)) {
            try AnalyticsOptions(today: day("2024-01-01"), minimumGroupSize: 0)
        }
    }
}
