import CompetenceCore
import Foundation

/// One line of an exported history (NDJSON): an event's envelope and its payload as JSON.
///
/// Fields, in this order: `id`, `stream`, `version`, `position`, `type`, `schema_version`, `occurred_at`,
/// `recorded_at`, `metadata`, `payload_encoding`, then `payload_base64` (only for a compact payload of a
/// type this build does not know), `payload`, and last `chain_hash` (the history chain over the file's lines
/// up to this one; absent in files exported before history chains). See `Docs/CLI.md`.
struct HistoryLine: Sendable {
    /// The event as it was read from the source store, or as it is to be appended to the target.
    var event: RecordedEvent
    /// The line's `chain_hash`, when it has one.
    var chainHash: HistoryHash?

    /// How the payload is stored in the source store: `json` or `compact`.
    static let encodingField = "payload_encoding"

    // MARK: Writing

    /// The line's text (without the newline), ending with `chainHash` when given. Compact payloads are
    /// transcoded to JSON; a compact payload of an unknown type is carried as base64 with `payload: null`.
    func encoded(chainHash: HistoryHash? = nil) throws -> Data {
        var text = "{\"id\":\"\(event.id.uuidString.lowercased())\""
        text += ",\"stream\":" + Self.quoted(event.stream.rawValue)
        text += ",\"version\":\(event.version),\"position\":\(event.position)"
        text += ",\"type\":" + Self.quoted(event.type)
        text += ",\"schema_version\":\(event.schemaVersion)"
        text += ",\"occurred_at\":\"\(EventTime.format(event.occurredAt))\""
        text += ",\"recorded_at\":\"\(EventTime.format(event.recordedAt))\""
        text +=
            ",\"metadata\":" + String(decoding: try Self.encoder.encode(LineMetadata(event.metadata)), as: UTF8.self)
        text += ",\"\(Self.encodingField)\":\"\(event.payload.encoding)\""
        var line = Data(text.utf8)
        let json = try CompetenceEvent.codec.transcode(
            type: event.type, schemaVersion: event.schemaVersion, payload: event.payload, to: .json)
        if json.encoding == .json {
            line.append(contentsOf: ",\"payload\":".utf8)
            line.append(json.bytes)
        } else {
            line.append(contentsOf: ",\"payload_base64\":\"\(json.bytes.base64EncodedString())\",\"payload\":null".utf8)
        }
        if let chainHash { line.append(contentsOf: ",\"chain_hash\":\"\(chainHash)\"".utf8) }
        line.append(UInt8(ascii: "}"))
        return line
    }

    // MARK: Reading

    /// Reads a line. `line` is 1-based, for messages.
    ///
    /// - Throws: ``HistoryError/badLine(file:line:reason:)`` naming the field that is wrong.
    init(parsing bytes: Data, file: String, line: Int) throws {
        func bad(_ reason: String) -> HistoryError { .badLine(file: file, line: line, reason: reason) }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: bytes)
        } catch let DecodingError.keyNotFound(key, _) {
            throw bad("the field '\(key.stringValue)' is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw bad("the field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw bad("not a JSON object of an exported event")
        }
        guard let id = UUID(uuidString: envelope.id) else { throw bad("id '\(envelope.id)' is not a UUID") }
        guard let occurredAt = EventTime.parse(envelope.occurredAt) else {
            throw bad("occurred_at '\(envelope.occurredAt)' is not a UTC time YYYY-MM-DDTHH:MM:SS.ffffffZ")
        }
        guard let recordedAt = EventTime.parse(envelope.recordedAt) else {
            throw bad("recorded_at '\(envelope.recordedAt)' is not a UTC time YYYY-MM-DDTHH:MM:SS.ffffffZ")
        }
        guard let encoding = PayloadEncoding.allCases.first(where: { $0.description == envelope.payloadEncoding })
        else {
            throw bad("payload_encoding '\(envelope.payloadEncoding)' is neither json nor compact")
        }
        guard envelope.version >= 1, envelope.position >= 1 else { throw bad("version and position start at 1") }
        var chainHash: HistoryHash?
        if let text = envelope.chainHash {
            guard let hash = HistoryHash(hex: text) else { throw bad("chain_hash '\(text)' is not 64 hex digits") }
            chainHash = hash
        }
        let metadata = try envelope.metadata.eventMetadata(fail: bad)
        let payload = try Self.payload(of: bytes, envelope: envelope, encoding: encoding, fail: bad)
        do {
            _ = try CompetenceEvent.codec.decode(
                type: envelope.type, schemaVersion: envelope.schemaVersion, payload: payload)
        } catch {
            throw bad("the payload is not a valid \(envelope.type): \(error.reason)")
        }
        self.init(
            event: RecordedEvent(
                id: id, stream: StreamName(envelope.stream), version: envelope.version, position: envelope.position,
                type: envelope.type, schemaVersion: envelope.schemaVersion, occurredAt: occurredAt,
                recordedAt: recordedAt, metadata: metadata, payload: payload),
            chainHash: chainHash)
    }

    /// Wraps an event read back from a store, or read from a line with its chain hash.
    init(event: RecordedEvent, chainHash: HistoryHash? = nil) {
        self.event = event
        self.chainHash = chainHash
    }

    /// The payload as the source store held it: the exact JSON bytes of the line, or those bytes encoded
    /// compact again, or the base64 bytes.
    private static func payload(
        of bytes: Data, envelope: Envelope, encoding: PayloadEncoding, fail: (String) -> HistoryError
    ) throws -> EventPayload {
        if let base64 = envelope.payloadBase64 {
            guard let decoded = Data(base64Encoded: base64) else { throw fail("payload_base64 is not base64") }
            return EventPayload(encoding: encoding, bytes: decoded)
        }
        let raw = [UInt8](bytes)
        guard let range = RawJSONField.range(of: "payload", in: raw) else {
            throw fail("the field 'payload' is missing")
        }
        let json = EventPayload(encoding: .json, bytes: Data(raw[range]))
        guard encoding == .compact else { return json }
        let compact: EventPayload
        do {
            compact = try CompetenceEvent.codec.transcode(
                type: envelope.type, schemaVersion: envelope.schemaVersion, payload: json, to: .compact)
        } catch {
            throw fail("the payload is not a valid \(envelope.type): \(error)")
        }
        guard compact.encoding == .compact else {
            throw fail(
                "type \(envelope.type) is unknown to this build, so its JSON payload cannot be stored compact again")
        }
        return compact
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: (try? encoder.encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The envelope fields of a line, as decoded (the payload is taken raw).
    private struct Envelope: Decodable {
        var id: String
        var stream: String
        var version: Int64
        var position: Int64
        var type: String
        var schemaVersion: Int
        var occurredAt: String
        var recordedAt: String
        var metadata: LineMetadata
        var payloadEncoding: String
        var payloadBase64: String?
        var chainHash: String?

        /// The keys as written in a line (snake_case).
        enum CodingKeys: String, CodingKey {
            case id
            case stream
            case version
            case position
            case type
            case schemaVersion = "schema_version"
            case occurredAt = "occurred_at"
            case recordedAt = "recorded_at"
            case metadata
            case payloadEncoding = "payload_encoding"
            case payloadBase64 = "payload_base64"
            case chainHash = "chain_hash"
        }
    }
}

/// ``EventMetadata`` as written in a history line: snake_case keys, absent fields left out.
struct LineMetadata: Codable, Sendable {
    var correlationID: String?
    var causationID: String?
    var recordedBy: String?
    var origin: Origin?

    /// The keys as written in a line (snake_case).
    enum CodingKeys: String, CodingKey {
        case correlationID = "correlation_id"
        case causationID = "causation_id"
        case recordedBy = "recorded_by"
        case origin
    }

    /// ``EventOrigin`` as written in a history line.
    struct Origin: Codable, Sendable {
        var source: String
        var row: Int?
        var contentHash: String?

        /// The keys as written in a line (snake_case).
        enum CodingKeys: String, CodingKey {
            case source
            case row
            case contentHash = "content_hash"
        }
    }

    init(_ metadata: EventMetadata) {
        correlationID = metadata.correlationID?.uuidString.lowercased()
        causationID = metadata.causationID?.uuidString.lowercased()
        recordedBy = metadata.recordedBy
        origin = metadata.origin.map { Origin(source: $0.source, row: $0.row, contentHash: $0.contentHash) }
    }

    /// The metadata, or the error `fail` makes for an id that is not a UUID.
    func eventMetadata(fail: (String) -> HistoryError) throws -> EventMetadata {
        func uuid(_ text: String?, _ field: String) throws -> UUID? {
            guard let text else { return nil }
            guard let id = UUID(uuidString: text) else { throw fail("metadata.\(field) '\(text)' is not a UUID") }
            return id
        }
        return EventMetadata(
            correlationID: try uuid(correlationID, "correlation_id"),
            causationID: try uuid(causationID, "causation_id"),
            recordedBy: recordedBy,
            origin: origin.map { EventOrigin(source: $0.source, row: $0.row, contentHash: $0.contentHash) })
    }
}
