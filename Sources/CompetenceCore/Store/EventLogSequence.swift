/// The whole log, or a filtered part of it, read page by page in global order. Finite: it ends where the
/// log ended when the last page was read. Memory use is one page, whatever the length of the log.
public struct EventLogSequence: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let store: any EventStore
    let start: Int64
    let filter: EventFilter
    let pageSize: Int

    init(store: any EventStore, from start: Int64, filter: EventFilter, pageSize: Int) {
        self.store = store
        self.start = Swift.max(1, start)
        self.filter = filter
        self.pageSize = Swift.max(1, pageSize)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(store: store, next: start, filter: filter, pageSize: pageSize)
    }

    /// Reads the next page when the current one is used up.
    public struct Iterator: AsyncIteratorProtocol {
        let store: any EventStore
        var next: Int64
        let filter: EventFilter
        let pageSize: Int
        var buffer: [RecordedEvent] = []
        var index = 0
        var finished = false

        init(store: any EventStore, next: Int64, filter: EventFilter, pageSize: Int) {
            self.store = store
            self.next = next
            self.filter = filter
            self.pageSize = pageSize
        }

        public mutating func next() async throws -> RecordedEvent? {
            if index == buffer.count {
                if finished { return nil }
                try Task.checkCancellation()
                let page = try await store.readAll(from: next, limit: pageSize, filter: filter)
                guard !page.events.isEmpty else {
                    finished = true
                    buffer = []
                    index = 0
                    return nil
                }
                buffer = page.events
                index = 0
                next = Swift.max(page.nextPosition, page.events[page.events.count - 1].position + 1)
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
