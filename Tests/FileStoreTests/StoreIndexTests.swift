import CompetenceCore
import Foundation
import Testing

@testable import FileStore

/// The store's in-memory index is sized on open for the events on disk and for appends after them, so that
/// the first append after opening a large store does not copy its per-event arrays.
@Suite("Store index: room for appends")
struct StoreIndexTests {
    @Test(arguments: [0, 1_000, 80_000_000])
    func roomIsAnEighthMoreAtMostAMillion(events: Int) {
        #expect(StoreIndex.appendRoom(after: events) == min(events / 8, 1 << 20))
    }

    @Test func theFirstAppendsAfterOpeningDoNotGrowThePerEventArrays() {
        var index = StoreIndex()
        index.reserve(events: 10_000)
        let capacity = index.locations.capacity
        #expect(capacity >= 10_000 + StoreIndex.appendRoom(after: 10_000))
        let stream = index.streamID("s")
        for position in 0..<(10_000 + StoreIndex.appendRoom(after: 10_000)) {
            index.add(id: UUID(), streamID: stream, segment: 1, offset: Int64(position))
        }
        #expect(index.locations.capacity == capacity, "no growth within the room reserved")
        index.indexPendingIDs()
        #expect(index.head == Int64(10_000 + StoreIndex.appendRoom(after: 10_000)))
    }
}
