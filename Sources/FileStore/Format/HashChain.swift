import Crypto

/// A SHA-256 value in the hash chain: the hash of one record, chained to the record before it.
///
/// `hash(record n) = SHA-256(hash(record n-1) ‖ body(record n))`, with 32 zero bytes before the first
/// record. Editing any record's body changes its hash and breaks the chain at that record, which
/// ``FileEventStore/verify(directory:)`` reports.
package struct ChainHash: Hashable, Sendable, CustomStringConvertible {
    /// The 32 hash bytes.
    package let bytes: [UInt8]

    /// The hash before the first record: 32 zero bytes.
    package static let genesis = ChainHash(unchecked: [UInt8](repeating: 0, count: 32))

    /// The size of a hash in the file format.
    static let size = 32

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Reads 32 bytes from a buffer.
    init(_ buffer: UnsafeRawBufferPointer) {
        precondition(buffer.count == Self.size)
        bytes = Array(buffer)
    }

    /// The hash of the record with `body` that follows the record whose hash is `self`.
    func next(body: UnsafeRawBufferPointer) -> ChainHash {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: body)
        return ChainHash(unchecked: hasher.finalize().withUnsafeBytes { Array($0) })
    }

    /// Whether the 32 bytes of `buffer` equal this hash.
    func equals(_ buffer: UnsafeRawBufferPointer) -> Bool {
        buffer.count == Self.size && bytes.withUnsafeBytes { $0.elementsEqual(buffer) }
    }

    /// Lowercase hex, as printed in reports.
    package var description: String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
