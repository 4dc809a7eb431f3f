import CompetenceCore
import Foundation
import SystemPackage

/// Rebuilds a sealed segment's part of the in-memory indexes from its index file (``SegmentIndexFile``)
/// instead of reading the segment, when the file agrees with the segment; else changes nothing, and the
/// scanner reads the segment as before.
///
/// "Agrees" means: the file is whole (its own checksum) and of this format; it names this segment, the
/// position after the log read so far, and the segment file's size; and the segment's first and last records
/// are where it says, whole (their checksums), with its positions, ids and streams, the last with its chain
/// hash. The records between are not read: their checksums are checked when they are read, and
/// `verify` compares every entry with its record.
struct SegmentIndexLoading {
    let files: SegmentFiles

    /// What became of a segment's index file.
    enum Outcome: Equatable {
        /// The segment's records were indexed from the file; the cursor is at the segment's end.
        case loaded
        /// There is no index file.
        case missing
        /// The file was not used (why); nothing was changed.
        case refused(String)
    }

    /// Indexes segment `cursor.segment`, entered and not yet read (the cursor at its first record), from its
    /// index file, when the file agrees with it and ends at or before `limit`.
    func load(_ index: inout StoreIndex, _ cursor: inout LogCursor, through limit: Int64?) -> Outcome {
        let number = cursor.segment
        let path = SegmentFileName.indexPath(number, in: files.directory)
        guard StoreIO.exists(path) else { return .missing }
        let file: SegmentIndexFile
        do {
            file = try Self.read(path)
        } catch let error as SegmentIndexFile.Unreadable {
            return .refused(error.reason)
        } catch {
            return .refused("it could not be read: \(error)")
        }
        guard file.number == number else { return .refused("it says it indexes segment \(file.number)") }
        guard file.firstPosition == cursor.head + 1 else {
            return .refused("it starts at position \(file.firstPosition), the segment at \(cursor.head + 1)")
        }
        if let limit, file.lastPosition > limit { return .refused("it ends after the published head \(limit)") }
        do {
            let segmentPath = files.path(number)
            let size = try StoreIO.size(try files.descriptor(number), path: segmentPath)
            guard size == file.segmentSize else {
                return .refused("it is of a segment of \(file.segmentSize) bytes; the segment has \(size)")
            }
            if let problem = try check(file, row: 0) ?? check(file, row: file.entries.count - 1) {
                return .refused(problem)
            }
        } catch {
            return .refused("its segment could not be read: \(error)")
        }
        let streamIDs = file.streams.map { index.streamID($0) }
        for entry in file.entries {
            index.add(
                id: entry.id, streamID: streamIDs[Int(entry.stream)], segment: number, offset: Int64(entry.offset))
        }
        cursor.head = file.lastPosition
        cursor.offset = file.segmentSize
        cursor.hash = file.lastHash
        return .loaded
    }

    /// What is wrong with entry `row` as against the segment's record at its offset, if anything: the record
    /// must be whole, and have the entry's position, id and stream; the last must end the segment and carry
    /// the file's last hash.
    private func check(_ file: SegmentIndexFile, row: Int) throws -> String? {
        let entry = file.entries[row]
        let isLast = row == file.entries.count - 1
        let end = isLast ? file.segmentSize : Int64(file.entries[row + 1].offset)
        let count = Int(end - Int64(entry.offset))
        let fd = try files.descriptor(file.number)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        defer { buffer.deallocate() }
        let read = try StoreIO.read(fd, into: buffer, at: Int64(entry.offset), path: files.path(file.number))
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<read])
        guard case .record(let body, let hash, let size) = RecordFraming.frame(in: bytes, at: 0), size == count else {
            return "the record of entry \(row) at offset \(entry.offset) is not a whole record of \(count) bytes"
        }
        guard let fields = try? RecordBody.indexFields(body) else {
            return "the record of entry \(row) at offset \(entry.offset) is malformed"
        }
        let position = file.firstPosition + Int64(row)
        guard fields.position == position, fields.id == entry.id,
            fields.stream.elementsEqual(file.streams[Int(entry.stream)].rawValue.utf8)
        else {
            return "the record at offset \(entry.offset) is not position \(position) with the entry's id and stream"
        }
        if isLast, !file.lastHash.equals(hash) { return "the last record's chain hash is not the one it names" }
        return nil
    }

    /// Reads and decodes an index file (at most 1 GiB: a segment's index is a fraction of its size).
    static func read(_ path: String) throws -> SegmentIndexFile {
        guard let bytes = try StoreIO.readWhole(path, atMost: 1 << 30) else {
            throw SegmentIndexFile.Unreadable(reason: "it is larger than 1 GiB")
        }
        return try bytes.withUnsafeBytes { (raw) throws in try SegmentIndexFile.decode(raw) }
    }
}
