import Foundation

/// Student's t distribution with `freedom` degrees of freedom (any real ν > 0, as Welch's test needs).
///
/// The CDF is computed from the regularised incomplete beta function,
/// P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (and by symmetry below 0); the quantile inverts it by
/// bisection to machine precision. Hand-written so the statistics need no dependency; the tests compare it
/// with scipy's `t.ppf` / `t.cdf`.
struct StudentT: Sendable {
    /// ν > 0.
    let freedom: Double

    /// P(T ≤ t).
    func cumulative(_ t: Double) -> Double {
        let x = freedom / (freedom + t * t)
        let tail = 0.5 * IncompleteBeta.regularized(x: x, a: freedom / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = `probability`, for 0 < probability < 1.
    func quantile(_ probability: Double) -> Double {
        precondition(probability > 0 && probability < 1, "a quantile needs 0 < p < 1")
        if probability == 0.5 { return 0 }
        if probability < 0.5 { return -quantile(1 - probability) }
        var low = 0.0
        var high = 1.0
        while cumulative(high) < probability { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if cumulative(middle) < probability { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// The two-sided 95 % critical value t_{0.975, ν}: computed once per ν (``CriticalValues``).
    var critical95: Double { CriticalValues.t975(freedom) }
}

/// The regularised incomplete beta function I_x(a, b), by the continued fraction of Numerical Recipes
/// (modified Lentz), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
enum IncompleteBeta {
    /// I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0.
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let twiceM: Double = 2 * m
            let even: Double = m * (b - m) * x / ((a + twiceM - 1) * (a + twiceM))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd: Double = -(a + m) * (a + b + m) * x / ((a + twiceM) * (a + twiceM + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return result
    }
}
