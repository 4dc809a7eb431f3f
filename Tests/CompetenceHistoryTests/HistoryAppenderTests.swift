import CompetenceCore
import FileStore
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import CompetenceHistory

/// Appending an exported history to another store: same ids, versions, order, times and metadata; order-
/// keeping atomic batches; a repeat adds nothing; a different history in the target is refused.
@Suite("History files: appending to a store")
struct HistoryAppenderTests {
    private func entries(_ events: [RecordedEvent]) -> [HistoryReader.Entry] {
        events.enumerated().map { HistoryReader.Entry(event: $1, line: $0 + 1) }
    }

    private func recorded(_ stream: String, _ version: Int64, at position: Int64) -> RecordedEvent {
        RecordedEvent(
            id: UUID(), stream: StreamName(stream), version: version, position: position, type: "T", schemaVersion: 1,
            occurredAt: Date(timeIntervalSince1970: 0), recordedAt: Date(timeIntervalSince1970: 0),
            metadata: .none, payload: .json(Data("{}".utf8)))
    }

    /// Streams and sizes of each batch, e.g. `[["a:2", "b:1"], ["a:1"]]`.
    private func shape(_ batches: [[StreamAppend]]) -> [[String]] {
        batches.map { $0.map { "\($0.stream.rawValue):\($0.events.count)" } }
    }

    @Test("batches: the fewest consecutive runs in which no stream comes back after another")
    func batching() {
        let aab = [recorded("a", 1, at: 1), recorded("a", 2, at: 2), recorded("b", 1, at: 3)]
        #expect(shape(HistoryAppender.batches(entries(aab))) == [["a:2", "b:1"]])
        let aba = [recorded("a", 1, at: 1), recorded("b", 1, at: 2), recorded("a", 2, at: 3)]
        #expect(shape(HistoryAppender.batches(entries(aba))) == [["a:1", "b:1"], ["a:1"]])
        let abbac = [
            recorded("a", 1, at: 1), recorded("b", 1, at: 2), recorded("b", 2, at: 3), recorded("a", 2, at: 4),
            recorded("c", 1, at: 5),
        ]
        let batches = HistoryAppender.batches(entries(abbac))
        #expect(shape(batches) == [["a:1", "b:2"], ["a:1", "c:1"]])
        // Each stream must be exactly where the file leaves it before the batch.
        #expect(batches[0].map(\.expectedVersion) == [.exact(0), .exact(0)])
        #expect(batches[1].map(\.expectedVersion) == [.exact(1), .exact(0)])
        let batched: [UUID] = batches.flatMap { $0.flatMap(\.events).map(\.id) }
        #expect(Set(batched) == Set(abbac.map(\.id)) && batched.count == abbac.count)
        #expect(HistoryAppender.batches([]).isEmpty)
    }

    @Test("into a file store: every event lands with its id, stream, version, position, times and payload")
    func intoFileStore() async throws {
        let directory = try TemporaryDirectory("competence-append")
        for encoding in [PayloadEncoding.json, .compact] {
            let source = try await HistorySamples.demo(encoding: encoding)
            let (path, count) = try await HistorySamples.export(
                source, to: "history-\(encoding).ndjson", in: directory)
            let read = try HistoryReader(path: path).read()
            let target = try FileEventStore(directory: directory.path("copy-\(encoding).store"))
            let reported = Mutex<[Int]>([])
            let outcome = try await HistoryAppender(store: target, file: path).append(read) { done in
                reported.withLock { $0.append(done) }
            }
            let progress = reported.withLock { $0 }
            #expect(outcome.appended == count && outcome.alreadyStored == 0)
            #expect(outcome.batches == HistoryAppender.batches(read.entries).count && outcome.batches > 1)
            #expect(progress.count == outcome.batches && progress.last == count && progress == progress.sorted())
            guard case .verified(let head) = read.chain else {
                Issue.record("the export is not chained")
                return
            }
            let original = try await HistorySamples.events(source)
            let copied = try await HistorySamples.events(target)
            #expect(copied.map(HistorySamples.portable) == original.map(HistorySamples.portable))
            #expect(copied.allSatisfy { $0.payload.encoding == encoding })

            #expect(
                outcome.summary(file: "h.ndjson", storeName: "file:copy")
                    == "h.ndjson: appended \(count) events to file:copy in \(outcome.batches) atomic appends\n"
                    + "h.ndjson: history chain verified; head \(head)")
            // The copy's history chain is the original's: every envelope field moved, recorded times included.
            let copiedHead = try await LogSoundnessCheck(store: target).run().historyHead
            #expect(copiedHead == head)

            // The same file again: nothing added.
            let again = try await HistoryAppender(store: target, file: path).append(read)
            #expect(again.appended == 0 && again.alreadyStored == count)
            #expect(
                again.summary(file: "h.ndjson", storeName: "file:copy").hasPrefix(
                    "h.ndjson: all \(count) events are already in file:copy; nothing added\n"))
            #expect(try await target.headPosition() == Int64(count))
        }
    }

    @Test("a history whose streams never interleave is one atomic append")
    func oneBatch() async throws {
        let directory = try TemporaryDirectory("competence-append")
        let events = [recorded("a", 1, at: 1), recorded("a", 2, at: 2), recorded("b", 1, at: 3)]
        let target = InMemoryEventStore()
        let outcome = try await HistoryAppender(store: target, file: directory.path("h"), allowsUnknownTypes: true)
            .append(HistoryReader.File(entries: entries(events), chain: .unchained))
        #expect(outcome.batches == 1 && outcome.appended == 3)
        #expect(
            outcome.summary(file: "h", storeName: "memory:")
                == "h: appended 3 events to memory: in 1 atomic append\n"
                + "h: the file has no history chain (exported before chains existed): each line was checked, "
                + "but not that none was changed, removed or reordered")
        #expect(try await HistorySamples.events(target).map(\.id) == events.map(\.id))
    }

    @Test("an import cut short is completed by running it again: the stored batches are recognised")
    func resume() async throws {
        let directory = try TemporaryDirectory("competence-append")
        let source = try await HistorySamples.demo()
        let (path, count) = try await HistorySamples.export(source, in: directory)
        let read = try HistoryReader(path: path).read()
        let batches = HistoryAppender.batches(read.entries)
        let firstTwo = batches.prefix(2).reduce(0) { $0 + $1.reduce(0) { $0 + $1.events.count } }
        let target = InMemoryEventStore()
        let appender = HistoryAppender(store: target, file: path)
        _ = try await appender.append(
            HistoryReader.File(entries: Array(read.entries.prefix(firstTwo)), chain: read.chain))
        let rest = try await appender.append(read)
        #expect(rest.alreadyStored == firstTwo && rest.appended == count - firstTwo)
        #expect(
            rest.summary(file: "h.ndjson", storeName: "memory:").hasPrefix(
                "h.ndjson: appended \(count - firstTwo) events to memory: in \(rest.batches) atomic appends "
                    + "(\(firstTwo) were already there)\n"))
        #expect(
            try await HistorySamples.events(target).map(HistorySamples.portable)
                == (try await HistorySamples.events(source).map(HistorySamples.portable)))
    }

    @Test("a different history in the target is refused with the file's line, not merged")
    func conflict() async throws {
        let directory = try TemporaryDirectory("competence-append")
        let (path, _) = try await HistorySamples.export(try await HistorySamples.days(), in: directory)
        let read = try HistoryReader(path: path).read()
        // Another programme enrolled the same organisation id: a different first event of the stream.
        let target = InMemoryEventStore()
        try await CompetenceLedger(store: target).record(
            OrganisationEnrolled(
                organisation: "acme", name: "Acme Other", kind: .enterprise, sector: "retail", sizeClass: .micro,
                region: "Uusimaa"))
        let error = try await #require(throws: HistoryError.self) {
            try await HistoryAppender(store: target, file: path, allowsUnknownTypes: true).append(read)
        }
        guard case .conflict(let file, let line, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == path && line == 1)
        #expect(
            error.description
                == "\(path), line 1: stream 'organisation-acme' is at version 1 in the target store, but the file "
                + "continues it from version 0; the target holds a different history")
        #expect(try await target.headPosition() == 1)
    }
}
