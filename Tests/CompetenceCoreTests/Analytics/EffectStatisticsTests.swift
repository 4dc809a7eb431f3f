import Foundation
import Testing

@testable import CompetenceCore

/// The small-sample statistics of the effect report against reference values computed independently with
/// scipy 1.x and statsmodels (`scipy.stats.t`, `ttest_ind(equal_var=False).confidence_interval()`,
/// `permutation_test(..., alternative="greater", n_resamples=inf)` of |mean₁ − mean₂|, `ols("f ~ b + t")`).
/// The numbers are committed here; the tools are not needed to run the tests.
@Suite("Analytics: effect statistics")
struct EffectStatisticsTests {
    private func close(_ value: Double?, _ reference: Double, within tolerance: Double = 0.0005) -> Bool {
        guard let value else { return false }
        return abs(value - reference) < tolerance
    }

    @Test(arguments: [
        (1.0, 12.706204736174694, 0.8128329581890011, 0.30559988778578523),
        (2.0, 4.302652729749462, 0.8638034375544994, 0.2781965123164327),
        (4.0, 2.7764451051977934, 0.896, 0.2612500827967251),
        (9.0, 2.262157162798205, 0.9160746719714625, 0.2508095196080725),
        (19.0, 2.0930240544083087, 0.9249757346288642, 0.24620504411246855),
        (7.3, 2.345066736547703, 0.912218453598457, 0.2528085700931292),
        (3.5, 2.9400886379827282, 0.8910909064923275, 0.2638170711728394),
    ])
    func studentTMatchesScipy(freedom: Double, critical: Double, above: Double, below: Double) {
        let t = StudentT(freedom: freedom)
        #expect(abs(t.critical95 - critical) < 1e-9)
        #expect(abs(t.cumulative(1.5) - above) < 1e-9)
        #expect(abs(t.cumulative(-0.7) - below) < 1e-9)
        #expect(abs(t.quantile(0.025) + critical) < 1e-9)
    }

    /// E's eleven changes and ALL's twenty (AnalyticsEffectTests' scenario).
    static let changesE: [Double] = [2, 2, 1, 3, 0, 1, 0, 0, 1, -1, 0]
    static let changesAll: [Double] = changesE + [1, 0, 1, 1] + [1, 1, 0, 1, 2]

    @Test func meanChangeTIntervalMatchesScipy() throws {
        let e = try #require(SampleSummary(Self.changesE).meanInterval95)
        #expect(close(e.low, 0.033677757565404476) && close(e.high, 1.602685878798232))
        let all = try #require(SampleSummary(Self.changesAll).meanInterval95)
        #expect(close(all.low, 0.413201216359622) && close(all.high, 1.286798783640378))
        #expect(SampleSummary([1]).meanInterval95 == nil)
    }

    /// Reference: g = J·d_z, SE = J·√(1/n + d_z²/(2n)), g ± t_{0.975,n−1}·SE computed with numpy/scipy.
    @Test func hedgesIntervalMatchesReference() throws {
        let e = try #require(SampleSummary(Self.changesE).hedgesInterval95)
        #expect(close(e.low, -0.045313397533919275) && close(e.high, 1.338819335525373))
        let all = try #require(SampleSummary(Self.changesAll).hedgesInterval95)
        #expect(close(all.low, 0.3399144533785309) && close(all.high, 1.4087156707981765))
        #expect(SampleSummary([1, 1, 1]).hedgesInterval95 == nil)
    }

    static let trainedE: [Double] = [2, 2, 1, 3, 0]
    static let untrainedE: [Double] = [1, 0, 0, 1, -1, 0]
    static let untrainedAll: [Double] = untrainedE + [1, 0, 1, 1] + [1, 1, 0, 1, 2]

    @Test func welchIntervalMatchesScipy() throws {
        let e = try #require(WelchDifference(Self.trainedE, Self.untrainedE))
        #expect(close(e.interval.low, 0.01374936516788905) && close(e.interval.high, 2.8529173014987776))
        #expect(abs(e.freedom - 6.7239989427778495) < 1e-9)
        let all = try #require(WelchDifference(Self.trainedE, Self.untrainedAll))
        #expect(close(all.interval.low, -0.3858576500963491) && close(all.interval.high, 2.385857650096349))
        #expect(WelchDifference([1], [1, 2]) == nil)
        #expect(WelchDifference([1, 1], [2, 2]) == nil)
    }

    @Test func exactPermutationPMatchesScipy() throws {
        let e = try #require(PermutationTest(Self.trainedE, Self.untrainedE))
        #expect(e.exact)
        #expect(close(e.pValue, 0.06493506493506493, within: 0.005))
        let all = try #require(PermutationTest(Self.trainedE, Self.untrainedAll))
        #expect(all.exact)
        #expect(close(all.pValue, 0.04998710010319917, within: 0.005))
        // Half-level values are listed split by split instead of counted per sum: the same p.
        let listed = try #require(PermutationTest(Self.trainedE.map { $0 + 0.5 }, Self.untrainedE.map { $0 + 0.5 }))
        #expect(listed.exact && abs(listed.pValue - e.pValue) < 1e-12)
        // The sides swapped give the same p.
        #expect(PermutationTest(Self.untrainedAll, Self.trainedE)?.pValue == all.pValue)
        #expect(PermutationTest([], [1]) == nil)
    }

    /// Whole values are resampled as integers: the same hits as resampling them as doubles, for groups large
    /// and small, values of every size the integer path takes, and thresholds on either side of the sums.
    @Test(arguments: 0..<8)
    func wholeValuesAreResampledAsIntegersWithTheSameHits(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed) &+ 31)
        let count = [2, 3, 17, 200, 1_000, 2_000, 345, 64][seed]
        let largest = [1, 4, 9, 1_000, 1 << 20, 4, 2, 1 << 19][seed]
        let pooled = (0..<count).map { _ in Double(Int(generator.next(below: UInt64(2 * largest + 1))) - largest) }
        let drawn = max(1, min(400, count / (2 + seed % 3)))
        let mean = pooled.reduce(0, +) / Double(count)
        // A one-sided cut at the mean (about half the splits), and a two-sided one further out.
        let cuts: [(Double) -> Bool] = [
            { $0 / Double(drawn) >= mean },
            { abs($0 / Double(drawn) - mean) >= 0.05 * Double(largest) },
        ]
        for (number, isExtreme) in cuts.enumerated() {
            let hits = PermutationTest.resampledHits(pooled, drawn: drawn, isExtreme: isExtreme)
            #expect(hits == PermutationTest.resampledHitsAsDoubles(pooled, drawn: drawn, isExtreme: isExtreme))
            if number == 0, count >= 17 { #expect(hits > 0 && hits < PermutationTest.resamples, "a cut that splits") }
        }
        // Values past the integer path's range, or not whole, are resampled as doubles.
        let beyond = pooled.map { $0 * 4_096 + 0.5 }
        let isExtreme = { (sum: Double) in sum > 0 }
        #expect(
            PermutationTest.resampledHits(beyond, drawn: min(drawn, 20), isExtreme: isExtreme)
                == PermutationTest.resampledHitsAsDoubles(beyond, drawn: min(drawn, 20), isExtreme: isExtreme))
    }

    /// 12 vs 11 values: C(23, 11) = 1,352,078 splits, past the listing limit; scaled by 1000 (which leaves p
    /// unchanged) the subset-sum count is past its limit too, so 20,000 seeded resamples. The reference is
    /// scipy's exact enumeration of the unscaled values; the unscaled values are counted exactly.
    @Test func resampledPermutationPIsWithinOneHundredthAndReproducible() throws {
        let small: [Double] = [3, 2, 2, 3, 1, 2, 3, 0, -1, 0, 0, 3]
        let other: [Double] = [2, -2, 0, 2, -2, 1, -2, 0, 2, -1, -1]
        let counted = try #require(PermutationTest(small, other))
        #expect(counted.exact && close(counted.pValue, 0.026387530896886127, within: 0.0001))
        let first = small.map { $0 * 1000 }
        let second = other.map { $0 * 1000 }
        #expect(PermutationTest.binomial(23, 11) == 1_352_078)
        let test = try #require(PermutationTest(first, second))
        #expect(!test.exact)
        #expect(close(test.pValue, 0.026387530896886127, within: 0.01))
        #expect(PermutationTest(first, second)?.pValue == test.pValue)
    }

    @Test func baselineAdjustedDifferenceMatchesStatsmodels() throws {
        func pairs(_ baseline: [Double], _ followUp: [Double]) -> [BaselineAdjustment.Pair] {
            zip(baseline, followUp).map { (baseline: $0, followUp: $1) }
        }
        let adjusted = BaselineAdjustment.difference(
            pairs([1, 2, 2, 3, 1, 4, 2], [3, 3, 4, 4, 2, 5, 4]), pairs([2, 3, 1, 4, 2, 3], [2, 4, 1, 4, 3, 3]))
        #expect(close(adjusted, 1.0539499036608855))
        // Baselines constant within each group: the slope is not identified.
        #expect(BaselineAdjustment.difference(pairs([2, 2], [3, 4]), pairs([3, 3], [3, 2])) == nil)
        #expect(BaselineAdjustment.difference(pairs([1, 2, 3], [2, 3, 4]), []) == nil)
    }
}
