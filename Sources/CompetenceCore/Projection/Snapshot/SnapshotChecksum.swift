/// A fast 64-bit checksum of a snapshot's bytes (four independent multiply–rotate lanes over 8-byte words,
/// folded at the end), for detecting damage — a torn write, a flipped bit, a truncated file — at several
/// gigabytes a second. It is not a cryptographic hash: what binds a snapshot to the history it summarises is
/// its key (position and the event there), checked against the store.
enum SnapshotChecksum {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var running = Running()
        running.add(bytes)
        return running.value
    }

    @inline(__always) private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = lane &+ word &* prime2
        return ((mixed << 31) | (mixed >> 33)) &* prime1
    }

    /// The checksum of bytes handed over piece by piece: ``value`` after any split of the same bytes is
    /// ``of(_:)`` of them whole (blocks of 32 bytes go through four lanes; the last partial block is kept until
    /// the end).
    struct Running {
        private var lanes: (UInt64, UInt64, UInt64, UInt64) = (prime1, prime2, prime3, prime1 ^ prime2)
        private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var pendingCount = 0
        /// The bytes added so far.
        private(set) var count = 0

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            count += bytes.count
            var offset = 0
            if pendingCount > 0 {
                let taken = min(32 - pendingCount, bytes.count)
                withUnsafeMutableBytes(of: &pending) {
                    UnsafeMutableRawBufferPointer(rebasing: $0[pendingCount..<(pendingCount + taken)])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<taken]))
                }
                pendingCount += taken
                offset = taken
                guard pendingCount == 32 else { return }
                let block = pending
                withUnsafeBytes(of: block) { mix(block: $0, at: 0) }
                pendingCount = 0
            }
            while offset + 32 <= bytes.count {
                mix(block: bytes, at: offset)
                offset += 32
            }
            let rest = bytes.count - offset
            if rest > 0 {
                withUnsafeMutableBytes(of: &pending) {
                    UnsafeMutableRawBufferPointer(rebasing: $0[0..<rest])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                }
                pendingCount = rest
            }
        }

        @inline(__always)
        private mutating func mix(block bytes: UnsafeRawBufferPointer, at base: Int) {
            lanes.0 = SnapshotChecksum.round(lanes.0, bytes.loadUnaligned(fromByteOffset: base, as: UInt64.self))
            lanes.1 = SnapshotChecksum.round(lanes.1, bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))
            lanes.2 = SnapshotChecksum.round(lanes.2, bytes.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self))
            lanes.3 = SnapshotChecksum.round(lanes.3, bytes.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self))
        }

        /// The checksum of everything added.
        var value: UInt64 {
            var hash = SnapshotChecksum.round(
                SnapshotChecksum.round(
                    SnapshotChecksum.round(SnapshotChecksum.round(UInt64(count), lanes.0), lanes.1), lanes.2),
                lanes.3)
            var tail: UInt64 = 0
            withUnsafeBytes(of: pending) { block in
                let words = pendingCount / 8
                for index in 0..<words {
                    hash = SnapshotChecksum.round(hash, block.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                }
                for offset in (words * 8)..<pendingCount { tail = tail << 8 | UInt64(block[offset]) }
            }
            hash = SnapshotChecksum.round(hash, tail)
            hash ^= hash >> 33
            hash &*= prime3
            return hash ^ (hash >> 29)
        }
    }
}
