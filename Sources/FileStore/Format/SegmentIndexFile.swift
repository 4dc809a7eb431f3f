import CompetenceCore
import Foundation

/// The index of a sealed segment, kept beside it as `NNNNNNNNNN.segment-index` (see `Docs/FileStore-Format.md`):
/// where each record starts, its stream and its event id, so that an open rebuilds the in-memory indexes
/// from a few megabytes instead of reading and checksumming the segment's 64 MiB.
///
/// Derived data, never trusted blindly: it names the segment's size and the chain hash of its last record,
/// carries a checksum of its own, and is used only when it agrees with the segment (``SegmentIndexLoading``);
/// anything else, and the segment is read as before. `verify` compares every entry with its record.
///
/// Layout (little-endian): magic `CLIDX` 0x1A 0 0, version u16, reserved u16, reserved u32, segment number
/// u32, stream count u32, segment size u64, first position i64, record count u64, last chain hash (32 bytes);
/// then each stream name (u16 length, UTF-8); then per record its frame offset u32, its stream (an index into
/// the names) u32 and its event id (16 bytes); then a CRC-32C of everything before it.
struct SegmentIndexFile: Sendable, Equatable {
    /// `CLIDX`, 0x1A and two zeros.
    static let magic: [UInt8] = Array("CLIDX".utf8) + [0x1A, 0, 0]
    /// The layout this code writes and reads; another is not read (the segment is read instead).
    static let formatVersion: UInt16 = 1
    /// Bytes before the stream names.
    static let headerSize = 80
    /// Bytes of a record's entry.
    static let entrySize = 24

    /// One record of the segment.
    struct Entry: Sendable, Equatable {
        /// The byte offset of the record's frame in the segment.
        var offset: UInt32
        /// The record's stream, as an index into ``SegmentIndexFile/streams``.
        var stream: UInt32
        /// The record's event id.
        var id: UUID
    }

    /// The segment's number.
    var number: UInt32
    /// The segment file's size: the end of its last record.
    var segmentSize: Int64
    /// The position of the segment's first record.
    var firstPosition: Int64
    /// The chain hash of the segment's last record.
    var lastHash: ChainHash
    /// The names of the streams the segment's records belong to, each once.
    var streams: [StreamName]
    /// The segment's records, in position order.
    var entries: [Entry]

    /// The position of the segment's last record.
    var lastPosition: Int64 { firstPosition + Int64(entries.count) - 1 }

    /// The file's bytes.
    func encoded() -> [UInt8] {
        let namesSize = streams.reduce(0) { $0 + 2 + $1.rawValue.utf8.count }
        var writer = ByteWriter(reservingCapacity: Self.headerSize + namesSize + entries.count * Self.entrySize + 4)
        writer.write(Self.magic)
        writer.write(Self.formatVersion)
        writer.write(UInt16(0))
        writer.write(UInt32(0))
        writer.write(number)
        writer.write(UInt32(streams.count))
        writer.write(UInt64(segmentSize))
        writer.write(firstPosition)
        writer.write(UInt64(entries.count))
        writer.write(lastHash.bytes)
        for stream in streams {
            writer.write(UInt16(stream.rawValue.utf8.count))
            writer.bytes.append(contentsOf: stream.rawValue.utf8)
        }
        for entry in entries {
            writer.write(entry.offset)
            writer.write(entry.stream)
            withUnsafeBytes(of: entry.id.uuid) { writer.write($0) }
        }
        let crc = writer.bytes.withUnsafeBytes { CRC32C.checksum($0) }
        writer.write(crc)
        return writer.bytes
    }

    /// Why an index file was not read.
    struct Unreadable: Error, Equatable {
        var reason: String
    }

    /// Reads and checks an index file's own consistency: magic, version, checksum, lengths, and entries whose
    /// offsets rise inside the segment and whose streams exist. Whether it agrees with its segment is
    /// ``SegmentIndexLoading``'s to check.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(Unreadable) -> SegmentIndexFile {
        guard bytes.count >= headerSize + 4 else { throw Unreadable(reason: "it is only \(bytes.count) bytes long") }
        guard bytes.prefix(8).elementsEqual(magic) else { throw Unreadable(reason: "it does not start with the magic") }
        let version = ByteReader.load(UInt16.self, bytes, at: 8)
        guard version == formatVersion else { throw Unreadable(reason: "its format version is \(version)") }
        let body = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)])
        guard CRC32C.checksum(body) == ByteReader.load(UInt32.self, bytes, at: bytes.count - 4) else {
            throw Unreadable(reason: "its checksum does not match")
        }
        let number = ByteReader.load(UInt32.self, body, at: 16)
        let streamCount = Int(ByteReader.load(UInt32.self, body, at: 20))
        let segmentSize = ByteReader.load(UInt64.self, body, at: 24)
        let firstPosition = ByteReader.load(Int64.self, body, at: 32)
        let recordCount = ByteReader.load(UInt64.self, body, at: 40)
        guard segmentSize > UInt64(SegmentHeader.size), segmentSize <= UInt64(UInt32.max) else {
            throw Unreadable(reason: "segment size \(segmentSize) is out of range")
        }
        guard firstPosition >= 1, recordCount >= 1, recordCount <= segmentSize else {
            throw Unreadable(reason: "\(recordCount) records from position \(firstPosition) are out of range")
        }
        var reader = ByteReader(body, offset: headerSize)
        var streams: [StreamName] = []
        streams.reserveCapacity(min(streamCount, Int(recordCount)))
        for _ in 0..<streamCount {
            guard let length = reader.read(UInt16.self), let name = reader.read(count: Int(length)) else {
                throw Unreadable(reason: "its stream names run past its end")
            }
            streams.append(StreamName(String(decoding: name, as: UTF8.self)))
        }
        guard reader.remaining == Int(recordCount) * entrySize else {
            throw Unreadable(reason: "it holds \(reader.remaining) bytes of entries for \(recordCount) records")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(recordCount))
        var previous: Int64 = 0
        for row in 0..<Int(recordCount) {
            let at = reader.offset + row * entrySize
            let offset = ByteReader.load(UInt32.self, body, at: at)
            let stream = ByteReader.load(UInt32.self, body, at: at + 4)
            // The first record follows the header; each later one at least a smallest frame after the one before.
            let inPlace =
                row == 0
                ? offset == UInt32(SegmentHeader.size)
                : Int64(offset) >= previous + Int64(RecordFraming.overhead + RecordBody.fixedSize)
            guard inPlace, UInt64(offset) < segmentSize, Int(stream) < streamCount else {
                throw Unreadable(reason: "entry \(row) (offset \(offset), stream \(stream)) is out of place")
            }
            var id: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &id) {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: body[(at + 8)..<(at + 24)]))
            }
            entries.append(Entry(offset: offset, stream: stream, id: UUID(uuid: id)))
            previous = Int64(offset)
        }
        return SegmentIndexFile(
            number: number, segmentSize: Int64(segmentSize), firstPosition: firstPosition,
            lastHash: ChainHash(UnsafeRawBufferPointer(rebasing: body[48..<80])), streams: streams, entries: entries)
    }
}
