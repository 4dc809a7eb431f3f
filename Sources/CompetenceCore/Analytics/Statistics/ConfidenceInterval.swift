/// A two-sided 95 % confidence interval.
struct ConfidenceInterval: Hashable, Sendable {
    /// The lower bound.
    let low: Double
    /// The upper bound.
    let high: Double

    /// estimate ± critical · standardError.
    init(estimate: Double, standardError: Double, critical: Double) {
        low = estimate - critical * standardError
        high = estimate + critical * standardError
    }
}
