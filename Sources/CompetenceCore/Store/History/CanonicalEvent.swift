import Foundation

/// The bytes the history chain hashes for one event (history chain version 1): every envelope field in a
/// fixed binary layout, the fields a store assigns at append first. `Docs/Architecture.md` ("The history
/// chain") gives the layout byte by byte:
///
/// position, version and recorded time (each Int64 big-endian; times in microseconds since 1970 through
/// ``EventTime/microseconds(_:)``), then the id (16 bytes), the stream and the type (each a UInt32 big-endian
/// byte length and UTF-8), the schema version (Int64), the occurred time (Int64 microseconds), the metadata
/// (a UInt32 length and its canonical form), the payload encoding (one byte: 1 JSON, 2 compact) and the
/// payload (a UInt32 length and its bytes: compact payloads as stored, JSON payloads in
/// ``CanonicalJSON`` form).
public enum CanonicalEvent {
    /// The canonical bytes of `event`.
    ///
    /// - Throws: ``HistoryChainError/payloadNotJSON(position:reason:)`` when a JSON payload is not valid
    ///   JSON, ``HistoryChainError/fieldTooLong(position:field:)`` for a text or payload over 4 GiB.
    public static func bytes(_ event: RecordedEvent) throws(HistoryChainError) -> [UInt8] {
        var out = CanonicalWriter()
        out.int64(event.position)
        out.int64(event.version)
        out.int64(EventTime.microseconds(event.recordedAt))
        out.uuid(event.id)
        try out.text(event.stream.rawValue, position: event.position, field: "stream")
        try out.text(event.type, position: event.position, field: "type")
        out.int64(Int64(event.schemaVersion))
        out.int64(EventTime.microseconds(event.occurredAt))
        let metadata = try Self.metadata(event.metadata, position: event.position)
        try out.block(metadata, position: event.position, field: "metadata")
        out.byte(event.payload.encoding.rawValue)
        switch event.payload.encoding {
        case .compact:
            try out.block(Array(event.payload.bytes), position: event.position, field: "payload")
        case .json:
            let canonical: [UInt8]
            do {
                canonical = try CanonicalJSON.canonical(event.payload.bytes)
            } catch {
                throw .payloadNotJSON(position: event.position, reason: error.description)
            }
            try out.block(canonical, position: event.position, field: "payload")
        }
        return out.bytes
    }

    /// The canonical metadata: correlation id, causation id (each a presence byte 0/1, then 16 bytes),
    /// recorded-by (presence, then length and UTF-8), origin (presence, then source as length and UTF-8, row
    /// as presence and Int64, content hash as presence, length and UTF-8).
    static func metadata(_ metadata: EventMetadata, position: Int64) throws(HistoryChainError) -> [UInt8] {
        var out = CanonicalWriter()
        for id in [metadata.correlationID, metadata.causationID] {
            if let id {
                out.byte(1)
                out.uuid(id)
            } else {
                out.byte(0)
            }
        }
        try out.optionalText(metadata.recordedBy, position: position, field: "metadata.recordedBy")
        if let origin = metadata.origin {
            out.byte(1)
            try out.text(origin.source, position: position, field: "metadata.origin.source")
            if let row = origin.row {
                out.byte(1)
                out.int64(Int64(row))
            } else {
                out.byte(0)
            }
            try out.optionalText(origin.contentHash, position: position, field: "metadata.origin.contentHash")
        } else {
            out.byte(0)
        }
        return out.bytes
    }
}

/// Big-endian integers and length-prefixed byte strings.
struct CanonicalWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func int64(_ value: Int64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uuid(_ id: UUID) {
        withUnsafeBytes(of: id.uuid) { bytes.append(contentsOf: $0) }
    }

    mutating func block(_ content: some Collection<UInt8>, position: Int64, field: String) throws(HistoryChainError) {
        guard let length = UInt32(exactly: content.count) else {
            throw .fieldTooLong(position: position, field: field)
        }
        withUnsafeBytes(of: length.bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: content)
    }

    mutating func text(_ text: String, position: Int64, field: String) throws(HistoryChainError) {
        try block(text.utf8, position: position, field: field)
    }

    mutating func optionalText(_ text: String?, position: Int64, field: String) throws(HistoryChainError) {
        if let text {
            byte(1)
            try self.text(text, position: position, field: field)
        } else {
            byte(0)
        }
    }
}
