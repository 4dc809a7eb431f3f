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
        // top 27 = b 3 + sub 11 + e 13. b is primary; its complement is the smallest published part: sub (11).
        // sub = c 5 + d 6, both published: adding them up would reveal sub, so c (the smaller) is withheld too.
        let top = SuppressionCell("top")
        let sub = SuppressionCell("sub")
        let e = SuppressionCell("e")
        let plan = SuppressionPlan(
            counts: [top: 27, b: 3, sub: 11, e: 13, c: 5, d: 6],
            relations: [
                SuppressionRelation(total: top, parts: [b, sub, e]), SuppressionRelation(total: sub, parts: [c, d]),
            ],
            minimumGroupSize: 5)
        #expect(plan.withheld == [b, sub, c])
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
