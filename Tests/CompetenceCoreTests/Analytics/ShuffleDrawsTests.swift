import Testing

@testable import CompetenceCore

/// The permutation test's draws made several at a time (``SplitMix64/fill(_:below:)``) are exactly the draws made
/// one by one, including generator outputs at the edges of each remainder and of the rejection limit.
@Suite("Shuffle draws made ahead = one by one")
struct ShuffleDrawsTests {
    /// The inverse of SplitMix64's output mix, so that a test can choose the next output.
    static func unmix(_ output: UInt64) -> UInt64 {
        func inverse(_ odd: UInt64) -> UInt64 {
            var inverse = odd
            for _ in 0..<6 { inverse = inverse &* (2 &- odd &* inverse) }
            return inverse
        }
        var z = output
        z = z ^ (z >> 31) ^ (z >> 62)
        z = z &* inverse(0x94D0_49BB_1331_11EB)
        z = z ^ (z >> 27) ^ (z >> 54)
        z = z &* inverse(0xBF58_476D_1CE4_E5B9)
        z = z ^ (z >> 30) ^ (z >> 60)
        return z
    }

    /// A generator whose next output is `output`.
    static func generator(nextGiving output: UInt64) -> SplitMix64 {
        SplitMix64(seed: unmix(output) &- 0x9E37_79B9_7F4A_7C15)
    }

    /// The draws one by one, and the generator after them.
    static func oneByOne(_ generator: SplitMix64, _ bounds: [UInt64]) -> ([UInt32], SplitMix64) {
        var generator = generator
        let draws = bounds.map { UInt32(generator.next(below: SplitMix64.Bound($0))) }
        return (draws, generator)
    }

    /// The draws ahead, and the generator after them; `nil` when they were declined.
    static func ahead(_ generator: SplitMix64, _ bounds: [UInt64]) -> ([UInt32], SplitMix64)? {
        var generator = generator
        var offsets = [UInt32](repeating: 0, count: bounds.count)
        let filled = offsets.withUnsafeMutableBufferPointer {
            generator.fill($0, below: SplitMix64.BoundTable(bounds))
        }
        return filled ? (offsets, generator) : nil
    }

    @Test func theInverseMixGivesTheChosenOutput() {
        for output: UInt64 in [0, 1, 12_345, UInt64.max, UInt64.max / 3] {
            var generator = Self.generator(nextGiving: output)
            #expect(generator.next() == output)
        }
    }

    /// Random states and bounds, runs of every length around the vector width.
    @Test(arguments: 0..<24)
    func randomDrawsAheadAreTheDrawsOneByOne(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &+ 900)
        let count = 1 + seed * 3
        let smallest = SplitMix64.BoundTable.vectorMinimum
        let bounds = (0..<count).map { index -> UInt64 in
            switch (seed + index) % 4 {
            case 0: smallest
            case 1: UInt64(UInt32.max)
            case 2: smallest + random.next(below: 100_000)
            default: smallest + random.next(below: UInt64(UInt32.max) - smallest)
            }
        }
        let start = SplitMix64(seed: random.next())
        let expected = Self.oneByOne(start, bounds)
        guard SplitMix64.BoundTable(bounds).isVectorizable else {
            #expect(Self.ahead(start, bounds) == nil, "no vector path: declined")
            return
        }
        let made = try #require(Self.ahead(start, bounds))
        #expect(made.0 == expected.0)
        #expect(made.1.peek() == expected.1.peek(), "the generator is where drawing one by one leaves it")
    }

    /// Outputs at a multiple of the bound, either side of it, at the top of the range and just under the
    /// rejection limit, for the smallest bound, the largest, and others: each drawn as the first of a run of nine
    /// (the vector lanes) and as the ninth (the scalar tail).
    @Test(arguments: [8_192, 8_193, 49_259, 1 << 20, 1_000_003, UInt64(UInt32.max)] as [UInt64])
    func edgeOutputsAreReducedExactly(bound: UInt64) throws {
        let limit = SplitMix64.Bound(bound).limit
        let quotient = UInt64.max / bound
        let outputs: [UInt64] = [
            0, 1, bound - 1, bound, bound + 1, quotient / 2 * bound - 1, quotient / 2 * bound,
            (quotient - 1) * bound - 1, (quotient - 1) * bound, limit - 1, limit - bound, 1 << 53, (1 << 53) + 1,
            (1 << 63) - 1, 1 << 63,
        ]
        for output in outputs {
            let start = Self.generator(nextGiving: output)
            let bounds = [UInt64](repeating: bound, count: 9)
            let expected = Self.oneByOne(start, bounds)
            #expect(expected.0[0] == UInt32(output % bound))
            guard let made = Self.ahead(start, bounds) else {
                #expect(!SplitMix64.BoundTable(bounds).isVectorizable, "declined only without a vector path")
                continue
            }
            #expect(made.0 == expected.0, "output \(output) below \(bound)")
            // The same output as the ninth draw (the scalar tail): the generator eight steps earlier.
            let earlier = SplitMix64(seed: Self.unmix(output) &- 9 &* 0x9E37_79B9_7F4A_7C15)
            let tail = Self.oneByOne(earlier, bounds)
            #expect(tail.0[8] == UInt32(output % bound))
            #expect(Self.ahead(earlier, bounds)?.0 == tail.0)
        }
    }

    /// An output at or over the rejection limit: the draws ahead are declined and the generator left as it was,
    /// so that the caller's draws one by one reject it as before.
    @Test func aRejectedOutputDeclinesTheDrawsAhead() throws {
        let bound: UInt64 = 1_000_003
        let limit = SplitMix64.Bound(bound).limit
        #expect(limit < UInt64.max, "this bound rejects some outputs")
        for (index, output) in [limit, UInt64.max].enumerated() {
            let start = Self.generator(nextGiving: output)
            let bounds = [UInt64](repeating: bound, count: 3 + index * 8)
            var offsets = [UInt32](repeating: 0, count: bounds.count)
            var generator = start
            let filled = offsets.withUnsafeMutableBufferPointer {
                generator.fill($0, below: SplitMix64.BoundTable(bounds))
            }
            #expect(!filled)
            var untouched = start
            #expect(generator.next() == untouched.next())
        }
    }

    /// Groups large enough for the draws ahead: the same hits as every draw one by one.
    @Test(arguments: 0..<4)
    func permutationHitsAreTheSameWithDrawsAhead(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed) &+ 4_000)
        let count = [9_000, 12_345, 20_000, 8_300][seed]
        let drawn = [37, 250, 8, 100][seed]
        let pooled = (0..<count).map { _ in Double(Int(generator.next(below: 7)) - 3) }
        let mean = pooled.reduce(0, +) / Double(count)
        let isExtreme = { (sum: Double) in sum / Double(drawn) >= mean }
        let hits = PermutationTest.resampledHits(pooled, drawn: drawn, isExtreme: isExtreme)
        #expect(hits == PermutationTest.resampledHitsAsDoubles(pooled, drawn: drawn, isExtreme: isExtreme))
        #expect(hits > 0 && hits < PermutationTest.resamples, "a cut that splits")
    }
}

extension SplitMix64 {
    /// The next output, without moving.
    fileprivate func peek() -> UInt64 {
        var copy = self
        return copy.next()
    }
}
