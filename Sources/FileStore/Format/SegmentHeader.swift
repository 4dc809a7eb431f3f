/// The 72-byte header at the start of every segment file (see `Docs/FileStore-Format.md`).
///
/// It names the format version, so a future format can be told apart, and carries what a reader needs to
/// check the segment on its own: its number, the position of its first record and the chain hash before
/// that record.
struct SegmentHeader: Hashable, Sendable {
    /// `CLEDGER` followed by 0x1A.
    static let magic: [UInt8] = Array("CLEDGER".utf8) + [0x1A]
    /// The format this code writes and reads.
    static let formatVersion: UInt16 = 1
    /// The header's size in bytes; the first record starts here.
    static let size = 72

    /// The segment's number, 1 for the first; also its file name.
    var number: UInt32
    /// The global position of the segment's first record.
    var firstPosition: Int64
    /// The chain hash of the record before the segment's first record (``ChainHash/genesis`` for segment 1).
    var previousHash: ChainHash

    /// The header's bytes.
    func encoded() -> [UInt8] {
        var writer = ByteWriter(reservingCapacity: Self.size)
        writer.write(Self.magic)
        writer.write(Self.formatVersion)
        writer.write(UInt16(Self.size))
        writer.write(UInt32(0))
        writer.write(UInt64(number))
        writer.write(firstPosition)
        writer.write(previousHash.bytes)
        let crc = writer.bytes.withUnsafeBytes { CRC32C.checksum($0) }
        writer.write(crc)
        writer.write(UInt32(0))
        return writer.bytes
    }

    /// Why a header could not be read.
    enum Problem: Error, Equatable {
        /// Fewer than ``SegmentHeader/size`` bytes.
        case short(Int)
        /// A damaged or foreign header (reason).
        case invalid(String)
        /// A header of another format version.
        case unsupportedVersion(UInt16)
    }

    /// Reads and checks a header.
    static func decode(_ buffer: UnsafeRawBufferPointer) throws(Problem) -> SegmentHeader {
        guard buffer.count >= size else { throw .short(buffer.count) }
        guard buffer.prefix(8).elementsEqual(magic) else { throw .invalid("it does not start with the segment magic") }
        let version = ByteReader.load(UInt16.self, buffer, at: 8)
        guard version == formatVersion else { throw .unsupportedVersion(version) }
        let stored = ByteReader.load(UInt32.self, buffer, at: 64)
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<64])) == stored else {
            throw .invalid("its checksum does not match")
        }
        guard ByteReader.load(UInt16.self, buffer, at: 10) == UInt16(size) else {
            throw .invalid("its header size is not \(size)")
        }
        let number = ByteReader.load(UInt64.self, buffer, at: 16)
        guard number > 0, number <= UInt64(UInt32.max) else {
            throw .invalid("segment number \(number) is out of range")
        }
        let first = ByteReader.load(Int64.self, buffer, at: 24)
        guard first >= 1 else { throw .invalid("first position \(first) is below 1") }
        return SegmentHeader(
            number: UInt32(number), firstPosition: first,
            previousHash: ChainHash(UnsafeRawBufferPointer(rebasing: buffer[32..<64])))
    }
}
