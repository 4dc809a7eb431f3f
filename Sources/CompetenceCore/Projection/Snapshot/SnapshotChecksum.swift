/// A fast 64-bit checksum of a snapshot's bytes (four independent multiply–rotate lanes over 8-byte words,
/// folded at the end), for detecting damage — a torn write, a flipped bit, a truncated file — at several
/// gigabytes a second. It is not a cryptographic hash: what binds a snapshot to the history it summarises is
/// its key (position and the event there), checked against the store.
enum SnapshotChecksum {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (prime1, prime2, prime3, prime1 ^ prime2)
        let words = bytes.count / 8
        var index = 0
        @inline(__always) func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = lane &+ word &* prime2
            return ((mixed << 31) | (mixed >> 33)) &* prime1
        }
        while index + 4 <= words {
            let base = index * 8
            lanes.0 = round(lanes.0, bytes.loadUnaligned(fromByteOffset: base, as: UInt64.self))
            lanes.1 = round(lanes.1, bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))
            lanes.2 = round(lanes.2, bytes.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self))
            lanes.3 = round(lanes.3, bytes.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self))
            index += 4
        }
        var hash = round(round(round(round(UInt64(bytes.count), lanes.0), lanes.1), lanes.2), lanes.3)
        while index < words {
            hash = round(hash, bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            index += 1
        }
        var tail: UInt64 = 0
        for offset in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[offset]) }
        hash = round(hash, tail)
        hash ^= hash >> 33
        hash &*= prime3
        return hash ^ (hash >> 29)
    }
}
