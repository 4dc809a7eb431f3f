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
    /// A torn write or a damaged record (``TailClassifier``).
    var cause: OpenReport.TailCause
}

/// Where reading the log stopped, and why.
struct LogEnd: Sendable, Equatable {
    /// The bad bytes at the end of the last segment read, if any.
    var tail: TornTail?
    /// The segment after the last one read, when a roll-over was interrupted before its predecessor's last
    /// records were on disk (an older build's order): its records follow a hole, so it can only be set aside.
    var orphan: UInt32?
    /// How many sealed segments were indexed from their index files (``LogScanner/usesSegmentIndexes``).
    var indexedSegments = 0
    /// The sealed segments read record by record although the scanner uses index files: those without a
    /// usable one, for a writer to write (``LogScanner/usesSegmentIndexes``).
    var sealedWithoutIndex: [SealedSegment] = []
    /// Index files found and not used, and why.
    var refusedIndexes: [RefusedIndex] = []
}

/// A sealed segment's index file that an open did not use (``SegmentIndexLoading``), and why.
struct RefusedIndex: Sendable, Equatable {
    var number: UInt32
    var reason: String
}

/// A segment with a successor, as its index file describes it: its number, size, and last record's chain hash.
struct SealedSegment: Sendable, Equatable {
    var number: UInt32
    var size: Int64
    var lastHash: ChainHash
}

/// Reads segments from a cursor onwards into the indexes, checking every record's checksum, framing,
/// position and stream version. Used on open (from the start) and by read-only stores following a writer.
struct LogScanner {
    let files: SegmentFiles
    var chunkSize = 4 << 20
    /// Whether a segment of more than two chunks is read ahead, one chunk at a time, on another thread
    /// (``ChunkReadAhead``) while the chunk before is indexed.
    var readsAhead = true
    /// Whether a sealed segment (one with a successor) is indexed from its index file when the file agrees with
    /// it (``SegmentIndexLoading``), instead of being read: what an open does, unless its options say otherwise.
    var usesSegmentIndexes = false

    /// Reads every whole record after `cursor` into `index`, up to position `limit` when one is given (a
    /// reader stops at the writer's published head).
    ///
    /// - Returns: the torn tail where reading stopped, if the last segment ends in bytes that are not a
    ///   whole record and no valid record follows them (a crash mid-write, or a write still in progress), or
    ///   a damaged last record; and the next segment when it is the orphan of an interrupted roll-over.
    /// - Throws: ``FileStoreError/corruptRecord(segment:offset:reason:)`` for damage that valid records
    ///   follow, or that lies in a segment with a successor (other than such an orphan).
    func catchUp(_ index: inout StoreIndex, _ cursor: inout LogCursor, through limit: Int64? = nil) throws -> LogEnd {
        var end = LogEnd()
        while true {
            if cursor.segment == 0 {
                guard StoreIO.exists(files.path(1)) else { return end }
                try enter(1, &index, &cursor)
            }
            if let limit, cursor.head >= limit { return end }
            var indexed = false
            if usesSegmentIndexes, cursor.offset == Int64(SegmentHeader.size),
                StoreIO.exists(files.path(cursor.segment + 1))
            {
                switch SegmentIndexLoading(files: files).load(&index, &cursor, through: limit) {
                case .loaded:
                    indexed = true
                    end.indexedSegments += 1
                case .missing: break
                case .refused(let reason):
                    end.refusedIndexes.append(RefusedIndex(number: cursor.segment, reason: reason))
                }
            }
            // A segment indexed from its file is not read (the cursor is at its end already).
            var torn = indexed ? nil : try scan(&index, &cursor, through: limit)
            if let limit, cursor.head >= limit { return end }
            let next = cursor.segment + 1
            guard StoreIO.exists(files.path(next)) else {
                end.tail = torn
                return end
            }
            // The next segment exists, so this one is complete: read whatever was added before the roll.
            if torn != nil { torn = try scan(&index, &cursor, through: limit) }
            if torn?.cause != .damagedRecord, isOrphan(next, after: cursor) {
                end.tail = torn
                end.orphan = next
                return end
            }
            if let torn {
                throw FileStoreError.corruptRecord(
                    segment: files.path(torn.segment), offset: torn.offset, reason: torn.reason)
            }
            if usesSegmentIndexes, !indexed {
                end.sealedWithoutIndex.append(
                    SealedSegment(number: cursor.segment, size: cursor.offset, lastHash: cursor.hash))
            }
            try enter(next, &index, &cursor)
        }
    }

    /// Whether segment `number` is the last one and starts after records the log does not have: the state a
    /// power loss leaves when a roll-over created it before its predecessor's last records were on disk.
    private func isOrphan(_ number: UInt32, after cursor: LogCursor) -> Bool {
        guard !StoreIO.exists(files.path(number + 1)), let header = try? readHeader(number) else { return false }
        return header.number == number && header.firstPosition > cursor.head + 1
    }

    /// Reads and checks the header of segment `number` and moves the cursor to its first record.
    private func enter(_ number: UInt32, _ index: inout StoreIndex, _ cursor: inout LogCursor) throws {
        let path = files.path(number)
        let header = try readHeader(number)
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

    /// Reads and decodes the header of segment `number`.
    private func readHeader(_ number: UInt32) throws -> SegmentHeader {
        let path = files.path(number)
        let fd = try files.descriptor(number)
        var raw = [UInt8](repeating: 0, count: SegmentHeader.size)
        let count = try raw.withUnsafeMutableBytes { (buffer) throws -> Int in
            try StoreIO.read(fd, into: buffer, at: 0, path: path)
        }
        let decoded = raw.withUnsafeBytes { buffer in
            Result { () throws(SegmentHeader.Problem) -> SegmentHeader in
                try SegmentHeader.decode(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
        }
        switch decoded {
        case .success(let header): return header
        case .failure(.short(let count)):
            throw FileStoreError.corruptSegmentHeader(segment: path, reason: "it is only \(count) bytes long")
        case .failure(.invalid(let reason)): throw FileStoreError.corruptSegmentHeader(segment: path, reason: reason)
        case .failure(.unsupportedVersion(let version)):
            throw FileStoreError.unsupportedFormatVersion(segment: path, version: version)
        }
    }

    /// Reads the records of the cursor's segment from the cursor to the end of the file, or to `limit`.
    private func scan(_ index: inout StoreIndex, _ cursor: inout LogCursor, through limit: Int64?) throws -> TornTail? {
        let path = files.path(cursor.segment)
        let fd = try files.descriptor(cursor.segment)
        let fileSize = try StoreIO.size(fd, path: path)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        let ahead =
            readsAhead && fileSize - cursor.offset > Int64(2 * chunkSize)
            ? ChunkReadAhead(fd: fd, path: path, fileSize: fileSize, chunkSize: chunkSize, from: cursor.offset) : nil
        defer { ahead?.finish() }
        while cursor.offset < fileSize {
            let chunk: UnsafeRawBufferPointer
            var checkedEnd = 0
            if let read = try ahead?.chunk(at: cursor.offset) {
                chunk = read.bytes
                checkedEnd = read.checkedEnd
            } else {
                let wanted = Int(min(Int64(buffer.count), fileSize - cursor.offset))
                let count = try StoreIO.read(
                    fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: cursor.offset,
                    path: path)
                chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            }
            var offset = 0
            var damage: String?
            var wellFormed = false
            var reachedLimit = false
            // The last record's hash, in the chunk: made a `ChainHash` (an array) once per chunk, not per record.
            var lastHash: UnsafeRawBufferPointer?
            parsing: while offset < chunk.count {
                switch RecordFraming.frame(in: chunk, at: offset, verifyingChecksum: offset >= checkedEnd) {
                case .record(let body, let hash, let size):
                    if let problem = Self.index(
                        body, &index, segment: cursor.segment, offset: cursor.offset + Int64(offset))
                    {
                        damage = problem
                        wellFormed = true
                        break parsing
                    }
                    lastHash = hash
                    cursor.head += 1
                    offset += size
                    if let limit, cursor.head >= limit {
                        reachedLimit = true
                        break parsing
                    }
                case .incomplete(let size):
                    if cursor.offset + Int64(chunk.count) < fileSize {
                        // The chunk ends inside the frame: read on from the frame, in a larger buffer if needed.
                        if let size, size > buffer.count {
                            buffer.deallocate()
                            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
                        }
                        if offset == 0, chunk.isEmpty { damage = "the file ended while it was read" }
                        break parsing
                    }
                    damage = "the record runs past the end of the segment (\(fileSize) bytes)"
                    break parsing
                case .invalid(let reason):
                    damage = reason
                    break parsing
                }
            }
            if let lastHash { cursor.hash = ChainHash(lastHash) }
            cursor.offset += Int64(offset)
            if reachedLimit { return nil }
            if let damage {
                return try tail(
                    fd, path: path, segment: cursor.segment, at: cursor.offset, fileSize: fileSize, head: cursor.head,
                    reason: damage, wellFormed: wellFormed)
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
        let known = index.existingStreamID(utf8: fields.stream)
        let version = known.map { index.version(ofStream: $0) } ?? 0
        guard fields.version == version + 1 else {
            let stream = String(decoding: fields.stream, as: UTF8.self)
            return "the record is version \(fields.version) of stream '\(stream)', which is at version \(version)"
        }
        let streamID = known ?? index.streamID(StreamName(String(decoding: fields.stream, as: UTF8.self)))
        index.add(id: fields.id, streamID: streamID, segment: segment, offset: offset)
        return nil
    }

    /// The bad bytes from `offset` to the end of the segment: corruption in the middle of the log (thrown)
    /// when a whole record with a plausible position lies anywhere after them, else a tail, classified.
    private func tail(
        _ fd: FileDescriptor, path: String, segment: UInt32, at offset: Int64, fileSize: Int64, head: Int64,
        reason: String, wellFormed: Bool
    ) throws -> TornTail {
        let region = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(fileSize - offset), alignment: 16)
        defer { region.deallocate() }
        let count = try StoreIO.read(fd, into: region, at: offset, path: path)
        let bytes = UnsafeRawBufferPointer(rebasing: region[0..<count])
        if Self.validRecordFollows(in: bytes, head: head) {
            throw FileStoreError.corruptRecord(segment: path, offset: offset, reason: reason)
        }
        return TornTail(
            segment: segment, offset: offset, fileSize: fileSize, reason: reason,
            cause: TailClassifier.cause(of: bytes, at: offset, wellFormedFrame: wellFormed))
    }

    /// Whether a whole record with a plausible position starts anywhere after the first byte of `bytes`.
    private static func validRecordFollows(in bytes: UnsafeRawBufferPointer, head: Int64) -> Bool {
        let minimum = RecordFraming.overhead + RecordBody.fixedSize
        guard bytes.count > minimum else { return false }
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
