/// The baseline-adjusted difference between two groups (ANCOVA): the coefficient of the group indicator in
/// the least-squares fit follow-up = β₀ + β₁·baseline + β₂·[first group].
///
/// Computed without a matrix solve: with group means x̄_g, ȳ_g and the pooled within-group slope
/// β₁ = Σ_g Σ (x − x̄_g)(y − ȳ_g) / Σ_g Σ (x − x̄_g)², the indicator's coefficient is
/// β₂ = (ȳ₁ − ȳ₂) − β₁ (x̄₁ − x̄₂) — the same as the OLS fit (statsmodels `ols("followup ~ baseline + trained")`).
enum BaselineAdjustment {
    /// One person's baseline and follow-up.
    typealias Pair = (baseline: Double, followUp: Double)

    /// β₂, or `nil` when the fit is not identified: a group is empty, fewer than four persons in all (no
    /// residual freedom), or the baseline does not vary within the groups.
    static func difference(_ first: [Pair], _ second: [Pair]) -> Double? {
        guard !first.isEmpty, !second.isEmpty, first.count + second.count >= 4 else { return nil }
        func means(_ group: [Pair]) -> (x: Double, y: Double) {
            let n = Double(group.count)
            return (group.reduce(0) { $0 + $1.baseline } / n, group.reduce(0) { $0 + $1.followUp } / n)
        }
        let meanA = means(first)
        let meanB = means(second)
        var crossProducts = 0.0
        var squares = 0.0
        for (group, mean) in [(first, meanA), (second, meanB)] {
            for pair in group {
                crossProducts += (pair.baseline - mean.x) * (pair.followUp - mean.y)
                squares += (pair.baseline - mean.x) * (pair.baseline - mean.x)
            }
        }
        guard squares > 0 else { return nil }
        let slope = crossProducts / squares
        return (meanA.y - meanB.y) - slope * (meanA.x - meanB.x)
    }
}
