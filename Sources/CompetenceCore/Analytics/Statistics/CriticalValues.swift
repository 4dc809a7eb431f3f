import Synchronization

/// The critical values t_{0.975, ν} computed so far, by ν: the effect report asks for the same few ν (n − 1
/// for every sample of n persons) thousands of times, and each is a bisection over the incomplete beta
/// function. A value is a pure function of ν, so a remembered one is exactly the one computed again.
enum CriticalValues {
    /// The most values remembered; past it, a value is computed and not kept (Welch's ν is rarely repeated).
    static let capacity = 4_096

    /// ν's bit pattern → t_{0.975, ν} (this type alone owns the lock).
    private static let known = Mutex<[UInt64: Double]>([:])

    /// t_{0.975, ν}, exactly `StudentT(freedom: ν).quantile(0.975)`.
    static func t975(_ freedom: Double) -> Double {
        if let value = known.withLock({ $0[freedom.bitPattern] }) { return value }
        let value = StudentT(freedom: freedom).quantile(0.975)
        known.withLock { values in
            if values.count < capacity { values[freedom.bitPattern] = value }
        }
        return value
    }
}
