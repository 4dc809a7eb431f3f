/// A catch-up subscription: every matching event from a position on, in global order and each exactly
/// once, then live events as they are appended. It never ends by itself; it ends (returns `nil`) when the
/// iterating task is cancelled, and throws when the store fails.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let request: LogReadRequest

    init(store: any EventStore, from start: Int64, filter: EventFilter, pageSize: Int) {
        request = LogReadRequest(store: store, from: start, filter: filter, pageSize: pageSize)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(request: request, next: request.start)
    }

    /// Pages through the log and waits at its head for new events.
    public struct Iterator: AsyncIteratorProtocol {
        let request: LogReadRequest
        /// The next position to look at; everything below it has been delivered or passed over.
        public private(set) var next: Int64
        var buffer: [RecordedEvent] = []
        var index = 0

        init(request: LogReadRequest, next: Int64) {
            self.request = request
            self.next = next
        }

        public mutating func next() async throws -> RecordedEvent? {
            while index == buffer.count {
                if Task.isCancelled { return nil }
                let page = try await request.page(from: next)
                buffer = page.events
                index = 0
                if let last = page.events.last {
                    next = Swift.max(page.nextPosition, last.position + 1)
                } else {
                    next = Swift.max(next, page.nextPosition)
                    do {
                        try await request.store.waitForEvents(from: next)
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
