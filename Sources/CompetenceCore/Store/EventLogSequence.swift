/// The whole log, or a filtered part of it, read page by page in global order. Finite: it ends where the
/// log ended when the last page was read. Memory use is one page, whatever the length of the log.
public struct EventLogSequence: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let request: LogReadRequest

    init(store: any EventStore, from start: Int64, filter: EventFilter, pageSize: Int) {
        request = LogReadRequest(store: store, from: start, filter: filter, pageSize: pageSize)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(request: request, next: request.start)
    }

    /// Reads the next page when the current one is used up.
    public struct Iterator: AsyncIteratorProtocol {
        let request: LogReadRequest
        var next: Int64
        var buffer: [RecordedEvent] = []
        var index = 0
        var finished = false

        init(request: LogReadRequest, next: Int64) {
            self.request = request
            self.next = next
        }

        public mutating func next() async throws -> RecordedEvent? {
            if index == buffer.count {
                if finished { return nil }
                try Task.checkCancellation()
                let page = try await request.page(from: next)
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
