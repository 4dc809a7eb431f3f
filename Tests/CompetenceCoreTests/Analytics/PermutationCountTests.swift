import Testing

@testable import CompetenceCore

/// The permutation test's exact count runs over a flat table and only the cells each value can reach; these
/// tests hold it to the plain subset-sum count over the whole table, bit for bit, and the remembered critical
/// values to the bisection.
@Suite("Permutation count and critical values")
struct PermutationCountTests {
    /// The p of the two-sided test by the plain count: every subset size and every sum for every value.
    private func plainCount(_ first: [Double], _ second: [Double]) -> Double {
        let pooled = first + second
        let total = pooled.reduce(0, +)
        let drawn = min(first.count, second.count)
        let rest = pooled.count - drawn
        let statistic = { (sum: Double) in abs(sum / Double(drawn) - (total - sum) / Double(rest)) }
        let observed = statistic((first.count == drawn ? first : second).reduce(0, +))
        let threshold = observed - 1e-9 * max(1, observed)
        let lowest = pooled.min()!
        let shifted = pooled.map { Int($0 - lowest) }
        let largest = shifted.sorted(by: >).prefix(drawn).reduce(0, +)
        var ways = Array(repeating: Array(repeating: 0.0, count: largest + 1), count: drawn + 1)
        ways[0][0] = 1
        for value in shifted {
            for size in stride(from: drawn, through: 1, by: -1) {
                let below = ways[size - 1]
                for sum in stride(from: largest, through: value, by: -1) where below[sum - value] > 0 {
                    ways[size][sum] += below[sum - value]
                }
            }
        }
        var extreme = 0.0
        var all = 0.0
        for (sum, count) in ways[drawn].enumerated() where count > 0 {
            all += count
            if statistic(Double(sum) + Double(drawn) * lowest) >= threshold { extreme += count }
        }
        return extreme / all
    }

    @Test("the exact count equals the plain count bit for bit on 150 random samples of level changes")
    func exactCountEqualsPlainCount() throws {
        var generator = SplitMix64(seed: 0xC0FFEE)
        var counted = 0
        for _ in 0..<150 {
            let firstCount = 1 + Int(generator.next(below: 40))
            let secondCount = 1 + Int(generator.next(below: 60))
            let spread = 1 + Int(generator.next(below: 8))
            let value = { (g: inout SplitMix64) in Double(Int(g.next(below: UInt64(2 * spread + 1))) - spread) }
            let first = (0..<firstCount).map { _ in value(&generator) }
            let second = (0..<secondCount).map { _ in value(&generator) }
            let test = try #require(PermutationTest(first, second))
            let drawn = min(firstCount, secondCount)
            let width = (first + second).map { Int($0 + Double(spread)) }.sorted(by: >).prefix(drawn).reduce(0, +) + 1
            guard (firstCount + secondCount) * drawn * width <= PermutationTest.exactWork else { continue }
            counted += 1
            #expect(test.exact)
            #expect(test.pValue.bitPattern == plainCount(first, second).bitPattern, "\(first) vs \(second)")
        }
        #expect(counted > 75)
    }

    @Test("a prepared bound draws exactly the values of a plain bound from the same sequence")
    func preparedBoundsDrawTheSameValues() {
        var picker = SplitMix64(seed: 11)
        let edges: [UInt64] = [1, 2, 3, 7, 1 << 32, (1 << 32) + 1, (1 << 63) + 1, UInt64.max - 1, UInt64.max]
        let bounds = edges + (0..<200).map { _ in 1 + picker.next(below: UInt64(1) << (1 + picker.next(below: 63))) }
        for bound in bounds {
            var plain = SplitMix64(seed: bound)
            var prepared = plain
            let ready = SplitMix64.Bound(bound)
            for _ in 0..<500 {
                #expect(plain.next(below: bound) == prepared.next(below: ready), "bound \(bound)")
            }
            for x in [0, 1, bound - 1, bound, UInt64.max, UInt64.max - bound, picker.next()] {
                #expect(ready.remainder(of: x) == x % bound, "\(x) % \(bound)")
            }
        }
    }

    @Test("a remembered critical value is the bisection's, bit for bit, the first time and after")
    func rememberedCriticalValuesAreTheBisections() {
        var generator = SplitMix64(seed: 7)
        let freedoms = (1...60).map(Double.init) + (0..<40).map { _ in 1 + Double(generator.next(below: 10_000)) / 97 }
        for _ in 0..<2 {
            for freedom in freedoms {
                #expect(
                    StudentT(freedom: freedom).critical95.bitPattern
                        == StudentT(freedom: freedom).quantile(0.975).bitPattern)
            }
        }
    }
}
