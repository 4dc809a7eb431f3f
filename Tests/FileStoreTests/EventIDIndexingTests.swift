import CompetenceCore
import Foundation
import Testing

@testable import FileStore

/// A writer's event ids are indexed on a thread of their own after a large log is opened, and the first
/// appends wait for them: a retry is still recognised by its id, however soon after the open it comes.
@Suite("Event id indexing apart from the open")
struct EventIDIndexingTests {
    /// More ids than ``EventIDIndexing/threadFrom``, so that the open indexes them on a thread.
    static let largeLog = EventIDIndexing.threadFrom + 4_321

    @Test func theThreadIndexesEveryIdOnceAndHandsItOverOnce() async {
        var index = EventIDIndex(capacity: Self.largeLog)
        let ids = (0..<Self.largeLog).map { _ in UUID() }
        for id in ids { index.append(id) }
        let indexing = EventIDIndexing(index)
        await indexing.indexed()
        await indexing.indexed()
        let indexed = indexing.take()
        #expect(indexing.take() == nil, "handed over once")
        #expect(indexed?.isIndexed == true)
        for position in [0, 1, Self.largeLog / 2, Self.largeLog - 1] {
            #expect(indexed?.position(of: ids[position]) == Int64(position + 1))
        }
        #expect(indexed?.position(of: UUID()) == nil)
    }

    @Test func anIndexThatGrewMeanwhileKeepsItsOwnIds() {
        var index = StoreIndex()
        let stream = index.streamID("s")
        let ids = (0..<100).map { _ in UUID() }
        for (offset, id) in ids.enumerated() { index.add(id: id, streamID: stream, segment: 1, offset: Int64(offset)) }
        #expect(index.handOffUnindexedIDs(atLeast: 101) == nil)
        guard var apart = index.handOffUnindexedIDs(atLeast: 100) else {
            Issue.record("100 pending ids are handed out at a minimum of 100")
            return
        }
        apart.indexPending()
        let later = UUID()
        index.add(id: later, streamID: stream, segment: 1, offset: 100)
        index.installIndexedIDs(apart)
        index.indexPendingIDs()
        #expect(index.locate(later)?.position == 101, "the id added after the hand-out is still found")
        #expect(index.locate(ids[0])?.position == 1)
    }

    @Test func anIndexThatHandedOffItsIdsStillFindsThemItself() {
        var index = StoreIndex()
        let stream = index.streamID("s")
        let ids = (0..<100).map { _ in UUID() }
        for (offset, id) in ids.enumerated() { index.add(id: id, streamID: stream, segment: 1, offset: Int64(offset)) }
        index.indexPendingIDs()
        _ = index.handOffUnindexedIDs(atLeast: 0)
        index.indexPendingIDs()
        for (offset, id) in ids.enumerated() { #expect(index.locate(id)?.position == Int64(offset + 1)) }
    }

    @Test func aSmallLogIsIndexedOnOpen() async throws {
        let directory = TemporaryDirectory("ids-small")
        defer { directory.remove() }
        do {
            let store = try FileEventStore(directory: directory.store)
            try await store.append(Fixtures.events(10), to: "small", expecting: .noStream)
        }
        let store = try FileEventStore(directory: directory.store)
        #expect(!store.isIndexingIDsApart)
    }

    @Test func retriesRightAfterOpeningALargeLogAreRecognisedByTheirIds() async throws {
        let directory = TemporaryDirectory("ids-large")
        defer { directory.remove() }
        let options = FileStoreOptions(durability: .batched(interval: .milliseconds(50)))
        var batches: [(stream: StreamName, events: [NewEvent], result: AppendResult)] = []
        do {
            let store = try FileEventStore(directory: directory.store, options: options)
            var written = 0
            while written < Self.largeLog {
                let stream = StreamName("batch-\(batches.count)")
                let events = Fixtures.events(min(5_000, Self.largeLog - written), label: stream.rawValue)
                let result = try await store.append(events, to: stream, expecting: .noStream)
                batches.append((stream, events, result))
                written += events.count
            }
        }
        let store = try FileEventStore(directory: directory.store, options: options)
        #expect(store.isIndexingIDsApart, "\(Self.largeLog) ids are indexed apart from the open")
        let retried = [batches[0], batches[batches.count / 2], batches[batches.count - 1]]
        let results = try await withThrowingTaskGroup(of: (Int, AppendResult).self) { group in
            for (number, batch) in retried.enumerated() {
                group.addTask { (number, try await store.append(batch.events, to: batch.stream, expecting: .noStream)) }
            }
            group.addTask { (-1, try await store.append(Fixtures.events(3), to: "new", expecting: .noStream)) }
            var results: [Int: AppendResult] = [:]
            for try await (number, result) in group { results[number] = result }
            return results
        }
        #expect(!store.isIndexingIDsApart, "the first append installed the indexed ids")
        for (number, batch) in retried.enumerated() {
            #expect(results[number]?.wasAlreadyStored == true && results[number]?.events == batch.result.events)
        }
        #expect(results[-1]?.wasAlreadyStored == false)
        #expect(try await store.headPosition() == Int64(Self.largeLog + 3))
        let verification = try store.verify()
        #expect(verification.isIntact && verification.records == Int64(Self.largeLog + 3))
    }
}
