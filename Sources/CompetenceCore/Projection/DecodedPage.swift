/// One page of the log with every event decoded once, ready to fold: the runner decodes the next page (and
/// reads the one after it) while the current one is folded, and decodes each page in two halves at once. A
/// replay for reports also has each page witnessed there (``PageWitness``), off the fold's thread.
struct DecodedPage: Sendable {
    /// The page's events, in global order.
    let events: [RecordedEvent]
    /// `decoded[i]` is `events[i]` as a catalogue event, `nil` when its type is not in the catalogue. Shorter
    /// than `events` when an event failed to decode: then `failure` says which and why.
    let decoded: DecodedEvents
    /// The first event whose known type did not decode (the replay stops there, after folding the ones before).
    let failure: EventDecodingError?
    /// Where the next page starts.
    let nextPosition: Int64
    /// The page's history witness when the read was asked for one (`nil` otherwise).
    let witness: PageWitness?

    /// Decodes a page read from the log (in two halves at once), then witnesses it when `witnessing` says how.
    static func decode(_ page: EventPage, witnessing: PageWitness.Request? = nil) async -> DecodedPage {
        let events = page.events
        let middle = events.count / 2
        async let firstHalf = decode(events[..<middle])
        let secondHalf = decode(events[middle...])
        let first = await firstHalf
        let decoded: DecodedEvents
        let failure: EventDecodingError?
        if let error = first.failure {
            (decoded, failure) = (DecodedEvents(first.decoded), error)
        } else {
            (decoded, failure) = (DecodedEvents(first.decoded, secondHalf.decoded), secondHalf.failure)
        }
        var witness: PageWitness?
        if let witnessing { witness = await PageWitness.make(events, decoded: decoded, witnessing) }
        return DecodedPage(
            events: events, decoded: decoded, failure: failure, nextPosition: page.positionAfter, witness: witness)
    }

    /// Decodes `events` up to the first that fails.
    private static func decode(
        _ events: ArraySlice<RecordedEvent>
    ) -> (decoded: [CompetenceEvent?], failure: EventDecodingError?) {
        var decoded: [CompetenceEvent?] = []
        decoded.reserveCapacity(events.count)
        var last = EventCodec<CompetenceEvent>.LastDecoder()
        // Through the buffer, by index: each event is read in place (`for event in events` copied it).
        return events.withUnsafeBufferPointer { events in
            for index in events.indices {
                do throws(EventDecodingError) {
                    decoded.append(try CompetenceEvent.codec.decode(events[index], reusing: &last))
                } catch {
                    return (decoded, error)
                }
            }
            return (decoded, nil)
        }
    }
}

/// The pages of a read of the log, each decoded, in order, up to the head (or up to the page holding a last
/// position). Three stages overlap: while the caller folds page *n*, page *n* + 1 is decoded (and witnessed,
/// when asked) and page *n* + 2 is read, so that neither the read nor the decoding waits for the fold to take
/// a page before it starts. A witnessed read has a fourth: page *n* is chained (``PageWitness/chain(into:)``)
/// while the caller folds it, in order after page *n* − 1, and page *n* + 1 is decoded only once page *n* − 1
/// is chained, so that at most two pages' canonical bytes wait.
struct DecodedPages {
    private let request: LogReadRequest
    private let last: Int64
    /// The scope whose replay the pages are witnessed for; `nil`: no witness.
    private let witnessedScope: ReplayScope?
    /// The page the caller gets next, being decoded.
    private var decoding: Task<DecodedPage, any Error>?
    /// The page after it, being read (`nil` before the first page is taken, and after the last).
    private var reading: Task<EventPage, any Error>?
    /// The chains after the last page handed out, being made (`nil` before the first, or without a witness).
    private var chaining: Task<HistoryWitness.Chains, Never>?
    /// The chains before the first page: the genesis, or where a replay from a snapshot resumes.
    private let startChains: HistoryWitness.Chains

    /// The pages of `request`, through position `last`; each witnessed (``DecodedPage/witness``) for a replay in
    /// `witnessing`, when given, the chains continuing from `chains` (the genesis by default: `request` must then
    /// start at the log's first event; otherwise at the event after the chains' head).
    init(
        _ request: LogReadRequest, through last: Int64 = .max, witnessing scope: ReplayScope? = nil,
        continuing chains: HistoryWitness.Chains = HistoryWitness.Chains()
    ) {
        self.request = request
        self.last = last
        witnessedScope = scope
        startChains = chains
        guard request.start <= last else { return }
        let witnessing = scope.map { PageWitness.Request(scope: $0, last: last) }
        decoding = Task {
            await DecodedPage.decode(try await request.page(from: request.start), witnessing: witnessing)
        }
    }

    /// The next page, or `nil` after the last.
    mutating func next() async throws -> DecodedPage? {
        guard let current = decoding else { return nil }
        let page = try await current.value
        let chainedBefore = chaining
        if let witness = page.witness {
            // The chains continue over this page while the caller folds it.
            let start = startChains
            chaining = Task {
                var chains = await chainedBefore?.value ?? start
                witness.chain(into: &chains)
                return chains
            }
        }
        guard let lastEvent = page.events.last else {
            stop()
            return nil
        }
        guard lastEvent.position < last, page.failure == nil, page.witness?.failure == nil else {
            stop()
            return page
        }
        let request = request
        let following = try await (reading ?? Task { try await request.page(from: page.nextPosition) }).value
        let last = last
        reading =
            following.events.last.map { $0.position < last } == true
            ? Task { try await request.page(from: following.positionAfter) } : nil
        // The page before is chained before the next is witnessed: the canonical bytes waiting stay two pages'.
        _ = await chainedBefore?.value
        let witnessing = witnessedScope.map { PageWitness.Request(scope: $0, last: last) }
        decoding = Task { await DecodedPage.decode(following, witnessing: witnessing) }
        return page
    }

    /// The chains after every page handed out (the chains started from, before any): waits for the last to be
    /// chained.
    func chains() async -> HistoryWitness.Chains {
        await chaining?.value ?? startChains
    }

    /// Stops reading and decoding ahead.
    func cancel() {
        decoding?.cancel()
        reading?.cancel()
    }

    private mutating func stop() {
        cancel()
        decoding = nil
        reading = nil
    }
}

extension EventPage {
    /// Where the page after this one starts: after its last event, or where the store said the next read starts.
    var positionAfter: Int64 { events.last.map { Swift.max(nextPosition, $0.position + 1) } ?? nextPosition }
}
