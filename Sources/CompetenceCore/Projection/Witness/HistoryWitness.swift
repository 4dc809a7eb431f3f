/// What a replay for reports read: the history chain, one digest per event (``ReportProvenance``) and the
/// used-events hash (``LedgerState/usedEventsHash``), all from one canonical form of each event.
///
/// The work per event is done beside the fold, a page at a time (``PageWitness``): the canonical bytes and
/// digests in the reading task, the chains in a stage of their own (``DecodedPages``). The replay takes each
/// page's digests in order (``take(_:)``) and the chains after the last page (``finish(with:)``).
struct HistoryWitness: Sendable {
    /// The history chain and the used-events hash after the events witnessed so far: all a next page needs to
    /// continue them.
    ///
    /// While every event read was folded (a replay of the whole log, or of a prefix), the used-events hash *is*
    /// the history chain's hash, so it is not computed twice; from the first event passed over (a time-travel
    /// scope, an unknown type) it is chained on its own over the events folded.
    struct Chains: Sendable {
        /// The chain over every event read.
        private(set) var history = HistoryChain()
        /// The used-events hash once it parted from the history chain; `nil` while every event read was folded.
        private var usedOnItsOwn: HistoryHash?

        /// The chain over exactly the events folded.
        var usedEventsHash: HistoryHash { usedOnItsOwn ?? history.head.hash }

        /// The chains before any event.
        init() {}

        /// The chains continued from a point of the history: `history` over every event read up to it, and
        /// `usedOnItsOwn`, the used-events hash there when it parted from the history chain (`nil` while every
        /// event read was folded).
        init(history: HistoryChain, usedOnItsOwn: HistoryHash?) {
            self.history = history
            self.usedOnItsOwn = usedOnItsOwn
        }

        /// Chains the next event read, whose canonical bytes are `canonical`; `folded`: whether the replay folds
        /// it (a known type, inside the scope).
        mutating func append(_ event: RecordedEvent, canonical: UnsafeRawBufferPointer, folded: Bool) {
            if usedOnItsOwn == nil, !folded { usedOnItsOwn = history.head.hash }
            history.append(event, canonical: canonical)
            if folded, let used = usedOnItsOwn {
                usedOnItsOwn = LedgerModel.chainUsed(event, after: used, canonical: canonical)
            }
        }
    }

    /// The chains after the pages taken.
    private(set) var chains = Chains()
    /// One digest per event read (``ReportProvenance/digest(canonical:)``), in global order.
    private(set) var digests: [UInt64] = []

    /// Nothing witnessed yet.
    init() {}

    /// The witness of a history read up to a point (``ReportStart``): its chains there, and one digest per event
    /// read up to there.
    init(chains: Chains, digests: [UInt64]) {
        self.chains = chains
        self.digests = digests
    }

    /// The last event read and the history chain's hash after it (``HistoryAnchor/genesis`` before any).
    var head: HistoryAnchor { chains.history.head }
    /// The chain over exactly the events folded.
    var usedEventsHash: HistoryHash { chains.usedEventsHash }

    /// Takes the digests of the next page.
    mutating func take(_ page: PageWitness) {
        digests.append(contentsOf: page.digests)
    }

    /// Takes the chains after the last page taken.
    mutating func finish(with chains: Chains) {
        self.chains = chains
    }
}
