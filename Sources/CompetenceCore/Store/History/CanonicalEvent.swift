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
        // The fixed fields, the texts and the metadata take about 200 bytes besides the payload.
        out.bytes.reserveCapacity(event.payload.bytes.count + event.stream.rawValue.utf8.count + 256)
        try out.event(event)
        return out.bytes
    }

    /// The client-known tail of the canonical bytes of `event` appended to `stream`: everything after the
    /// three fields a store assigns at append (position, version, recorded time). A store that assigns those
    /// itself (PostgreSQL, inside its append statement) hashes `previous ‖ position ‖ version ‖ recorded ‖ tail`
    /// and gets exactly ``HistoryChain/hash(after:_:)`` of the event it stores.
    ///
    /// - Throws: as ``bytes(_:)``; the position in the error is 0 (the event has none yet).
    package static func tail(of event: NewEvent, in stream: StreamName) throws(HistoryChainError) -> [UInt8] {
        var out = CanonicalWriter()
        try out.tail(
            id: event.id, stream: stream, type: event.type, schemaVersion: event.schemaVersion,
            occurredAt: event.occurredAt, metadata: event.metadata, payload: event.payload, position: 0)
        return out.bytes
    }
}

/// Big-endian integers and length-prefixed byte strings.
struct CanonicalWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// The canonical bytes of `event` (``CanonicalEvent/bytes(_:)``), after what is written already: several
    /// events' bytes can share one buffer.
    mutating func event(_ event: RecordedEvent) throws(HistoryChainError) {
        int64(event.position)
        int64(event.version)
        int64(EventTime.microseconds(event.recordedAt))
        try tail(
            id: event.id, stream: event.stream, type: event.type, schemaVersion: event.schemaVersion,
            occurredAt: event.occurredAt, metadata: event.metadata, payload: event.payload, position: event.position)
    }

    /// Every field after position, version and recorded time (``CanonicalEvent/tail(of:in:)``).
    mutating func tail(
        id: UUID, stream: StreamName, type: String, schemaVersion: Int, occurredAt: Date, metadata: EventMetadata,
        payload: EventPayload, position: Int64
    ) throws(HistoryChainError) {
        uuid(id)
        try text(stream.rawValue, position: position, field: "stream")
        try text(type, position: position, field: "type")
        int64(Int64(schemaVersion))
        int64(EventTime.microseconds(occurredAt))
        // The metadata's length goes before it: written in place, then filled in.
        let lengthAt = bytes.count
        withUnsafeBytes(of: UInt32(0)) { bytes.append(contentsOf: $0) }
        try metadataFields(metadata, position: position)
        guard let length = UInt32(exactly: bytes.count - lengthAt - 4) else {
            throw .fieldTooLong(position: position, field: "metadata")
        }
        withUnsafeBytes(of: length.bigEndian) { bytes.replaceSubrange(lengthAt..<(lengthAt + 4), with: $0) }
        byte(payload.encoding.rawValue)
        switch payload.encoding {
        case .compact:
            try block(payload.bytes, position: position, field: "payload")
        case .json:
            // A payload that is canonical already (what the encoder writes) is taken as it is, without a copy.
            if payload.bytes.withUnsafeBytes({ CanonicalJSON.isCanonical($0) }) {
                try block(payload.bytes, position: position, field: "payload")
                return
            }
            let canonical: [UInt8]
            do {
                canonical = try CanonicalJSON.parsed(payload.bytes)
            } catch {
                throw .payloadNotJSON(position: position, reason: error.description)
            }
            try block(canonical, position: position, field: "payload")
        }
    }

    /// The canonical metadata, without its length: correlation id, causation id (each a presence byte 0/1, then
    /// 16 bytes), recorded-by (presence, then length and UTF-8), origin (presence, then source as length and
    /// UTF-8, row as presence and Int64, content hash as presence, length and UTF-8).
    mutating func metadataFields(_ metadata: EventMetadata, position: Int64) throws(HistoryChainError) {
        optionalID(metadata.correlationID)
        optionalID(metadata.causationID)
        try optionalText(metadata.recordedBy, position: position, field: "metadata.recordedBy")
        if let origin = metadata.origin {
            byte(1)
            try text(origin.source, position: position, field: "metadata.origin.source")
            if let row = origin.row {
                byte(1)
                int64(Int64(row))
            } else {
                byte(0)
            }
            try optionalText(origin.contentHash, position: position, field: "metadata.origin.contentHash")
        } else {
            byte(0)
        }
    }

    mutating func int64(_ value: Int64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uuid(_ id: UUID) {
        withUnsafeBytes(of: id.uuid) { bytes.append(contentsOf: $0) }
    }

    mutating func optionalID(_ id: UUID?) {
        if let id {
            byte(1)
            uuid(id)
        } else {
            byte(0)
        }
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
