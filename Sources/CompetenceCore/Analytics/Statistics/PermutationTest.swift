/// The two-sided permutation test of a difference of two means: the share of splits of the pooled values
/// into groups of the observed sizes whose |mean₁ − mean₂| is at least the observed one.
///
/// Exact over all C(n₁ + n₂, n₁) splits when feasible (the observed split is one of them, so p ≥ 1 / C):
/// for whole-number values (level changes) by counting the splits per sum of the drawn side (a subset-sum
/// count, n · m · range steps, at most `exactWork`); otherwise by listing the splits when there are at most
/// `exactLimit`. Else `resamples` random splits from a fixed seed, with p = (1 + hits) / (1 + resamples), so a
/// run is reproducible. A split's statistic counts as "at least"
/// the observed one within a relative tolerance of 1e-9 (sums of equal values in another order).
struct PermutationTest: Sendable {
    /// The largest number of splits enumerated exactly.
    static let exactLimit = 200_000
    /// The most steps the subset-sum count may take.
    static let exactWork = 4_000_000
    /// The number of random splits when enumeration is not feasible.
    static let resamples = 20_000
    /// The generator's seed (fixed: the same ledger gives the same p-value).
    static let seed: UInt64 = 0x1234_5678_9ABC_DEF0

    /// The p-value.
    let pValue: Double
    /// Whether every split was enumerated.
    let exact: Bool

    /// `nil` when a side is empty.
    init?(_ first: [Double], _ second: [Double]) {
        guard !first.isEmpty, !second.isEmpty else { return nil }
        let pooled = first + second
        let total = pooled.reduce(0, +)
        // The smaller side is the one drawn; the statistic is symmetric in the sides.
        let drawn = min(first.count, second.count)
        let rest = pooled.count - drawn
        let statistic = { (sum: Double) in abs(sum / Double(drawn) - (total - sum) / Double(rest)) }
        let observed = statistic((first.count == drawn ? first : second).reduce(0, +))
        let threshold = observed - 1e-9 * max(1, observed)

        if let p = Self.countedExactly(pooled, drawn: drawn, isExtreme: { statistic($0) >= threshold }) {
            pValue = p
            exact = true
        } else if let splits = Self.binomial(pooled.count, drawn), splits <= Self.exactLimit {
            var hits = 0
            var indices = Array(0..<drawn)
            while true {
                var sum = 0.0
                for index in indices { sum += pooled[index] }
                if statistic(sum) >= threshold { hits += 1 }
                // The next combination in lexicographic order.
                var position = drawn - 1
                while position >= 0 && indices[position] == pooled.count - drawn + position { position -= 1 }
                if position < 0 { break }
                indices[position] += 1
                for later in (position + 1)..<drawn { indices[later] = indices[later - 1] + 1 }
            }
            pValue = Double(hits) / Double(splits)
            exact = true
        } else {
            let hits = Self.resampledHits(pooled, drawn: drawn, isExtreme: { statistic($0) >= threshold })
            pValue = Double(1 + hits) / Double(1 + Self.resamples)
            exact = false
        }
    }

    /// The exact p for whole-number values by counting, for each sum, the subsets of `drawn` values with that
    /// sum (counts as Double: only their ratio matters); `nil` when a value is not whole or the work is too big.
    ///
    /// The table is one flat buffer, and each value visits only the subset sizes and sums it can reach (at most
    /// as many values as seen so far, summing to at most their total): the other cells are zero and stay so.
    /// Every cell receives the same additions in the same order as over the whole table, so the p is the same
    /// to the last bit.
    private static func countedExactly(_ values: [Double], drawn: Int, isExtreme: (Double) -> Bool) -> Double? {
        guard values.allSatisfy({ $0 == $0.rounded() && abs($0) < 1_000_000 }) else { return nil }
        let lowest = values.min()!
        let shifted = values.map { Int($0 - lowest) }
        let largest = shifted.sorted(by: >).prefix(drawn).reduce(0, +)
        guard values.count * drawn * (largest + 1) <= exactWork else { return nil }
        // ways[size * width + s]: subsets of `size` values (of those seen so far) whose shifted sum is s.
        let width = largest + 1
        var ways = [Double](repeating: 0, count: (drawn + 1) * width)
        ways.withUnsafeMutableBufferPointer { ways in
            ways[0] = 1
            var seen = 0
            var reach = 0
            for value in shifted {
                seen += 1
                reach = min(largest, reach + value)
                for size in stride(from: min(drawn, seen), through: 1, by: -1) {
                    let row = size * width
                    let below = row - width - value
                    for sum in stride(from: reach, through: value, by: -1) {
                        let count = ways[below + sum]
                        if count > 0 { ways[row + sum] += count }
                    }
                }
            }
        }
        var extreme = 0.0
        var all = 0.0
        for sum in 0..<width {
            let count = ways[drawn * width + sum]
            guard count > 0 else { continue }
            all += count
            if isExtreme(Double(sum) + Double(drawn) * lowest) { extreme += count }
        }
        return extreme / all
    }

    /// How many of ``resamples`` random splits from ``seed`` are extreme: each a partial Fisher–Yates shuffle
    /// whose first `drawn` values are a uniform random subset. The bounds of the draws are the same in every
    /// shuffle (`count`, `count − 1`, …), so they are prepared once.
    ///
    /// Whole values of at most 2²⁰ in size (level changes, at any scale a test of whole numbers takes) are
    /// shuffled as 32-bit integers and summed as integers: the same shuffles from the same draws, and the same
    /// sums, since a sum of whole doubles below 2⁵³ is exact in any order. Only the work is less: a quarter of
    /// the memory moved, and an integer addition in place of a floating-point one in the loop's chain.
    static func resampledHits(_ pooled: [Double], drawn: Int, isExtreme: (Double) -> Bool) -> Int {
        if pooled.count < 1 << 30, pooled.allSatisfy({ $0 == $0.rounded() && abs($0) <= Double(1 << 20) }) {
            return shuffledHits(
                pooled.map { Int32($0) }, drawn: drawn, widen: { Int($0) }, isExtreme: { isExtreme(Double($0)) })
        }
        return resampledHitsAsDoubles(pooled, drawn: drawn, isExtreme: isExtreme)
    }

    /// ``resampledHits(_:drawn:isExtreme:)`` over values of one type, each widened to `Sum` to be summed.
    ///
    /// With `drawingAhead`, each shuffle's draws are made first, several at a time (``SplitMix64/fill(_:below:)``:
    /// the same draws, a third of the time where the processor has AVX-512), and then its swaps; a shuffle whose
    /// draws cannot be made so is drawn one by one, as without.
    @inline(__always)
    private static func shuffledHits<Value, Sum: AdditiveArithmetic>(
        _ pooled: [Value], drawn: Int, drawingAhead: Bool = true, widen: (Value) -> Sum, isExtreme: (Sum) -> Bool
    ) -> Int {
        var generator = SplitMix64(seed: seed)
        let bounds = (0..<drawn).map { SplitMix64.Bound(UInt64(pooled.count - $0)) }
        let table = SplitMix64.BoundTable(bounds.map(\.value))
        let ahead = drawingAhead && table.isVectorizable
        var offsets = [UInt32](repeating: 0, count: ahead ? drawn : 0)
        var values = pooled
        var hits = 0
        values.withUnsafeMutableBufferPointer { values in
            bounds.withUnsafeBufferPointer { bounds in
                offsets.withUnsafeMutableBufferPointer { offsets in
                    for _ in 0..<resamples {
                        var sum = Sum.zero
                        if ahead, generator.fill(offsets, below: table) {
                            for position in 0..<drawn {
                                // Checked in release builds too: the draws come from C, the swap is unchecked.
                                let chosen = position + Int(offsets[position])
                                precondition(chosen < values.count, "a draw ahead within its bound")
                                values.swapAt(position, chosen)
                                sum += widen(values[position])
                            }
                        } else {
                            for position in 0..<drawn {
                                let chosen = position + Int(generator.next(below: bounds[position]))
                                values.swapAt(position, chosen)
                                sum += widen(values[position])
                            }
                        }
                        if isExtreme(sum) { hits += 1 }
                    }
                }
            }
        }
        return hits
    }

    /// The same resampling over the values as doubles, whatever they are, each draw made one by one: what the
    /// whole-number path, its draws made ahead, must equal (`EffectStatisticsTests`, `ShuffleDrawsTests`).
    static func resampledHitsAsDoubles(_ pooled: [Double], drawn: Int, isExtreme: (Double) -> Bool) -> Int {
        shuffledHits(pooled, drawn: drawn, drawingAhead: false, widen: { $0 }, isExtreme: isExtreme)
    }

    /// C(n, k), or `nil` past `Int.max`.
    static func binomial(_ n: Int, _ k: Int) -> Int? {
        var result = 1
        for step in 0..<min(k, n - k) {
            let (product, overflow) = result.multipliedReportingOverflow(by: n - step)
            if overflow { return nil }
            result = product / (step + 1)
        }
        return result
    }
}
