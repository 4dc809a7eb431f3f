/// What a store keeps that vouches, in one lookup, for its history up to a position: a value that is the same
/// for as long as the history up to there is, and changes when any event at or before it does (its bytes, its
/// order, a truncation and a different event written in its place included).
///
/// A snapshot keeps the fingerprint its store gave at the snapshot's position; when the store gives the same
/// fingerprint there later, the snapshot's history chain hash is taken as the store's without reading and
/// hashing the log up to it (``HistoryFingerprinting``). Fingerprints of different kinds never match. A store
/// that keeps the history chain itself (``HistoryChainStoring``) needs no fingerprint: its stored anchor is the
/// key.
public struct HistoryFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// What a fingerprint is computed over; the kind is stored in snapshots, so its raw values never change.
    ///
    /// A store that keeps the history chain itself answers through ``HistoryChainStoring`` instead (its stored
    /// anchor is compared with a snapshot's key directly), so no kind stands for the history chain; raw value 1
    /// is reserved and never written.
    public enum Kind: UInt32, Hashable, Sendable {
        /// The hash of a store's own chain over its stored records up to the position (the FileStore's
        /// SHA-256 record chain): comparable only with a fingerprint the same store gave.
        case recordChain = 2
    }

    /// What the bytes are.
    public var kind: Kind
    /// The fingerprint's bytes (a 32-byte hash for both kinds).
    public var bytes: [UInt8]

    /// A fingerprint of `kind`.
    public init(kind: Kind, bytes: [UInt8]) {
        self.kind = kind
        self.bytes = bytes
    }

    /// The kind and the bytes in lower-case hex.
    public var description: String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return "\(kind):\(String(decoding: text, as: UTF8.self))"
    }
}

/// An event store that keeps a fingerprint of its history at every position, so that a snapshot's key is
/// checked by one lookup instead of reading and hashing the log up to it (``HistoryChain/anchor(of:at:from:)``).
///
/// Promises: ``historyFingerprint(at:)`` gives equal values at a position only while the history up to it is
/// the same, byte for byte; it is as trustworthy as the store's own integrity (the FileStore's record chain
/// is what `verify` checks: an edit that leaves that chain intact must be caught there, not here). A store
/// that cannot answer for a position returns `nil`, and the key is checked the long way.
public protocol HistoryFingerprinting: Sendable {
    /// The fingerprint of the history up to and including `position` (≥ 1); `nil` when the store keeps none
    /// for it or holds no event there.
    ///
    /// - Throws: the store's read errors.
    func historyFingerprint(at position: Int64) async throws -> HistoryFingerprint?
}
