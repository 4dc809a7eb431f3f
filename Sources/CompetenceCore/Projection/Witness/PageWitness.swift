/// The history witness (``HistoryWitness``) of one page, made in the reading task while the replay folds the page
/// before: each event's canonical bytes and digest in two halves at once, then the history chain and the
/// used-events hash, continued from where the page before left them. The canonical bytes live only while the
/// page is witnessed.
struct PageWitness: Sendable {
    /// What a page's witness covers and continues from.
    struct Request: Sendable {
        /// The replay's scope: which events it folds.
        let scope: ReplayScope
        /// The last position the replay reads.
        let last: Int64
        /// The chains after the page before (the genesis before the first page).
        let chains: HistoryWitness.Chains
    }

    /// An event of the page that has no canonical form (``CanonicalEvent/bytes(_:)`` threw): the replay stops
    /// there with `error`, after folding it.
    struct Failure: Sendable {
        /// Its index in the page.
        let index: Int
        /// Why it has no canonical form.
        let error: HistoryChainError
    }

    /// One digest per event witnessed (``ReportProvenance/digest(canonical:)``), in order.
    let digests: [UInt64]
    /// The chains after the events witnessed.
    let chains: HistoryWitness.Chains
    /// The first event without a canonical form; the events before it are witnessed, none after it.
    let failure: Failure?

    /// Witnesses the events of a page the replay reads: those through `request.last`, up to the first that did
    /// not decode (`decoded`, the page's events as catalogue events, is shorter then: ``DecodedPage``).
    static func make(
        _ events: [RecordedEvent], decoded: DecodedEvents, _ request: Request
    ) async -> PageWitness {
        var count = Swift.min(events.count, decoded.count)
        while count > 0, events[count - 1].position > request.last { count -= 1 }
        let middle = count / 2
        // The first half is chained while the second half's canonical bytes are still being made.
        async let secondHalf = canonical(events[middle..<count])
        let first = canonical(events[..<middle])
        var chains = request.chains
        chain(first.canonical, of: events, from: 0, decoded: decoded, scope: request.scope, into: &chains)
        if first.failure != nil {
            return PageWitness(digests: first.digests, chains: chains, failure: first.failure)
        }
        let second = await secondHalf
        chain(second.canonical, of: events, from: middle, decoded: decoded, scope: request.scope, into: &chains)
        let digests = first.digests + second.digests
        let failure = second.failure
        return PageWitness(digests: digests, chains: chains, failure: failure)
    }

    /// The canonical bytes of consecutive events in one buffer (one allocation for a half page, not one an event):
    /// event `i`'s bytes run from `ends[i - 1]` (0 for the first) to `ends[i]`.
    struct CanonicalRun {
        var bytes = CanonicalWriter()
        var ends: [Int] = []

        /// Calls `body` with each event's index in the run and its bytes.
        func visit(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
            bytes.bytes.withUnsafeBytes { all in
                var start = 0
                for (index, end) in ends.enumerated() {
                    body(index, UnsafeRawBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
        }
    }

    /// Chains `canonical`, the canonical bytes of the events from index `start` of `events` on, in order.
    private static func chain(
        _ canonical: CanonicalRun, of events: [RecordedEvent], from start: Int, decoded: DecodedEvents,
        scope: ReplayScope, into chains: inout HistoryWitness.Chains
    ) {
        canonical.visit { offset, bytes in
            let index = start + offset
            chains.append(events[index], canonical: bytes, folded: scope.folds(events[index], decoded[index]))
        }
    }

    /// The canonical bytes and digests of `events`, up to the first that has no canonical form.
    private static func canonical(
        _ events: ArraySlice<RecordedEvent>
    ) -> (canonical: CanonicalRun, digests: [UInt64], failure: Failure?) {
        var run = CanonicalRun()
        var digests: [UInt64] = []
        run.ends.reserveCapacity(events.count)
        digests.reserveCapacity(events.count)
        for (index, event) in zip(events.indices, events) {
            let start = run.bytes.bytes.count
            do {
                try run.bytes.event(event)
            } catch {
                run.bytes.bytes.removeSubrange(start...)
                return (run, digests, Failure(index: index, error: error))
            }
            run.ends.append(run.bytes.bytes.count)
            digests.append(
                run.bytes.bytes.withUnsafeBytes {
                    ReportProvenance.digest(canonical: UnsafeRawBufferPointer(rebasing: $0[start...]))
                })
        }
        return (run, digests, nil)
    }
}
