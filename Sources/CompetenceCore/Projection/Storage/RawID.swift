import Foundation

/// An event id as two words: what rows store (plain bits, compared and hashed without going through `UUID`).
package struct RawID: Hashable, Sendable, BitwiseCopyable {
    @usableFromInline var low: UInt64
    @usableFromInline var high: UInt64

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    @inlinable
    package init(_ id: UUID) {
        (low, high) = withUnsafeBytes(of: id.uuid) {
            ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    /// The id as a `UUID`.
    package var uuid: UUID {
        var bytes = uuid_t(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) {
            $0.storeBytes(of: low, as: UInt64.self)
            $0.storeBytes(of: high, toByteOffset: 8, as: UInt64.self)
        }
        return UUID(uuid: bytes)
    }

    /// The id's hash under `seed`.
    @inlinable
    package func hash(_ seed: HashSeed) -> UInt64 { seed.hash(low, high) }
}
