import Crypto
import Foundation

/// One data subject's key: 256 random bits for AES-256-GCM. Kept by a ``SubjectKeyStore``, never in the log.
public struct SubjectKey: Sendable, Hashable {
    /// The size of a key in bytes.
    public static let byteCount = 32

    let symmetricKey: SymmetricKey

    /// A new random key (from the system's secure random source).
    public static func random() -> SubjectKey { SubjectKey(symmetricKey: SymmetricKey(size: .bits256)) }

    /// A key from its 32 bytes, as a key store reads it back; `nil` for any other length.
    public init?(bytes: some ContiguousBytes) {
        let key = SymmetricKey(data: bytes)
        guard key.bitCount == Self.byteCount * 8 else { return nil }
        symmetricKey = key
    }

    private init(symmetricKey: SymmetricKey) { self.symmetricKey = symmetricKey }

    /// The key's 32 bytes, for a key store to persist.
    public var bytes: Data { symmetricKey.withUnsafeBytes { Data($0) } }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.symmetricKey == rhs.symmetricKey }

    public func hash(into hasher: inout Hasher) { symmetricKey.withUnsafeBytes { hasher.combine(bytes: $0) } }
}
