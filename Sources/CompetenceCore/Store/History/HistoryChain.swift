import Crypto
import Foundation

/// The history chain (version 1): one hash over a store's events in global order, the same on every store
/// that holds the same history. `hash(0)` is 32 zero bytes; `hash(n) = SHA-256(hash(n-1) ‖ canonical(event n))`
/// with ``CanonicalEvent/bytes(_:)`` as `canonical`. The pair of a position and the hash there is an
/// ``HistoryAnchor``: written down once, it later shows whether the history up to that position is still the
/// same (`competence verify --expect`).
///
/// The chain is computed from the events alone, so every store gives the same hash for the same history
/// (a history moved between stores keeps every envelope field, `recordedAt` included). Folding events one by
/// one from ``HistoryAnchor/genesis`` over the whole log in order gives the store's chain; folding any other
/// sequence (the lines of an export) gives that sequence's chain.
public struct HistoryChain: Sendable, Hashable {
    /// The last event folded and the hash after it (``HistoryAnchor/genesis`` before any).
    public private(set) var head: HistoryAnchor

    /// A chain that continues from `anchor` (the genesis: a chain over a log from its first event).
    public init(from anchor: HistoryAnchor = .genesis) { head = anchor }

    /// Folds the next event and returns the hash after it.
    ///
    /// - Throws: ``HistoryChainError`` when the event has no canonical form (a JSON payload that is not JSON).
    @discardableResult
    public mutating func append(_ event: RecordedEvent) throws(HistoryChainError) -> HistoryHash {
        let hash = try Self.hash(after: head.hash, event)
        head = HistoryAnchor(position: event.position, hash: hash)
        return hash
    }

    /// `SHA-256(previous ‖ canonical(event))`.
    public static func hash(
        after previous: HistoryHash, _ event: RecordedEvent
    ) throws(HistoryChainError)
        -> HistoryHash
    {
        hash(after: previous, canonical: try CanonicalEvent.bytes(event))
    }

    /// `SHA-256(previous ‖ canonical)`, for a caller that made the event's canonical bytes
    /// (``CanonicalEvent/bytes(_:)``) already.
    static func hash(after previous: HistoryHash, canonical: [UInt8]) -> HistoryHash {
        canonical.withUnsafeBytes { hash(after: previous, canonical: $0) }
    }

    /// `SHA-256(previous ‖ canonical)`, for canonical bytes in a buffer shared with other events'.
    static func hash(after previous: HistoryHash, canonical: UnsafeRawBufferPointer) -> HistoryHash {
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: canonical)
        return HistoryHash(hasher.finalize())
    }

    /// Folds the next event, whose canonical bytes (``CanonicalEvent/bytes(_:)``) the caller made already.
    mutating func append(_ event: RecordedEvent, canonical: [UInt8]) {
        canonical.withUnsafeBytes { append(event, canonical: $0) }
    }

    /// Folds the next event, whose canonical bytes the caller made already in a buffer.
    mutating func append(_ event: RecordedEvent, canonical: UnsafeRawBufferPointer) {
        head = HistoryAnchor(position: event.position, hash: Self.hash(after: head.hash, canonical: canonical))
    }
}

/// A SHA-256 hash of the history chain: 32 bytes, printed as 64 lower-case hex digits.
///
/// The bytes are held in the value itself, not in an array: a replay for reports chains every event, and an
/// array was one allocation (and a retain with every copy of an anchor) per event.
public struct HistoryHash: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes, in order, in the words' memory. Four words, not a `SIMD4<UInt64>`: a vector is aligned to
    /// 32 bytes, more than the task allocator gives an async function's frame, and the runtime aborted.
    private var storage: (UInt64, UInt64, UInt64, UInt64)

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The hash before the first event: 32 zero bytes.
    public static let zero = HistoryHash(digest: [UInt8](repeating: 0, count: 32))

    init(digest: [UInt8]) {
        precondition(digest.count == 32)
        storage = digest.withUnsafeBytes(Self.words)
    }

    /// The hash a SHA-256 digest is.
    init(_ digest: SHA256Digest) {
        storage = digest.withUnsafeBytes(Self.words)
    }

    /// The four words whose memory holds the 32 bytes `raw` (exactly 32) in order.
    private static func words(_ raw: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        (
            raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
            raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
            raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        )
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storage == rhs.storage }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }

    /// Calls `body` with the 32 bytes.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// The hash made of `bytes`; `nil` unless there are exactly 32.
    package init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self.init(digest: Array(bytes))
    }

    /// Reads 64 hex digits (either case); `nil` for anything else.
    public init?(hex: some StringProtocol) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for pair in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(digits[pair]), let low = Self.nibble(digits[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(digest: bytes)
    }

    /// The 64 lower-case hex digits.
    public var description: String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A position in a history and the chain hash there: `POSITION:HASH` in text, e.g. `20:3f0c…` (64 hex
/// digits). `competence verify` and `competence export` print the head's anchor; `verify --expect` checks one.
public struct HistoryAnchor: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible {
    /// The global position of the last event covered (0: none).
    public var position: Int64
    /// The chain hash after that event.
    public var hash: HistoryHash

    /// The anchor of an empty history: position 0, the zero hash.
    public static let genesis = HistoryAnchor(position: 0, hash: .zero)

    /// Creates an anchor.
    public init(position: Int64, hash: HistoryHash) {
        self.position = position
        self.hash = hash
    }

    /// Reads `POSITION:HASH` (a position of 0 or more, 64 hex digits); `nil` for anything else.
    public init?(_ description: String) {
        let parts = description.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let position = Int64(parts[0]), let hash = HistoryHash(hex: parts[1])
        else { return nil }
        self.init(position: position, hash: hash)
    }

    /// `POSITION:HASH`.
    public var description: String { "\(position):\(hash)" }
}

/// Why an event has no place in the history chain.
public enum HistoryChainError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The event's payload is marked JSON but is not a JSON text, so it has no canonical form.
    case payloadNotJSON(position: Int64, reason: String)
    /// A text or the payload is longer than a 32-bit length can say.
    case fieldTooLong(position: Int64, field: String)

    public var description: String {
        switch self {
        case .payloadNotJSON(let position, let reason):
            "the event at position \(position) has a JSON payload that is not JSON (\(reason)); "
                + "it has no place in the history chain"
        case .fieldTooLong(let position, let field):
            "the event at position \(position) has a \(field) over 4 GiB; it has no place in the history chain"
        }
    }
}
