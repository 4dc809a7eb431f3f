/// A catch-up subscription: every matching event from a position on, in global order and each exactly
/// once, then live events as they are appended. It never ends by itself; it ends (returns `nil`) when the
/// iterating task is cancelled, and throws when the store fails.
public struct EventSubscription: AsyncSequence, Sendable {
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

    /// Pages through the log and waits at its head for new events.
    public struct Iterator: AsyncIteratorProtocol {
        let store: any EventStore
        /// The next position to look at; everything below it has been delivered or passed over.
        public private(set) var next: Int64
        let filter: EventFilter
        let pageSize: Int
        var buffer: [RecordedEvent] = []
        var index = 0

        init(store: any EventStore, next: Int64, filter: EventFilter, pageSize: Int) {
            self.store = store
            self.next = next
            self.filter = filter
            self.pageSize = pageSize
        }

        public mutating func next() async throws -> RecordedEvent? {
            while index == buffer.count {
                if Task.isCancelled { return nil }
                let page = try await store.readAll(from: next, limit: pageSize, filter: filter)
                buffer = page.events
                index = 0
                if let last = page.events.last {
                    next = Swift.max(page.nextPosition, last.position + 1)
                } else {
                    next = Swift.max(next, page.nextPosition)
                    do {
                        try await store.waitForEvents(from: next)
                    } catch is CancellationError {
                        return nil
                    }
                }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
