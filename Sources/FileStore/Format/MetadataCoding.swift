import CompetenceCore
import Foundation

/// The metadata section of a record body. Empty (0 bytes) for ``EventMetadata/none``; otherwise a flags
/// byte (bit 0 correlation id, 1 causation id, 2 recordedBy, 3 origin, 4 origin row, 5 origin content
/// hash) followed by the present fields in that order: ids as 16 bytes, strings as u32 length + UTF-8,
/// the row as i64.
enum MetadataCoding {
    static func size(of metadata: EventMetadata) -> Int {
        if metadata == .none { return 0 }
        var size = 1
        if metadata.correlationID != nil { size += 16 }
        if metadata.causationID != nil { size += 16 }
        if let recordedBy = metadata.recordedBy { size += 4 + recordedBy.utf8.count }
        if let origin = metadata.origin {
            size += 4 + origin.source.utf8.count
            if origin.row != nil { size += 8 }
            if let hash = origin.contentHash { size += 4 + hash.utf8.count }
        }
        return size
    }

    static func write(_ metadata: EventMetadata, into writer: inout ByteWriter) {
        if metadata == .none { return }
        var flags: UInt8 = 0
        if metadata.correlationID != nil { flags |= 1 }
        if metadata.causationID != nil { flags |= 2 }
        if metadata.recordedBy != nil { flags |= 4 }
        if let origin = metadata.origin {
            flags |= 8
            if origin.row != nil { flags |= 16 }
            if origin.contentHash != nil { flags |= 32 }
        }
        writer.write(flags)
        if let id = metadata.correlationID { withUnsafeBytes(of: id.uuid) { writer.write($0) } }
        if let id = metadata.causationID { withUnsafeBytes(of: id.uuid) { writer.write($0) } }
        if let recordedBy = metadata.recordedBy { writeString(recordedBy, into: &writer) }
        if let origin = metadata.origin {
            writeString(origin.source, into: &writer)
            if let row = origin.row { writer.write(Int64(row)) }
            if let hash = origin.contentHash { writeString(hash, into: &writer) }
        }
    }

    static func read(
        _ buffer: UnsafeRawBufferPointer, texts: inout RepeatedTexts
    ) throws(RecordBody.Malformed) -> EventMetadata {
        if buffer.isEmpty { return .none }
        var reader = ByteReader(buffer)
        let flags = reader.read(UInt8.self)!
        guard flags & ~0x3F == 0 else { throw RecordBody.Malformed(reason: "unknown metadata flags \(flags)") }
        var metadata = EventMetadata()
        if flags & 1 != 0 { metadata.correlationID = try readID(&reader) }
        if flags & 2 != 0 { metadata.causationID = try readID(&reader) }
        if flags & 4 != 0 { metadata.recordedBy = try readString(&reader, &texts.recordedBy) }
        if flags & 8 != 0 {
            var origin = EventOrigin(source: try readString(&reader, &texts.source))
            if flags & 16 != 0 {
                guard let row = reader.read(Int64.self) else { throw truncated }
                origin.row = Int(truncatingIfNeeded: row)
            }
            if flags & 32 != 0 { origin.contentHash = try readString(&reader, &texts.contentHash) }
            metadata.origin = origin
        }
        guard reader.remaining == 0 else {
            throw RecordBody.Malformed(reason: "\(reader.remaining) bytes left after the metadata")
        }
        return metadata
    }

    private static var truncated: RecordBody.Malformed { RecordBody.Malformed(reason: "metadata is truncated") }

    private static func writeString(_ string: String, into writer: inout ByteWriter) {
        writer.write(UInt32(string.utf8.count))
        writer.bytes.append(contentsOf: string.utf8)
    }

    private static func readString(
        _ reader: inout ByteReader, _ slot: inout RepeatedTexts.Slot
    ) throws(RecordBody.Malformed) -> String {
        guard let count = reader.read(UInt32.self), let bytes = reader.read(count: Int(count)) else { throw truncated }
        return slot.text(bytes)
    }

    private static func readID(_ reader: inout ByteReader) throws(RecordBody.Malformed) -> UUID {
        guard let raw = reader.read(count: 16) else { throw truncated }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: raw) }
        return UUID(uuid: uuid)
    }
}
