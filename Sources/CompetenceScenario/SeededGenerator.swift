import CompetenceCore
import Foundation

/// The demo's draws from the package's SplitMix64 (CompetenceCore), so the demo scenario draws the same numbers
/// on every run, machine and Swift version (the standard library's `random(in:using:)` promises no such thing).
struct SeededGenerator: Sendable {
    private var bits: SplitMix64

    /// Creates a generator; equal seeds give equal sequences.
    init(seed: UInt64) { bits = SplitMix64(seed: seed) }

    /// The next 64 random bits.
    mutating func next() -> UInt64 { bits.next() }

    /// A number in `range` (modulo bias is irrelevant at these sizes).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }
}
