import Foundation

/// The descriptive statistics of one sample: size, mean and sample standard deviation (n − 1).
///
/// Values are summed in the order given; callers pass them in a fixed order (sorted by person) so the same
/// ledger always gives bit-identical figures.
struct SampleSummary: Hashable, Sendable {
    /// The number of values.
    let count: Int
    /// The arithmetic mean; `nil` for no values.
    let mean: Double?
    /// The sample standard deviation √(Σ(x − mean)² / (n − 1)); `nil` for fewer than two values.
    let standardDeviation: Double?

    init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            mean = nil
            standardDeviation = nil
            return
        }
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        if values.count >= 2 {
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            standardDeviation = (squares / Double(values.count - 1)).squareRoot()
        } else {
            standardDeviation = nil
        }
    }

    /// The paired effect size d_z = mean / SD of the differences this sample holds; `nil` when the SD is
    /// undefined (n < 2) or zero.
    var effectSizeDz: Double? {
        guard let mean, let standardDeviation, standardDeviation > 0 else { return nil }
        return mean / standardDeviation
    }

    /// d_z with Hedges' small-sample correction J = 1 − 3 / (4ν − 1), ν = n − 1.
    var hedgesCorrectedEffectSize: Double? {
        guard let dz = effectSizeDz else { return nil }
        let freedom = Double(count - 1)
        return (1 - 3 / (4 * freedom - 1)) * dz
    }

    /// The 95 % t-interval of the mean: mean ± t_{0.975, n−1} · s / √n; `nil` for fewer than two values.
    var meanInterval95: ConfidenceInterval? {
        guard let mean, let standardDeviation else { return nil }
        let critical = StudentT(freedom: Double(count - 1)).critical95
        return ConfidenceInterval(
            estimate: mean, standardError: standardDeviation / Double(count).squareRoot(), critical: critical)
    }

    /// The 95 % interval of Hedges' g_z: g ± t_{0.975, n−1} · J · √(1/n + d_z² / (2n)) (the large-sample
    /// standard error of d_z, scaled by J); `nil` where g is undefined or n < 3.
    var hedgesInterval95: ConfidenceInterval? {
        guard count >= 3, let dz = effectSizeDz, let g = hedgesCorrectedEffectSize else { return nil }
        let n = Double(count)
        let correction = g / dz
        let standardError = correction * (1 / n + dz * dz / (2 * n)).squareRoot()
        return ConfidenceInterval(
            estimate: g, standardError: standardError, critical: StudentT(freedom: n - 1).critical95)
    }

    /// The share of values that satisfy `condition`; `nil` for no values.
    static func share<T>(of values: [T], where condition: (T) -> Bool) -> Double? {
        values.isEmpty ? nil : Double(values.count(where: condition)) / Double(values.count)
    }
}
