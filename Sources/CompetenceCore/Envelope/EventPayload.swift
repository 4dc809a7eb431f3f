import Foundation

/// How the bytes of an event payload are encoded. The store keeps the tag with the bytes and never looks inside.
public enum PayloadEncoding: UInt8, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// UTF-8 JSON: the exchange format (export files, PostgreSQL `jsonb`).
    case json = 1
    /// The compact positional binary form written by ``CompactEncoder``: the fast replay path.
    case compact = 2

    public var description: String {
        switch self {
        case .json: "json"
        case .compact: "compact"
        }
    }
}

/// The opaque body of an event together with the encoding its bytes are in.
public struct EventPayload: Hashable, Sendable {
    /// The encoding of ``bytes``.
    public var encoding: PayloadEncoding
    /// The encoded payload; stores persist these bytes unchanged.
    public var bytes: Data

    /// Creates a payload from encoded bytes.
    public init(encoding: PayloadEncoding, bytes: Data) {
        self.encoding = encoding
        self.bytes = bytes
    }

    /// A JSON payload from its UTF-8 bytes.
    public static func json(_ bytes: Data) -> EventPayload { EventPayload(encoding: .json, bytes: bytes) }
}
