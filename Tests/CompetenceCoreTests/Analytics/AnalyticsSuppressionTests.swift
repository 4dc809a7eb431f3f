import Testing

@testable import CompetenceCore

@Suite("Analytics: suppression plan and cell format")
struct AnalyticsSuppressionTests {
    private let total = SuppressionCell("total")
    private let a = SuppressionCell("a"), b = SuppressionCell("b"), c = SuppressionCell("c"), d = SuppressionCell("d")

    @Test func twoSmallCellsTogetherBigEnoughNeedNoComplement() {
        // a 2 + b 3 = 5 ≥ 5 withheld together: subtraction gives only their combined 5.
        let plan = SuppressionPlan(
            counts: [total: 16, a: 2, b: 3, c: 5, d: 6],
            relations: [SuppressionRelation(total: total, parts: [a, b, c, d])], minimumGroupSize: 5)
        #expect(plan.withheld == [a, b])
    }

    @Test func oneSmallCellTakesTheSmallestPublishedOneWithIt() {
        let plan = SuppressionPlan(
            counts: [total: 18, a: 1, b: 7, c: 6, d: 4],
            relations: [SuppressionRelation(total: total, parts: [a, b, c, d])], minimumGroupSize: 5)
        // a (1) and d (4) are primary; together 5 → done. Nothing else.
        #expect(plan.withheld == [a, d])
        let single = SuppressionPlan(
            counts: [total: 14, a: 1, b: 7, c: 6], relations: [SuppressionRelation(total: total, parts: [a, b, c])],
            minimumGroupSize: 5)
        // a alone: c (6, smaller than b) goes with it.
        #expect(single.withheld == [a, c])
    }

    @Test func aWithheldTotalIsNotLeftAsTheSumOfPublishedParts() {
        // top 14 = b 3 + sub 11. b is primary; its only possible complement is sub (11).
        // sub = c 5 + d 6, both published: adding them up would reveal sub, so c (the smaller) is withheld too.
        let top = SuppressionCell("top")
        let sub = SuppressionCell("sub")
        let plan = SuppressionPlan(
            counts: [top: 14, b: 3, sub: 11, c: 5, d: 6],
            relations: [
                SuppressionRelation(total: top, parts: [b, sub]), SuppressionRelation(total: sub, parts: [c, d]),
            ],
            minimumGroupSize: 5)
        #expect(plan.withheld == [b, sub, c])
        #expect(plan.primary == [b])
        #expect(plan.complements == [sub, c])
    }

    @Test func theComplementThatDragsInLeastWinsOverTheSmallest() {
        // top 27 = b 3 + sub 11 + e 13. Withholding sub (the smallest) would also cost c (sub's parts would
        // add up to it): three cells. e costs one cell, so e is the complement.
        let top = SuppressionCell("top")
        let sub = SuppressionCell("sub")
        let e = SuppressionCell("e")
        let plan = SuppressionPlan(
            counts: [top: 27, b: 3, sub: 11, e: 13, c: 5, d: 6],
            relations: [
                SuppressionRelation(total: top, parts: [b, sub, e]), SuppressionRelation(total: sub, parts: [c, d]),
            ],
            minimumGroupSize: 5)
        #expect(plan.withheld == [b, e])
    }

    /// The over-suppression case: seven firms on five competences (35 cells), three regions, one micro
    /// firm A with 3 respondents. Region R1: A 3 (micro), B 9 (small), C 8 (medium); R2: D 5 (small),
    /// E 6 (medium); R3: F 6 (small), G 7 (medium). Taking the smallest firm D as A's complement drags in C
    /// (A's region) and E (D's region): 4 of 7 firms. B alone covers A in the programme, its region, its sector,
    /// and the size-class total (the micro group's complement is the small group, which holds B).
    @Test func sevenFirmsWithOneSmallOneLoseAtMostTwoComplementsPerPrimaryCell() async throws {
        let fixture = AnalyticsFixture()
        let firms: [(OrganisationID, String, SizeClass, Int)] = [
            ("A", "R1", .micro, 3), ("B", "R1", .small, 9), ("C", "R1", .medium, 8), ("D", "R2", .small, 5),
            ("E", "R2", .medium, 6), ("F", "R3", .small, 6), ("G", "R3", .medium, 7),
        ]
        let competences: [CompetenceID] = ["c1", "c2", "c3", "c4", "c5"]
        for (firm, region, size, _) in firms { try await fixture.enrol(firm, region: region, size: size) }
        for competence in competences { try await fixture.define(competence) }
        try await fixture.record(
            SurveyRoundOpened(
                round: "b", kind: .baseline, organisations: firms.map(\.0), competences: competences,
                opensOn: day("2024-01-10")))
        for (firm, _, _, respondents) in firms {
            for person in 0..<respondents {
                for competence in competences {
                    try await fixture.answer(
                        "\(firm.rawValue)-\(person)", of: firm, in: "b", competence, current: 2 + person % 3,
                        on: "2024-01-15")
                }
            }
        }
        let matrix = try await fixture.reports().matrix
        let withheldFirms = matrix.rows.filter { $0.suppressed }.map { "\($0.population)/\($0.competence)" }
        #expect(withheldFirms == competences.flatMap { ["A/\($0)", "B/\($0)"] }.sorted())
        // Per competence: primary A and the micro size class; complements B and the small size class.
        #expect(matrix.withheld == WithheldCells(primary: 10, complement: 10))
        #expect(matrix.withheld.complement <= 2 * matrix.withheld.primary)
        let regions = matrix.breakdown.filter { $0.dimension == .region && $0.suppressed }
        #expect(regions.isEmpty)
    }

    @Test func numbersHaveThreeDecimalsAndNoNegativeZero() {
        #expect(CellFormat.number(2.0 / 3.0) == "0.667")
        #expect(CellFormat.number(-0.0001) == "0.000")
        #expect(CellFormat.number(nil) == "")
        #expect(CellFormat.number(.nan) == "")
        #expect(CellFormat.euros(cents: 120_050) == "1200.50")
        #expect(CellFormat.euros(cents: 5) == "0.05")
        #expect(CellFormat.euros(cents: -105) == "-1.05")
    }
}
