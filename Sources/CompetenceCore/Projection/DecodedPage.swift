/// One page of the log with every event decoded once, ready to fold: the runner reads and decodes the next
/// page while the current one is folded, and decodes each page in two halves at once.
struct DecodedPage: Sendable {
    /// The page's events, in global order.
    let events: [RecordedEvent]
    /// `decoded[i]` is `events[i]` as a catalogue event, `nil` when its type is not in the catalogue. Shorter
    /// than `events` when an event failed to decode: then `failure` says which and why.
    let decoded: [CompetenceEvent?]
    /// The first event whose known type did not decode (the replay stops there, after folding the ones before).
    let failure: EventDecodingError?
    /// Where the next page starts.
    let nextPosition: Int64

    /// Reads the page at `position` and decodes it.
    static func read(_ request: LogReadRequest, from position: Int64) async throws -> DecodedPage {
        let page = try await request.page(from: position)
        let events = page.events
        let middle = events.count / 2
        async let firstHalf = decode(events[..<middle])
        let secondHalf = decode(events[middle...])
        let first = await firstHalf
        let decoded: [CompetenceEvent?]
        let failure: EventDecodingError?
        if let error = first.failure {
            (decoded, failure) = (first.decoded, error)
        } else {
            (decoded, failure) = (first.decoded + secondHalf.decoded, secondHalf.failure)
        }
        let next = events.last.map { Swift.max(page.nextPosition, $0.position + 1) } ?? page.nextPosition
        return DecodedPage(events: events, decoded: decoded, failure: failure, nextPosition: next)
    }

    /// Decodes `events` up to the first that fails.
    private static func decode(
        _ events: ArraySlice<RecordedEvent>
    ) -> (decoded: [CompetenceEvent?], failure: EventDecodingError?) {
        var decoded: [CompetenceEvent?] = []
        decoded.reserveCapacity(events.count)
        var last = EventCodec<CompetenceEvent>.LastDecoder()
        for event in events {
            do {
                decoded.append(try CompetenceEvent.codec.decode(event, reusing: &last))
            } catch {
                return (decoded, error)
            }
        }
        return (decoded, nil)
    }
}

/// The pages of a read of the log, each decoded, in order, up to the head (or up to the page holding a last
/// position): each next page is read and decoded while the caller folds the current one.
struct DecodedPages {
    private let request: LogReadRequest
    private let last: Int64
    private var pending: Task<DecodedPage, any Error>?

    /// The pages of `request`, through position `last`.
    init(_ request: LogReadRequest, through last: Int64 = .max) {
        self.request = request
        self.last = last
        if request.start <= last { pending = Task { try await DecodedPage.read(request, from: request.start) } }
    }

    /// The next page, or `nil` after the last.
    mutating func next() async throws -> DecodedPage? {
        guard let reading = pending else { return nil }
        let page = try await reading.value
        guard let lastEvent = page.events.last else {
            pending = nil
            return nil
        }
        let request = request
        pending =
            lastEvent.position < last && page.failure == nil
            ? Task { try await DecodedPage.read(request, from: page.nextPosition) } : nil
        return page
    }

    /// Stops reading ahead.
    func cancel() { pending?.cancel() }
}
