/// One page of the log with every event decoded once, ready to fold: the runner reads and decodes the next
/// page while the current one is folded, and decodes each page in two halves at once. A replay for reports
/// also has each page witnessed there (``PageWitness``), off the fold's thread.
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
    /// The page's history witness when the read was asked for one (`nil` otherwise).
    let witness: PageWitness?

    /// Reads the page at `position` and decodes it, then witnesses it when `witnessing` says how.
    static func read(
        _ request: LogReadRequest, from position: Int64, witnessing: PageWitness.Request? = nil
    ) async throws -> DecodedPage {
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
        var witness: PageWitness?
        if let witnessing { witness = await PageWitness.make(events, decoded: decoded, witnessing) }
        return DecodedPage(events: events, decoded: decoded, failure: failure, nextPosition: next, witness: witness)
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
/// position): each next page is read and decoded (and witnessed, when asked) while the caller folds the current
/// one.
struct DecodedPages {
    private let request: LogReadRequest
    private let last: Int64
    /// The scope whose replay the pages are witnessed for; `nil`: no witness.
    private let witnessedScope: ReplayScope?
    private var pending: Task<DecodedPage, any Error>?

    /// The pages of `request`, through position `last`; each witnessed from the genesis on
    /// (``DecodedPage/witness``) for a replay in `witnessing`, when given.
    init(_ request: LogReadRequest, through last: Int64 = .max, witnessing scope: ReplayScope? = nil) {
        self.request = request
        self.last = last
        witnessedScope = scope
        guard request.start <= last else { return }
        let witnessing = scope.map { PageWitness.Request(scope: $0, last: last, chains: HistoryWitness.Chains()) }
        pending = Task { try await DecodedPage.read(request, from: request.start, witnessing: witnessing) }
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
        // The next page's witness continues the chains from this page's end.
        let witnessing = page.witness.flatMap { witness in
            witnessedScope.map { PageWitness.Request(scope: $0, last: last, chains: witness.chains) }
        }
        pending =
            lastEvent.position < last && page.failure == nil && page.witness?.failure == nil
            ? Task { try await DecodedPage.read(request, from: page.nextPosition, witnessing: witnessing) } : nil
        return page
    }

    /// Stops reading ahead.
    func cancel() { pending?.cancel() }
}
