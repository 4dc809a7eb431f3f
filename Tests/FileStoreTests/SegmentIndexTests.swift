import CompetenceCore
import Foundation
import Logging
import Testing

@testable import FileStore

/// Sealed segments' index files (`NNNNNNNNNN.segment-index`): written when a segment is sealed, used by an open
/// only when they agree with their segment, rewritten when they do not, and checked by `verify`.
@Suite("FileEventStore segment index files")
struct SegmentIndexTests {
    private static let streams = (0..<5).map { StreamName("person-\($0)") }

    /// A store of several small segments, its events appended over five streams; returns its events.
    private func makeStore(_ directory: TemporaryDirectory) async throws -> [RecordedEvent] {
        let store = try FileEventStore(directory: directory.store, options: FileStoreOptions(segmentSize: 4096))
        for round in 0..<30 {
            let stream = Self.streams[round % Self.streams.count]
            try await store.append(
                Fixtures.events(1 + round % 3, label: "r\(round)", padding: 60), to: stream, expecting: .any)
        }
        return try await Fixtures.readAll(store)
    }

    private func indexFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".segment-index") }
            .sorted().map { directory + "/" + $0 }
    }

    /// Everything a store answers about its log: every event, each stream, the head.
    private func contents(_ store: FileEventStore) async throws -> [[RecordedEvent]] {
        var all = [try await Fixtures.readAll(store, pageSize: 7)]
        for stream in Self.streams { all.append(try await store.readStream(stream)) }
        return all
    }

    private func reading(_ directory: String, indexes: Bool) throws -> FileEventStore {
        var options = FileStoreOptions(access: .readOnly)
        options.usesSegmentIndexes = indexes
        return try FileEventStore(directory: directory, options: options)
    }

    @Test func everySealedSegmentGetsAnIndexThatTheNextOpenUsesForTheSameAnswers() async throws {
        let directory = TemporaryDirectory("index-roll")
        defer { directory.remove() }
        let events = try await makeStore(directory)
        let segments = try Fixtures.segments(directory.store)
        #expect(segments.count >= 5, "the appends rolled over several segments")
        let indexes = try indexFiles(directory.store)
        #expect(indexes == segments.dropLast().map { $0 + "-index" }, "one per sealed segment, none for the last")
        for path in indexes {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path) is private")
        }

        let scanned = try reading(directory.store, indexes: false)
        #expect(scanned.openReport.indexedSegments == 0)
        let expected = try await contents(scanned)
        #expect(expected[0] == events)

        let store = try FileEventStore(directory: directory.store)
        #expect(store.openReport.indexedSegments == segments.count - 1)
        #expect(store.openReport.events == Int64(events.count))
        #expect(try await contents(store) == expected)
        for stream in Self.streams {
            #expect(
                try await store.currentVersion(of: stream) == Int64(expected[0].filter { $0.stream == stream }.count))
        }
        // A retried append of an event in an indexed segment is recognised by its id, at its place.
        let old = events[3]
        let retry = NewEvent(
            id: old.id, type: old.type, schemaVersion: old.schemaVersion, occurredAt: old.occurredAt,
            metadata: old.metadata, payload: old.payload)
        let results = try await store.append([StreamAppend(stream: old.stream, expectedVersion: .any, events: [retry])])
        #expect(results.first?.wasAlreadyStored == true)
        #expect(results.first?.events.first?.position == old.position)
        #expect(results.first?.events.first?.version == old.version)
        // And it appends on as before.
        try await store.append(Fixtures.events(2, label: "after"), to: Self.streams[0], expecting: .any)
        #expect(try await store.headPosition() == Int64(events.count + 2))
    }

    @Test func aStoreWithoutIndexesGetsThemFromItsNextWriterNotFromAReader() async throws {
        let directory = TemporaryDirectory("index-missing")
        defer { directory.remove() }
        let events = try await makeStore(directory)
        let written = try indexFiles(directory.store)
        let original = try written.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        for path in written { try FileManager.default.removeItem(atPath: path) }

        let reader = try reading(directory.store, indexes: true)
        #expect(reader.openReport.indexedSegments == 0)
        #expect(try await Fixtures.readAll(reader) == events)
        #expect(try indexFiles(directory.store).isEmpty, "a reader changes no file")

        do {
            let writer = try FileEventStore(directory: directory.store)
            #expect(writer.openReport.indexedSegments == 0)
        }
        #expect(try indexFiles(directory.store) == written)
        #expect(try written.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == original, "the same bytes")
        #expect(try reading(directory.store, indexes: true).openReport.indexedSegments == written.count)
    }

    /// A flipped bit anywhere in an index file: the open reads that segment instead (the same answers), logs
    /// why, and a writer puts the index back as it was.
    @Test(arguments: 0..<16)
    func aDamagedIndexIsReadPastAndWrittenAgain(seed: Int) async throws {
        let directory = TemporaryDirectory("index-flip")
        defer { directory.remove() }
        let events = try await makeStore(directory)
        let indexes = try indexFiles(directory.store)
        var generator = SeededGenerator(seed: UInt64(seed) &+ 77)
        let damaged = indexes[Int.random(in: 0..<indexes.count, using: &generator)]
        let original = try Data(contentsOf: URL(fileURLWithPath: damaged))
        let byte = Int.random(in: 0..<original.count, using: &generator)
        try Fixtures.flipBit(damaged, byte: byte, bit: Int.random(in: 0..<8, using: &generator))

        let reader = try reading(directory.store, indexes: true)
        #expect(reader.openReport.indexedSegments == indexes.count - 1, "byte \(byte) of \(damaged)")
        #expect(try await Fixtures.readAll(reader) == events)

        let log = CapturedLog()
        var options = FileStoreOptions()
        options.logger = log.logger
        do {
            let writer = try FileEventStore(directory: directory.store, options: options)
            #expect(writer.openReport.indexedSegments == indexes.count - 1)
            #expect(try await Fixtures.readAll(writer) == events)
        }
        #expect(log.all.contains { $0.level == .notice && $0.metadata["index"] == damaged })
        #expect(try Data(contentsOf: URL(fileURLWithPath: damaged)) == original)
    }

    /// Index files that are whole but do not belong: another segment's, one of a segment since grown, one that
    /// names another last hash. Each is refused, and the segment read.
    @Test func anIndexThatDoesNotAgreeWithItsSegmentIsNotUsed() async throws {
        let directory = TemporaryDirectory("index-foreign")
        defer { directory.remove() }
        let events = try await makeStore(directory)
        let indexes = try indexFiles(directory.store)
        let second = try SegmentIndexLoading.read(indexes[1])

        func refusedWith(_ file: SegmentIndexFile, at path: String) throws -> Bool {
            let saved = try Data(contentsOf: URL(fileURLWithPath: path))
            defer { try? saved.write(to: URL(fileURLWithPath: path)) }
            try Data(file.encoded()).write(to: URL(fileURLWithPath: path))
            let reader = try reading(directory.store, indexes: true)
            return reader.openReport.indexedSegments == indexes.count - 1
        }
        // Segment 2's index in segment 3's place.
        #expect(try refusedWith(second, at: indexes[2]))
        var grown = second
        grown.segmentSize += 1
        #expect(try refusedWith(grown, at: indexes[1]))
        var rehashed = second
        rehashed.lastHash = ChainHash(unchecked: [UInt8](repeating: 7, count: 32))
        #expect(try refusedWith(rehashed, at: indexes[1]))
        var moved = second
        moved.firstPosition += 1
        #expect(try refusedWith(moved, at: indexes[1]))
        var shortened = second
        shortened.entries.removeLast()
        #expect(try refusedWith(shortened, at: indexes[1]))
        // The untouched files are used again, with the same answers.
        let reader = try reading(directory.store, indexes: true)
        #expect(reader.openReport.indexedSegments == indexes.count)
        #expect(try await Fixtures.readAll(reader) == events)
    }

    /// Damage between a sealed segment's first and last records is not read on open when the segment has an
    /// index: a read of it fails naming the segment and offset, and `verify` reports it. Without indexes the open
    /// fails, as it always did.
    @Test func damageInsideAnIndexedSegmentFailsItsReadAndVerify() async throws {
        let directory = TemporaryDirectory("index-damage")
        defer { directory.remove() }
        _ = try await makeStore(directory)
        let segment = try Fixtures.segments(directory.store)[1]
        let offsets = try Fixtures.recordOffsets(segment)
        #expect(offsets.count >= 3)
        let middle = offsets[offsets.count / 2]
        try Fixtures.flipBit(segment, byte: middle + 40, bit: 3)

        let store = try reading(directory.store, indexes: true)
        await #expect {
            _ = try await Fixtures.readAll(store)
        } throws: { error in
            guard case .corruptRecord(let failed, let offset, _) = error as? FileStoreError else { return false }
            return failed == segment && offset == Int64(middle)
        }
        let report = try FileEventStore.verify(directory: directory.store)
        #expect(
            report.faults.contains {
                $0.kind == .damagedRecord && $0.place == .file(path: segment, offset: Int64(middle))
            })
        #expect(throws: FileStoreError.self) { try reading(directory.store, indexes: false) }
    }

    /// An index edited with a valid checksum (two records' ids swapped) passes the open's checks of its first
    /// and last records; `verify` names it.
    @Test func aForgedIndexIsReportedByVerify() async throws {
        let directory = TemporaryDirectory("index-forged")
        defer { directory.remove() }
        _ = try await makeStore(directory)
        #expect(try FileEventStore.verify(directory: directory.store).isIntact)
        let path = try indexFiles(directory.store)[1]
        var forged = try SegmentIndexLoading.read(path)
        #expect(forged.entries.count >= 4)
        forged.entries.swapAt(1, 2)
        (forged.entries[1].offset, forged.entries[2].offset) = (forged.entries[2].offset, forged.entries[1].offset)
        try Data(forged.encoded()).write(to: URL(fileURLWithPath: path))
        #expect(try reading(directory.store, indexes: true).openReport.indexedSegments > 0)

        let report = try FileEventStore.verify(directory: directory.store)
        #expect(!report.isIntact)
        let faults = report.faults.filter { $0.kind == .inconsistentBookkeeping }
        #expect(faults.map(\.place) == [.file(path: path, offset: 0)])
        #expect(faults.first?.detail.contains("entry 1") == true)
    }

    /// An index that cannot be written (its temporary file's name is taken by a directory) is logged as a warning;
    /// the appends and opens go on, reading that segment, and the index is written once it can be.
    @Test func anIndexThatCannotBeWrittenIsLoggedAndNothingElseFails() async throws {
        let directory = TemporaryDirectory("index-unwritable")
        defer { directory.remove() }
        let log = CapturedLog()
        var options = FileStoreOptions(segmentSize: 4096)
        options.logger = log.logger
        let blocker = directory.store + "/0000000001.segment-index.tmp"
        var events: [RecordedEvent] = []
        do {
            let store = try FileEventStore(directory: directory.store, options: options)
            try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
            for round in 0..<24 {
                try await store.append(
                    Fixtures.events(2, label: "u\(round)", padding: 60), to: Self.streams[round % 5], expecting: .any)
            }
            events = try await Fixtures.readAll(store)
        }
        #expect(try Fixtures.segments(directory.store).count >= 3)
        #expect(!FileManager.default.fileExists(atPath: directory.store + "/0000000001.segment-index"))
        let warning = try #require(log.all.first { $0.level == .warning })
        #expect(warning.message.contains("index file"))
        #expect(warning.metadata["segment"] == directory.store + "/0000000001.segment")
        do {
            let reopened = try FileEventStore(directory: directory.store, options: options)
            #expect(reopened.openReport.indexedSegments == (try Fixtures.segments(directory.store).count) - 2)
            #expect(try await Fixtures.readAll(reopened) == events)
        }
        try FileManager.default.removeItem(atPath: blocker)
        _ = try FileEventStore(directory: directory.store, options: options)
        let indexed = try reading(directory.store, indexes: true)
        #expect(indexed.openReport.indexedSegments == (try Fixtures.segments(directory.store).count) - 1)
    }

    /// A temporary index file a crash left is removed by the next writer; a reader leaves it.
    @Test func aTemporaryIndexFileFromACrashIsRemovedByTheWriter() async throws {
        let directory = TemporaryDirectory("index-temporary")
        defer { directory.remove() }
        _ = try await makeStore(directory)
        let temporary = try indexFiles(directory.store)[0] + ".tmp"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: temporary))
        _ = try reading(directory.store, indexes: true)
        #expect(FileManager.default.fileExists(atPath: temporary))
        _ = try FileEventStore(directory: directory.store)
        #expect(!FileManager.default.fileExists(atPath: temporary))
    }
}
