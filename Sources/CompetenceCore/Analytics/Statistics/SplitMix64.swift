import CShuffleDraws

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

    /// ``next(below:)-(UInt64)`` for a bound used many times: the same values from the same sequence, with the
    /// rejection limit computed once and the remainder by a multiplication instead of a division.
    package mutating func next(below bound: Bound) -> UInt64 {
        while true {
            let value = next()
            if value < bound.limit { return bound.remainder(of: value) }
        }
    }

    /// Fills `offsets` with the next `offsets.count` draws below `table`'s bounds, exactly as
    /// ``next(below:)-(Bound)`` would draw them one by one, several at a time (AVX-512); returns `false`, leaving the
    /// generator and its state as they were, when the processor has no vector path, a bound is below
    /// ``BoundTable/vectorMinimum``, or a draw would be rejected (about one in 2⁴⁸): the caller then draws one by one.
    package mutating func fill(_ offsets: UnsafeMutableBufferPointer<UInt32>, below table: BoundTable) -> Bool {
        precondition(offsets.count == table.count, "one offset per bound")
        guard table.isVectorizable, !offsets.isEmpty else { return false }
        let accepted = table.bounds.withUnsafeBufferPointer { bounds in
            table.inverses.withUnsafeBufferPointer { inverses in
                table.limits.withUnsafeBufferPointer { limits in
                    competence_draw_offsets(
                        state, bounds.baseAddress, inverses.baseAddress, limits.baseAddress, offsets.baseAddress,
                        offsets.count)
                }
            }
        }
        guard accepted == 1 else { return false }
        state &+= 0x9E37_79B9_7F4A_7C15 &* UInt64(offsets.count)
        return true
    }

    /// Bounds prepared for ``fill(_:below:)``: each with its inverse and rejection limit.
    package struct BoundTable: Sendable {
        /// The least bound the vector path takes (`COMPETENCE_DRAWS_MINIMUM_BOUND`).
        package static let vectorMinimum = UInt64(COMPETENCE_DRAWS_MINIMUM_BOUND)
        let bounds: [UInt64]
        let inverses: [Double]
        let limits: [UInt64]
        /// Whether every bound is in the vector path's range and the processor has one.
        let isVectorizable: Bool

        /// Prepares `bounds` (each > 0).
        package init(_ bounds: [UInt64]) {
            self.bounds = bounds
            inverses = bounds.map { 1 / Double($0) }
            limits = bounds.map { Bound($0).limit }
            isVectorizable =
                competence_draws_vectorized() == 1
                && bounds.allSatisfy { $0 >= Self.vectorMinimum && $0 <= UInt64(UInt32.max) }
        }

        /// How many bounds.
        package var count: Int { bounds.count }
    }

    /// A bound of ``next(below:)-(Bound)``, prepared once.
    package struct Bound: Sendable {
        /// The bound (> 0).
        let value: UInt64
        /// Draws at or above it are rejected, so every remainder is equally likely.
        let limit: UInt64
        /// ⌊(2⁶⁴ − 1) / value⌋: the high half of `x · reciprocal` is ⌊x / value⌋ or 1 less.
        let reciprocal: UInt64

        /// Prepares `value` (> 0).
        package init(_ value: UInt64) {
            precondition(value > 0, "a bound must be positive")
            self.value = value
            limit = UInt64.max - UInt64.max % value
            reciprocal = UInt64.max / value
        }

        /// `x % value`, exactly.
        ///
        /// With r = ``reciprocal`` = (2⁶⁴ − 1 − m) / `value`, m = (2⁶⁴ − 1) mod `value`: x · r / 2⁶⁴ = x / `value` −
        /// x(1 + m) / (`value` · 2⁶⁴), and the last term is below 1 (x < 2⁶⁴, 1 + m ≤ `value`). So the estimated
        /// quotient is ⌊x / `value`⌋ or one less, and one conditional subtraction corrects the rest. It is not a
        /// loop: the loop's branch, taken at random, was mispredicted often enough to cost more than half of a
        /// permutation test's shuffle (5.5 → 2.6 ns a draw, measured alone).
        @inline(__always)
        func remainder(of x: UInt64) -> UInt64 {
            let quotient = x.multipliedFullWidth(by: reciprocal).high
            let rest = x &- quotient &* value
            return rest >= value ? rest &- value : rest
        }
    }
}
