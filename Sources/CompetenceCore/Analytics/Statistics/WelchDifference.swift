/// The difference of two independent means with Welch's unequal-variance 95 % interval.
///
/// difference = x̄₁ − x̄₂; SE = √(s₁²/n₁ + s₂²/n₂); ν = SE⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))
/// (Welch–Satterthwaite); interval = difference ± t_{0.975, ν} · SE.
struct WelchDifference: Hashable, Sendable {
    /// x̄₁ − x̄₂.
    let difference: Double
    /// The 95 % interval.
    let interval: ConfidenceInterval
    /// The Welch–Satterthwaite degrees of freedom.
    let freedom: Double

    /// `nil` when a side has fewer than two values or both sides have no spread (SE 0: no interval).
    init?(_ first: [Double], _ second: [Double]) {
        let a = SampleSummary(first)
        let b = SampleSummary(second)
        guard let meanA = a.mean, let meanB = b.mean, let sdA = a.standardDeviation, let sdB = b.standardDeviation
        else { return nil }
        let varianceA = sdA * sdA / Double(a.count)
        let varianceB = sdB * sdB / Double(b.count)
        let squaredError = varianceA + varianceB
        guard squaredError > 0 else { return nil }
        freedom =
            squaredError * squaredError
            / (varianceA * varianceA / Double(a.count - 1) + varianceB * varianceB / Double(b.count - 1))
        difference = meanA - meanB
        interval = ConfidenceInterval(
            estimate: difference, standardError: squaredError.squareRoot(),
            critical: StudentT(freedom: freedom).critical95)
    }
}
