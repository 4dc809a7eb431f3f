/// The one seeded generator of the package: the permutation test's resamples, the demo scenario, and the tests'
/// fuzzing and fault schedules all draw from it, so a run is reproduced by its seed.
/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast generator with a fixed output for a fixed seed.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`: equal seeds give equal sequences on every machine.
    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in 0 ..< bound (bound > 0), without modulo bias (rejection sampling).
    package mutating func next(below bound: UInt64) -> UInt64 {
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }
}
