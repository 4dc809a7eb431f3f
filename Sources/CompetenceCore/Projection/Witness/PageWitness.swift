/// The history witness (``HistoryWitness``) of one page, made in the reading task while the replay folds the page
/// before: each event's canonical bytes and digest, in two halves at once. The history chain and the used-events
/// hash are continued over the page's canonical bytes afterwards, in a stage of their own (``chain(into:)``,
/// from ``DecodedPages``), so that the next page's canonical bytes are made while this page is chained. The
/// canonical bytes live only until the page is chained.
struct PageWitness: Sendable {
    /// What a page's witness covers.
    struct Request: Sendable {
        /// The replay's scope: which events it folds.
        let scope: ReplayScope
        /// The last position the replay reads.
        let last: Int64
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
    /// The first event without a canonical form; the events before it are witnessed, none after it.
    let failure: Failure?
    /// The canonical bytes of the events witnessed, in runs that follow one another from the page's first event.
    private let runs: [CanonicalRun]
    /// The page's events and their decoded forms: whether each is folded, for the used-events hash.
    private let events: [RecordedEvent]
    private let decoded: DecodedEvents
    private let scope: ReplayScope

    /// Witnesses the events of a page the replay reads: those through `request.last`, up to the first that did
    /// not decode (`decoded`, the page's events as catalogue events, is shorter then: ``DecodedPage``).
    static func make(
        _ events: [RecordedEvent], decoded: DecodedEvents, _ request: Request
    ) async -> PageWitness {
        var count = Swift.min(events.count, decoded.count)
        while count > 0, events[count - 1].position > request.last { count -= 1 }
        let middle = count / 2
        async let secondHalf = canonical(events[middle..<count])
        let first = canonical(events[..<middle])
        guard first.failure == nil else {
            return PageWitness(
                digests: first.digests, failure: first.failure, runs: [first.canonical], events: events,
                decoded: decoded, scope: request.scope)
        }
        let second = await secondHalf
        return PageWitness(
            digests: first.digests + second.digests, failure: second.failure,
            runs: [first.canonical, second.canonical],
            events: events, decoded: decoded, scope: request.scope)
    }

    /// Continues `chains` over the events witnessed, in order.
    func chain(into chains: inout HistoryWitness.Chains) {
        decoded.withBuffers { decoded in
            var start = 0
            for run in runs {
                run.visit { offset, bytes in
                    let index = start + offset
                    chains.append(events[index], canonical: bytes, folded: scope.folds(events[index], decoded[index]))
                }
                start += run.ends.count
            }
        }
    }

    /// The canonical bytes of consecutive events in one buffer (one allocation for a half page, not one an event):
    /// event `i`'s bytes run from `ends[i - 1]` (0 for the first) to `ends[i]`.
    struct CanonicalRun: Sendable {
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
