import CompetenceCore
import Foundation
import SystemPackage

/// Where reading the log has got to: the next record is expected at `offset` of segment `segment`.
struct LogCursor: Sendable, Equatable {
    /// The segment being read; 0 before the first segment exists.
    var segment: UInt32 = 0
    /// The offset of the next frame in that segment.
    var offset: Int64 = 0
    /// The chain hash of the last record read (``ChainHash/genesis`` before the first).
    var hash: ChainHash = .genesis
    /// The position of the last record read.
    var head: Int64 = 0
}

/// A damaged or incomplete stretch at the very end of the log: nothing valid follows it.
struct TornTail: Sendable, Equatable {
    var segment: UInt32
    var offset: Int64
    var fileSize: Int64
    var reason: String
}

/// Reads segments from a cursor onwards into the indexes, checking every record's checksum, framing,
/// position and stream version. Used on open (from the start) and by read-only stores following a writer.
struct LogScanner {
    let files: SegmentFiles
    var chunkSize = 4 << 20

    /// Reads every whole record after `cursor` into `index`.
    ///
    /// - Returns: the torn tail where reading stopped, if the last segment ends in bytes that are not a
    ///   whole record and no valid record follows them (a crash mid-write, or a write still in progress).
    /// - Throws: ``FileStoreError/corruptRecord(segment:offset:reason:)`` for damage that valid records
    ///   follow, or that lies in a segment with a successor.
    func catchUp(_ index: inout StoreIndex, _ cursor: inout LogCursor) throws -> TornTail? {
        while true {
            if cursor.segment == 0 {
                guard StoreIO.exists(files.path(1)) else { return nil }
                try enter(1, &index, &cursor)
            }
            var torn = try scan(&index, &cursor)
            let next = cursor.segment + 1
            guard StoreIO.exists(files.path(next)) else { return torn }
            // The next segment exists, so this one is complete: read whatever was added before the roll.
            if torn != nil { torn = try scan(&index, &cursor) }
            if let torn {
                throw FileStoreError.corruptRecord(
                    segment: files.path(torn.segment), offset: torn.offset, reason: torn.reason)
            }
            try enter(next, &index, &cursor)
        }
    }

    /// Reads and checks the header of segment `number` and moves the cursor to its first record.
    private func enter(_ number: UInt32, _ index: inout StoreIndex, _ cursor: inout LogCursor) throws {
        let path = files.path(number)
        let fd = try files.descriptor(number)
        var raw = [UInt8](repeating: 0, count: SegmentHeader.size)
        let count = try raw.withUnsafeMutableBytes { (buffer) throws -> Int in
            try StoreIO.read(fd, into: buffer, at: 0, path: path)
        }
        let header: SegmentHeader
        let decoded = raw.withUnsafeBytes { buffer in
            Result { () throws(SegmentHeader.Problem) -> SegmentHeader in
                try SegmentHeader.decode(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
        }
        switch decoded {
        case .success(let decoded): header = decoded
        case .failure(let error):
            switch error {
            case .short(let count):
                throw FileStoreError.corruptSegmentHeader(segment: path, reason: "it is only \(count) bytes long")
            case .invalid(let reason): throw FileStoreError.corruptSegmentHeader(segment: path, reason: reason)
            case .unsupportedVersion(let version):
                throw FileStoreError.unsupportedFormatVersion(segment: path, version: version)
            }
        }
        guard header.number == number else {
            throw FileStoreError.corruptSegmentHeader(segment: path, reason: "it says it is segment \(header.number)")
        }
        guard header.firstPosition == cursor.head + 1 else {
            throw FileStoreError.corruptSegmentHeader(
                segment: path,
                reason: "it starts at position \(header.firstPosition), but the log before it ends at \(cursor.head)")
        }
        guard header.previousHash == cursor.hash else {
            throw FileStoreError.corruptSegmentHeader(
                segment: path, reason: "its previous-record hash does not match the last record before it")
        }
        index.addSegment(number, firstPosition: header.firstPosition)
        cursor.segment = number
        cursor.offset = Int64(SegmentHeader.size)
    }

    /// Reads the records of the cursor's segment from the cursor to the end of the file.
    private func scan(_ index: inout StoreIndex, _ cursor: inout LogCursor) throws -> TornTail? {
        let path = files.path(cursor.segment)
        let fd = try files.descriptor(cursor.segment)
        let fileSize = try StoreIO.size(fd, path: path)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while cursor.offset < fileSize {
            let wanted = Int(min(Int64(buffer.count), fileSize - cursor.offset))
            let count = try StoreIO.read(
                fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: cursor.offset, path: path)
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            var offset = 0
            var damage: String?
            parsing: while offset < chunk.count {
                switch RecordFraming.frame(in: chunk, at: offset) {
                case .record(let body, let hash, let size):
                    if let problem = Self.index(
                        body, &index, segment: cursor.segment, offset: cursor.offset + Int64(offset))
                    {
                        damage = problem
                        break parsing
                    }
                    cursor.hash = ChainHash(hash)
                    cursor.head += 1
                    offset += size
                case .incomplete(let size):
                    if cursor.offset + Int64(chunk.count) < fileSize {
                        // The chunk ends inside the frame: read on from the frame, in a larger buffer if needed.
                        if let size, size > buffer.count {
                            buffer.deallocate()
                            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
                        }
                        if offset == 0, count == 0 { damage = "the file ended while it was read" }
                        break parsing
                    }
                    damage = "the record runs past the end of the segment (\(fileSize) bytes)"
                    break parsing
                case .invalid(let reason):
                    damage = reason
                    break parsing
                }
            }
            cursor.offset += Int64(offset)
            if let damage {
                if try validRecordFollows(fd, path: path, after: cursor.offset, fileSize: fileSize, head: cursor.head) {
                    throw FileStoreError.corruptRecord(segment: path, offset: cursor.offset, reason: damage)
                }
                return TornTail(segment: cursor.segment, offset: cursor.offset, fileSize: fileSize, reason: damage)
            }
        }
        return nil
    }

    /// Indexes one record whose checksum matched; returns what is wrong with it instead when it does not
    /// follow the records before it.
    @inline(__always)
    static func index(
        _ body: UnsafeRawBufferPointer, _ index: inout StoreIndex, segment: UInt32, offset: Int64
    ) -> String? {
        let fields: RecordBody.IndexFields
        do { fields = try RecordBody.indexFields(body) } catch { return error.reason }
        guard fields.position == index.head + 1 else {
            return "the record has position \(fields.position) where \(index.head + 1) was expected"
        }
        let stream = StreamName(String(decoding: fields.stream, as: UTF8.self))
        guard fields.version == index.version(of: stream) + 1 else {
            return
                "the record is version \(fields.version) of stream '\(stream)', "
                + "which is at version \(index.version(of: stream))"
        }
        index.add(id: fields.id, streamID: index.streamID(stream), segment: segment, offset: offset)
        return nil
    }

    /// Whether a whole record with a plausible position lies anywhere after `offset`: if so, the damage
    /// at `offset` is in the middle of the log; if not, it is a torn tail.
    private func validRecordFollows(
        _ fd: FileDescriptor, path: String, after offset: Int64, fileSize: Int64, head: Int64
    ) throws -> Bool {
        let length = Int(fileSize - offset)
        guard length > RecordFraming.overhead + RecordBody.fixedSize else { return false }
        let region = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 16)
        defer { region.deallocate() }
        let count = try StoreIO.read(fd, into: region, at: offset, path: path)
        let bytes = UnsafeRawBufferPointer(rebasing: region[0..<count])
        let minimum = RecordFraming.overhead + RecordBody.fixedSize
        var start = 1
        while start + minimum <= bytes.count {
            let bodyLength = Int(ByteReader.load(UInt32.self, bytes, at: start))
            if bodyLength >= RecordBody.fixedSize, bodyLength + RecordFraming.overhead <= bytes.count - start {
                let position = ByteReader.load(Int64.self, bytes, at: start + RecordFraming.prefixSize)
                if position > head, position <= head + Int64(bytes.count),
                    case .record = RecordFraming.frame(in: bytes, at: start)
                {
                    return true
                }
            }
            start += 1
        }
        return false
    }
}
