import CompetenceCore
import FileStore
import Foundation
import Testing

@Suite("FileEventStore storage")
struct StorageTests {
    @Test func directoriesAre0700AndFilesAre0600() async throws {
        let directory = TemporaryDirectory("perms")
        defer { directory.remove() }
        let previous = umask(0o022)
        defer { umask(previous) }
        let store = try FileEventStore(
            directory: directory.store + "/nested", options: FileStoreOptions(segmentSize: 4096))
        try await store.append(Fixtures.events(60, padding: 50), to: "perm-1", expecting: .any)
        for path in [directory.store, directory.store + "/nested"] {
            #expect(try mode(path) == 0o700, "\(path)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.store + "/nested")
        #expect(files.count > 2, "LOCK and several segments: \(files)")
        for file in files { #expect(try mode(directory.store + "/nested/" + file) == 0o600, "\(file)") }
    }

    /// Opening indexes each record's stream from its bytes, answering the stream of the record before without
    /// a look-up: interleaved streams whose names have the same length (or differ only beyond ASCII) get
    /// their own versions, in a writer's index and in a reader's (which keeps no event ids), and a record
    /// whose version does not follow its stream's is still refused at open.
    @Test func interleavedStreamsOfEqualLengthKeepTheirOwnVersions() async throws {
        let directory = TemporaryDirectory("streams")
        defer { directory.remove() }
        let streams: [StreamName] = ["s-a", "s-b", "s-a", "s-é", "s-e", "s-b", "s-b", "s-a", "s-é"]
        var appended: [RecordedEvent] = []
        do {
            let store = try FileEventStore(directory: directory.store)
            for (round, stream) in streams.enumerated() {
                try await store.append(Fixtures.events(round % 3 + 1, label: "i\(round)"), to: stream, expecting: .any)
            }
            appended = try await Fixtures.readAll(store)
        }
        for access in [FileStoreOptions.Access.readOnly, .readWrite] {
            let reopened = try FileEventStore(directory: directory.store, options: FileStoreOptions(access: access))
            #expect(try await Fixtures.readAll(reopened) == appended)
            for stream in Set(streams) {
                let expected = appended.filter { $0.stream == stream }
                #expect(expected.map(\.version) == Array(1...Int64(expected.count)))
                #expect(try await reopened.readStream(stream) == expected, "\(stream) \(access)")
                #expect(try await reopened.currentVersion(of: stream) == Int64(expected.count))
            }
        }
        // The writer still knows every id: appending the stored events again adds nothing.
        let writer = try FileEventStore(directory: directory.store)
        let again = appended.first { $0.stream == "s-é" }!
        let event = NewEvent(
            id: again.id, type: again.type, schemaVersion: again.schemaVersion, occurredAt: again.occurredAt,
            metadata: again.metadata, payload: again.payload)
        _ = try? await writer.append([event], to: "s-é", expecting: .any)
        #expect(try await writer.headPosition() == Int64(appended.count))
    }

    /// Many small segments: reads from every position and of whole streams cross segment boundaries, and a
    /// reopened store holds exactly the same events, every envelope field included.
    @Test func segmentsRollAndReadsCrossTheirBoundaries() async throws {
        let directory = TemporaryDirectory("roll")
        defer { directory.remove() }
        let options = FileStoreOptions(segmentSize: 4096)
        var appended: [RecordedEvent] = []
        do {
            let store = try FileEventStore(directory: directory.store, options: options)
            for round in 0..<40 {
                let stream = StreamName("roll-\(round % 3)")
                try await store.append(
                    Fixtures.events(round % 4 + 1, label: "r\(round)", padding: round * 9), to: stream, expecting: .any)
            }
            appended = try await Fixtures.readAll(store, pageSize: 7)
            #expect(try Fixtures.segments(directory.store).count >= 8)
            // A record bigger than a segment gets a segment of its own.
            try await store.append([Fixtures.event("big", padding: 10_000)], to: "roll-big", expecting: .noStream)
            appended = try await Fixtures.readAll(store, pageSize: 7)
        }
        #expect(appended.map(\.position) == Array(1...Int64(appended.count)))
        let reopened = try FileEventStore(directory: directory.store, options: options)
        #expect(reopened.openReport.events == Int64(appended.count))
        #expect(reopened.openReport.truncatedTail == nil)
        #expect(try await Fixtures.readAll(reopened, pageSize: 3) == appended)
        for start in stride(from: Int64(1), through: Int64(appended.count), by: 5) {
            let page = try await reopened.readAll(from: start, limit: 4, filter: .all)
            #expect(page.events == Array(appended[Int(start - 1)..<min(appended.count, Int(start + 3))]))
        }
        for stream in Set(appended.map(\.stream)) {
            let expected = appended.filter { $0.stream == stream }
            #expect(try await reopened.readStream(stream) == expected)
            #expect(
                try await reopened.readStream(stream, from: .max, direction: .backwards, limit: 3)
                    == Array(expected.reversed().prefix(3)))
            #expect(try await reopened.currentVersion(of: stream) == Int64(expected.count))
        }
        let filtered = try await reopened.readAll(from: 1, limit: 1000, filter: .categories("roll")).events
        #expect(filtered == appended)
        // Appends continue in the last segment, and the chain runs on across the reopen.
        try await reopened.append(Fixtures.events(3), to: "roll-0", expecting: .any)
        let report = try reopened.verify()
        #expect(report.isIntact, "\(report)")
        #expect(report.records == Int64(appended.count + 3))
    }

    @Test func aRetryOfStoredEventsWritesNothingAfterReopen() async throws {
        let directory = TemporaryDirectory("retry")
        defer { directory.remove() }
        let events = Fixtures.events(3)
        let first: AppendResult
        do {
            let store = try FileEventStore(directory: directory.store)
            first = try await store.append(events, to: "retry-1", expecting: .noStream)
        }
        let store = try FileEventStore(directory: directory.store)
        let again = try await store.append(events, to: "retry-1", expecting: .noStream)
        #expect(again.wasAlreadyStored && again.events == first.events)
        #expect(try await store.headPosition() == 3)
    }

    /// A second, read-only instance sees the writer's appends and wakes its waiters by polling.
    @Test func aReadOnlyInstanceWaitsForAndReadsNewEvents() async throws {
        let directory = TemporaryDirectory("tail")
        defer { directory.remove() }
        let writer = try FileEventStore(directory: directory.store)
        let reader = try FileEventStore(
            directory: directory.store, options: FileStoreOptions(access: .readOnly, pollInterval: .milliseconds(10)))
        #expect(try await reader.headPosition() == 0)
        let waiting = Task { try await reader.waitForEvents(from: 2) }
        try await writer.append(Fixtures.events(1), to: "tail-1", expecting: .any)
        try await Task.sleep(for: .milliseconds(50))
        try await writer.append(Fixtures.events(1), to: "tail-1", expecting: .any)
        try await waiting.value
        #expect(try await reader.readStream("tail-1").count == 2)
        #expect(try await reader.currentVersion(of: "tail-1") == 2)
        let cancelled = Task { try await reader.waitForEvents(from: 100) }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
    }

    /// Readers read up to the head the writer published in `HEAD`, not whatever whole records the files hold
    /// (a writer that died between writing and publishing has acknowledged nothing past its head); the next
    /// read-write open publishes what it recovered.
    @Test func aReaderServesOnlyWhatTheWriterPublished() async throws {
        let directory = TemporaryDirectory("published")
        defer { directory.remove() }
        let head = directory.store + "/HEAD"
        do {
            let writer = try FileEventStore(directory: directory.store)
            try await writer.append(Fixtures.events(3), to: "published-1", expecting: .noStream)
            let published = try Data(contentsOf: URL(fileURLWithPath: head))
            #expect(published.count == 72 && published.prefix(8) == Data("CLEDHEAD".utf8))
            #expect(try mode(head) == 0o600)
            try await writer.append(Fixtures.events(2), to: "published-1", expecting: .exact(3))
            // As if the writer had died after writing the last two records, before publishing them.
            try published.write(to: URL(fileURLWithPath: head))
        }
        let reader = try FileEventStore(directory: directory.store, options: FileStoreOptions(access: .readOnly))
        #expect(reader.openReport.events == 3)
        #expect(try await reader.headPosition() == 3)
        _ = try FileEventStore(directory: directory.store)
        #expect(try await reader.headPosition() == 5, "the next writer published what it recovered")
        #expect(try await Fixtures.readAll(reader).count == 5)
        // Without a HEAD file (a store last written by an older build) readers read every whole record.
        try FileManager.default.removeItem(atPath: head)
        let unpublished = try FileEventStore(directory: directory.store, options: FileStoreOptions(access: .readOnly))
        #expect(unpublished.openReport.events == 5)
    }

    @Test func batchedDurabilityAcknowledgesBeforeTheTimedSyncAndKeepsEverything() async throws {
        let directory = TemporaryDirectory("batched")
        defer { directory.remove() }
        let options = FileStoreOptions(durability: .batched(interval: .milliseconds(20)))
        var ids: [UUID] = []
        do {
            let store = try FileEventStore(directory: directory.store, options: options)
            try await withThrowingTaskGroup(of: [UUID].self) { group in
                for task in 0..<4 {
                    group.addTask {
                        var ids: [UUID] = []
                        for round in 0..<25 {
                            let events = Fixtures.events(4, label: "b\(task)-\(round)")
                            try await store.append(events, to: StreamName("batch-\(task)"), expecting: .any)
                            ids += events.map(\.id)
                        }
                        return ids
                    }
                }
                for try await part in group { ids += part }
            }
            try await Task.sleep(for: .milliseconds(60))
        }
        let reopened = try FileEventStore(directory: directory.store)
        #expect(Set(try await Fixtures.readAll(reopened).map(\.id)) == Set(ids))
        #expect(try FileEventStore.verify(directory: directory.store).isIntact)
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }
}
