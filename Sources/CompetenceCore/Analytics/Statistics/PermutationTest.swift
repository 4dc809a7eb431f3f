/// The two-sided permutation test of a difference of two means: the share of splits of the pooled values
/// into groups of the observed sizes whose |mean₁ − mean₂| is at least the observed one.
///
/// Exact enumeration of all C(n₁ + n₂, n₁) splits when there are at most `exactLimit` of them (the observed
/// split is one of them, so p ≥ 1 / C); otherwise `resamples` random splits from a fixed seed, with
/// p = (1 + hits) / (1 + resamples), so a run is reproducible. A split's statistic counts as "at least"
/// the observed one within a relative tolerance of 1e-9 (sums of equal values in another order).
struct PermutationTest: Sendable {
    /// The largest number of splits enumerated exactly.
    static let exactLimit = 200_000
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

        if let splits = Self.binomial(pooled.count, drawn), splits <= Self.exactLimit {
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
            var generator = SplitMix64(seed: Self.seed)
            var values = pooled
            var hits = 0
            for _ in 0..<Self.resamples {
                // A partial Fisher–Yates shuffle: the first `drawn` values are a uniform random subset.
                var sum = 0.0
                for position in 0..<drawn {
                    let chosen = position + Int(generator.next(below: UInt64(values.count - position)))
                    values.swapAt(position, chosen)
                    sum += values[position]
                }
                if statistic(sum) >= threshold { hits += 1 }
            }
            pValue = Double(1 + hits) / Double(1 + Self.resamples)
            exact = false
        }
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

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast generator with a fixed output for a fixed seed.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in 0 ..< bound (bound > 0), without modulo bias (rejection sampling).
    mutating func next(below bound: UInt64) -> UInt64 {
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }
}
