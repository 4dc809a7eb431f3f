import CompetenceCore
import Foundation
import Testing

@testable import FileStore

/// Reading ahead (``ChunkReadAhead``) changes how fast the log is scanned, not what the scan finds: on the
/// same bytes, intact or damaged anywhere, a scan reading ahead and one that does not index the same records
/// and stop at the same place for the same reason. Chunks of 1 and 4 KiB make every segment many chunks long,
/// and a few records are larger than a chunk.
@Suite("Log scanner: reading ahead finds what reading in turn finds")
struct LogScannerTests {
    /// What a scan of the whole log came to.
    struct Outcome: Equatable, CustomStringConvertible {
        var locations: [RecordLocation]
        var cursor: LogCursor
        var end: LogEnd?
        var error: String?
        var description: String {
            "\(locations.count) records, cursor \(cursor.segment):\(cursor.offset), end \(String(describing: end)), "
                + "error \(error ?? "none")"
        }
    }

    /// Chunk sizes: 1 KiB holds one or two records, so every record is checked on the read-ahead thread; in 4 KiB
    /// the records of the last quarter are only stepped over there and checked by the scanner.
    static let chunkSizes = [1024, 4096]

    static func scan(
        _ directory: String, readingAhead: Bool, chunkSize: Int, through limit: Int64? = nil
    ) -> Outcome {
        let files = SegmentFiles(directory: directory, writable: false)
        var index = StoreIndex()
        var cursor = LogCursor()
        var scanner = LogScanner(files: files, chunkSize: chunkSize)
        scanner.readsAhead = readingAhead
        do {
            let end = try scanner.catchUp(&index, &cursor, through: limit)
            return Outcome(locations: (0..<index.head).map { index.location(of: $0 + 1) }, cursor: cursor, end: end)
        } catch {
            return Outcome(locations: [], cursor: cursor, error: "\(error)")
        }
    }

    /// A store of two segments: 300 records of 60–700 bytes of padding, and every 50th one of 3,000.
    static func makeStore(_ directory: TemporaryDirectory) async throws -> [String] {
        let store = try FileEventStore(
            directory: directory.store,
            options: FileStoreOptions(durability: .batched(interval: .milliseconds(10)), segmentSize: 64 << 10))
        var generator = SeededGenerator(seed: 77)
        for number in 0..<300 {
            let padding = number % 50 == 49 ? 3_000 : Int.random(in: 60...700, using: &generator)
            try await store.append(
                [Fixtures.event("r\(number)", padding: padding)], to: StreamName("scan-\(number % 7)"),
                expecting: .any)
        }
        return try Fixtures.segments(directory.store)
    }

    @Test func anIntactLogIsScannedAlikeWholeAndUpToALimit() async throws {
        let directory = TemporaryDirectory("scan-intact")
        defer { directory.remove() }
        let segments = try await Self.makeStore(directory)
        #expect(segments.count >= 2)
        for chunkSize in Self.chunkSizes {
            let ahead = Self.scan(directory.store, readingAhead: true, chunkSize: chunkSize)
            #expect(ahead == Self.scan(directory.store, readingAhead: false, chunkSize: chunkSize))
            #expect(ahead.locations.count == 300 && ahead.end == LogEnd() && ahead.error == nil)
            for limit in [1, 77, 150, 299] {
                let limited = Self.scan(
                    directory.store, readingAhead: true, chunkSize: chunkSize, through: Int64(limit))
                #expect(
                    limited
                        == Self.scan(directory.store, readingAhead: false, chunkSize: chunkSize, through: Int64(limit)))
                #expect(limited.locations.count == limit)
            }
        }
    }

    @Test(arguments: 0..<24)
    func aDamagedLogIsJudgedAlike(seed: Int) async throws {
        let directory = TemporaryDirectory("scan-damaged")
        defer { directory.remove() }
        let segments = try await Self.makeStore(directory)
        var generator = SeededGenerator(seed: UInt64(seed) &+ 500)
        let segment = segments[Int.random(in: 0..<segments.count, using: &generator)]
        let size = try Fixtures.size(segment)
        let offsets = try Fixtures.recordOffsets(segment)
        switch seed % 4 {
        case 0, 1:
            // A flipped bit anywhere after the header: in the middle of the log, or in its last record.
            try Fixtures.flipBit(
                segment, byte: Int.random(in: 72..<size, using: &generator),
                bit: Int.random(in: 0..<8, using: &generator))
        case 2:
            // A torn end: the last segment cut anywhere (a segment with a successor cut is damage in the middle).
            try Fixtures.truncate(segment, to: Int.random(in: (offsets.first ?? 72)..<size, using: &generator))
        default:
            // Zeros from a 4 KiB block to the end of the file.
            let block = (Int.random(in: 4096..<size, using: &generator) / 4096) * 4096
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: segment))
            try handle.seek(toOffset: UInt64(block))
            try handle.write(contentsOf: Data(count: size - block))
            try handle.close()
        }
        for chunkSize in Self.chunkSizes {
            let ahead = Self.scan(directory.store, readingAhead: true, chunkSize: chunkSize)
            let inTurn = Self.scan(directory.store, readingAhead: false, chunkSize: chunkSize)
            #expect(ahead == inTurn, "chunks of \(chunkSize) bytes")
            #expect(ahead.error != nil || ahead.end?.tail != nil, "the damage is found: \(ahead)")
        }
    }
}
