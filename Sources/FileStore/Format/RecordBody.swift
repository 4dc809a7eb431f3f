import CompetenceCore
import Foundation

/// The body of a record: one event's whole envelope and payload (see `Docs/FileStore-Format.md`).
///
/// Fixed part (70 bytes, little-endian): position i64, version i64, event id 16 bytes, recordedAt f64,
/// occurredAt f64 (both seconds since 2001-01-01 UTC, the bit pattern of `Date`'s own value), schemaVersion
/// i64, payload encoding u8, reserved u8 (0), stream length u16, type length u16, metadata length u32,
/// payload length u32. Then the stream name, type name (UTF-8), metadata and payload bytes.
enum RecordBody {
    static let fixedSize = 70

    /// The body size of an event, known before it is written (so segments can be planned).
    static func size(of event: RecordedEvent) -> Int {
        fixedSize + event.stream.rawValue.utf8.count + event.type.utf8.count + MetadataCoding.size(of: event.metadata)
            + event.payload.bytes.count
    }

    /// Appends the body of `event`.
    static func write(_ event: RecordedEvent, into writer: inout ByteWriter) {
        writer.write(event.position)
        writer.write(event.version)
        withUnsafeBytes(of: event.id.uuid) { writer.write($0) }
        writer.write(event.recordedAt.timeIntervalSinceReferenceDate.bitPattern)
        writer.write(event.occurredAt.timeIntervalSinceReferenceDate.bitPattern)
        writer.write(Int64(event.schemaVersion))
        writer.write(event.payload.encoding.rawValue)
        writer.write(UInt8(0))
        writer.write(UInt16(event.stream.rawValue.utf8.count))
        writer.write(UInt16(event.type.utf8.count))
        writer.write(UInt32(MetadataCoding.size(of: event.metadata)))
        writer.write(UInt32(event.payload.bytes.count))
        writer.bytes.append(contentsOf: event.stream.rawValue.utf8)
        writer.bytes.append(contentsOf: event.type.utf8)
        MetadataCoding.write(event.metadata, into: &writer)
        event.payload.bytes.withUnsafeBytes { writer.write($0) }
    }

    /// The fields the indexes need, read without building the whole event.
    struct IndexFields {
        var position: Int64
        var version: Int64
        var id: UUID
        var stream: UnsafeRawBufferPointer
        var type: UnsafeRawBufferPointer
    }

    /// Why a body is malformed (its checksum matched, so it was written so: a bug or deliberate edit).
    struct Malformed: Error { var reason: String }

    /// Reads the index fields and checks that the lengths add up to the body's size.
    @inline(__always)
    static func indexFields(_ body: UnsafeRawBufferPointer) throws(Malformed) -> IndexFields {
        guard body.count >= fixedSize else {
            throw Malformed(reason: "body of \(body.count) bytes is shorter than \(fixedSize)")
        }
        let streamLength = Int(ByteReader.load(UInt16.self, body, at: 58))
        let typeLength = Int(ByteReader.load(UInt16.self, body, at: 60))
        let metadataLength = Int(ByteReader.load(UInt32.self, body, at: 62))
        let payloadLength = Int(ByteReader.load(UInt32.self, body, at: 66))
        guard fixedSize + streamLength + typeLength + metadataLength + payloadLength == body.count else {
            throw Malformed(reason: "field lengths do not add up to the body size \(body.count)")
        }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: body[16..<32])) }
        return IndexFields(
            position: ByteReader.load(Int64.self, body, at: 0),
            version: ByteReader.load(Int64.self, body, at: 8),
            id: UUID(uuid: uuid),
            stream: UnsafeRawBufferPointer(rebasing: body[fixedSize..<(fixedSize + streamLength)]),
            type: UnsafeRawBufferPointer(
                rebasing: body[(fixedSize + streamLength)..<(fixedSize + streamLength + typeLength)]))
    }

    /// Reads the whole event, its texts through `texts` (the record before's, reused when equal).
    static func event(_ body: UnsafeRawBufferPointer, texts: inout RepeatedTexts) throws(Malformed) -> RecordedEvent {
        let fields = try indexFields(body)
        let metadataLength = Int(ByteReader.load(UInt32.self, body, at: 62))
        let payloadLength = Int(ByteReader.load(UInt32.self, body, at: 66))
        let metadataStart = fixedSize + fields.stream.count + fields.type.count
        let metadata = try MetadataCoding.read(
            UnsafeRawBufferPointer(rebasing: body[metadataStart..<(metadataStart + metadataLength)]), texts: &texts)
        let rawEncoding = body[56]
        guard let encoding = PayloadEncoding(rawValue: rawEncoding) else {
            throw Malformed(reason: "unknown payload encoding \(rawEncoding)")
        }
        let payloadStart = metadataStart + metadataLength
        let payload = Data(UnsafeRawBufferPointer(rebasing: body[payloadStart..<(payloadStart + payloadLength)]))
        return RecordedEvent(
            id: fields.id,
            stream: StreamName(texts.stream.text(fields.stream)),
            version: fields.version,
            position: fields.position,
            type: texts.type.text(fields.type),
            schemaVersion: Int(truncatingIfNeeded: ByteReader.load(Int64.self, body, at: 48)),
            occurredAt: Date(
                timeIntervalSinceReferenceDate: Double(bitPattern: ByteReader.load(UInt64.self, body, at: 40))),
            recordedAt: Date(
                timeIntervalSinceReferenceDate: Double(bitPattern: ByteReader.load(UInt64.self, body, at: 32))),
            metadata: metadata,
            payload: EventPayload(encoding: encoding, bytes: payload))
    }
}
