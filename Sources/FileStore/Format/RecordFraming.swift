import CompetenceCore

/// How a record is framed in a segment: `[body length u32][CRC-32C u32][body][chain hash 32 bytes]`.
///
/// The CRC covers the body and the hash, so a torn write or a flipped bit anywhere in a record is caught
/// before its bytes are trusted; the length comes first so a reader can step from record to record.
enum RecordFraming {
    /// Bytes before the body: length and checksum.
    static let prefixSize = 8
    /// Bytes of a frame beyond its body.
    static let overhead = prefixSize + ChainHash.size
    /// The largest body accepted when reading (a larger length field is damage, not data).
    static let maxBodySize = 1 << 30

    /// The frame size of an event.
    static func frameSize(of event: RecordedEvent) -> Int { overhead + RecordBody.size(of: event) }

    /// Appends the frame of `event`, chained to `previous`, and returns the event's chain hash.
    static func write(_ event: RecordedEvent, previous: ChainHash, into writer: inout ByteWriter) -> ChainHash {
        let start = writer.bytes.count
        writer.write(UInt32(0))
        writer.write(UInt32(0))
        RecordBody.write(event, into: &writer)
        let bodyEnd = writer.bytes.count
        let bodyLength = bodyEnd - start - prefixSize
        let hash = writer.bytes.withUnsafeBytes {
            previous.next(body: UnsafeRawBufferPointer(rebasing: $0[(start + prefixSize)..<bodyEnd]))
        }
        writer.write(hash.bytes)
        let crc = writer.bytes.withUnsafeBytes {
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[(start + prefixSize)...]))
        }
        writer.patch(UInt32(bodyLength), at: start)
        writer.patch(crc, at: start + 4)
        return hash
    }

    /// What lies at an offset of a buffer.
    enum Frame {
        /// A whole record whose checksum matches.
        case record(body: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer, size: Int)
        /// The buffer ends before the frame does; `size` is the frame size when its length could be read.
        case incomplete(size: Int?)
        /// The bytes are not a valid record.
        case invalid(String)
    }

    /// Reads the frame at `offset` of `buffer`. With `verifyingChecksum` false the checksum is not computed, and a
    /// whole frame is taken as a record: for bytes already found whole with a matching checksum
    /// (``ChunkReadAhead``), or to step over records by their lengths, leaving their checksums to the scanner.
    @inline(__always)
    static func frame(in buffer: UnsafeRawBufferPointer, at offset: Int, verifyingChecksum: Bool = true) -> Frame {
        let available = buffer.count - offset
        guard available >= prefixSize else { return .incomplete(size: nil) }
        let length = Int(ByteReader.load(UInt32.self, buffer, at: offset))
        guard length >= RecordBody.fixedSize, length <= maxBodySize else {
            return .invalid("record length \(length) is out of range")
        }
        let size = overhead + length
        guard available >= size else { return .incomplete(size: size) }
        let stored = ByteReader.load(UInt32.self, buffer, at: offset + 4)
        let checked = UnsafeRawBufferPointer(rebasing: buffer[(offset + prefixSize)..<(offset + size)])
        guard !verifyingChecksum || CRC32C.checksum(checked) == stored else {
            return .invalid("record checksum does not match")
        }
        return .record(
            body: UnsafeRawBufferPointer(rebasing: checked[..<(checked.startIndex + length)]),
            hash: UnsafeRawBufferPointer(rebasing: checked[(checked.startIndex + length)...]),
            size: size)
    }
}
