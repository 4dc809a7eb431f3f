import Foundation

/// The outcome of folding a store into a projection.
public struct Replayed<State: Sendable>: Sendable {
    /// The folded state.
    public var state: State
    /// The checkpoint: the last global position read (fold again from `checkpoint + 1` to resume).
    public var checkpoint: Int64
    /// Events read from the store.
    public var eventsRead: Int
    /// Events folded (read, known to the catalogue, and inside the scope).
    public var eventsFolded: Int
    /// Events passed over because their type is not in this version's catalogue. (A known type whose
    /// payload does not decode stops the replay with an ``EventDecodingError`` instead.)
    public var unknownEvents: Int
}

/// Replays a store into projections: one pass over the log in global order, decoding each event once,
/// passing over unknown types, honouring a ``ReplayScope``, resuming from a checkpoint, following live.
public struct ProjectionRunner: Sendable {
    /// The store replayed.
    public let store: any EventStore
    /// Events per page read from the store.
    public var pageSize: Int

    /// Creates a runner over a store.
    public init(store: any EventStore, pageSize: Int = 4096) {
        self.store = store
        self.pageSize = pageSize
    }

    /// Folds the store's events in `scope` into `projection`, starting after `checkpoint` with `state`
    /// (the initial state when `nil`).
    ///
    /// The log is read a page at a time; while one page is folded, the next is decoded (in two halves at once)
    /// and the one after it read, so reading, decoding and folding overlap. Events are still folded one by one
    /// in global order, and none after `through` or after one that does not decode.
    ///
    /// - Parameters:
    ///   - through: stop after this position as well (whatever the scope says); `nil`: the scope decides.
    ///   - observing: called with every event read, in scope or not, before it is folded; `nil` (the default):
    ///     nothing is called, and no event is copied to be handed over.
    public func replay<P: Projection>(
        _ projection: P, scope: ReplayScope = .everything, resumingFrom checkpoint: Int64 = 0, state: P.State? = nil,
        through: Int64? = nil, observing: ((RecordedEvent) throws -> Void)? = nil
    ) async throws -> Replayed<P.State> {
        try await replay(
            projection, scope: scope, resumingFrom: checkpoint, state: state, through: through, observing: observing,
            witnessing: nil
        ).replayed
    }

    /// ``replay(_:scope:resumingFrom:state:through:observing:)`` of the log from its first event, also witnessing
    /// the history read (``HistoryWitness``: the history chain, a digest per event, the used-events hash) for
    /// report provenance. The witness is made in the reading task, a page ahead of the fold (``PageWitness``), and
    /// covers exactly the events the replay reads.
    ///
    /// - Throws: as the replay, and ``HistoryChainError`` at the first event read that has no canonical form.
    func replayWitnessing<P: Projection>(
        _ projection: P, scope: ReplayScope, through: Int64?
    ) async throws -> (replayed: Replayed<P.State>, witness: HistoryWitness) {
        try await replay(
            projection, scope: scope, resumingFrom: 0, state: nil, through: through, observing: nil,
            witnessing: HistoryWitness())
    }

    /// ``replayWitnessing(_:scope:through:)`` of the ledger's own projection, starting from `start` (the ledger's
    /// snapshot, or the genesis: ``ReportStart``) and witnessing the events after it, its witness continued.
    func replayWitnessing(
        _ projection: LedgerModel, scope: ReplayScope, through: Int64?, from start: ReportStart
    ) async throws -> (replayed: Replayed<LedgerState>, witness: HistoryWitness) {
        try await replay(
            projection, scope: scope, resumingFrom: start.position, state: start.state, through: through,
            observing: nil, witnessing: start.witness)
    }

    /// The one replay loop: folds the pages read, and takes each page's witness when `witnessing` (the witness of
    /// the history up to `checkpoint`, which the pages' continue).
    private func replay<P: Projection>(
        _ projection: P, scope: ReplayScope, resumingFrom checkpoint: Int64, state: P.State?, through: Int64?,
        observing: ((RecordedEvent) throws -> Void)?, witnessing start: HistoryWitness?
    ) async throws -> (replayed: Replayed<P.State>, witness: HistoryWitness) {
        var result = Replayed(
            state: state ?? projection.initialState(), checkpoint: checkpoint, eventsRead: 0, eventsFolded: 0,
            unknownEvents: 0)
        var witness = start ?? HistoryWitness()
        let last = scope.lastPosition(through: through)
        let head = try await store.headPosition()
        projection.reserve(&result.state, forEvents: Int(max(0, min(last, head) - checkpoint)))
        let request = LogReadRequest(store: store, from: checkpoint + 1, filter: .all, pageSize: pageSize)
        var pages = DecodedPages(
            request, through: last, witnessing: start == nil ? nil : scope, continuing: witness.chains)
        defer { pages.cancel() }
        while let page = try await pages.next() {
            if let pageWitness = page.witness { witness.take(pageWitness) }
            try fold(page, through: last, into: projection, scope: scope, observing: observing, result: &result)
        }
        if start != nil { witness.finish(with: await pages.chains()) }
        return (result, witness)
    }

    /// Folds the events of `page` up to position `last`; throws the page's decoding failure, or its witness's,
    /// at the event where it stops.
    ///
    /// Specialised for the ledger's own projection (every command and report replays it). The replay that calls
    /// it is generic, async and reached from other modules, and `@_specialize` makes no specialisation of an
    /// async function: a fold there looked up the metadata of `Replayed<P.State>` and applied each event through
    /// the projection's witness table. This synchronous loop is specialised, and the generic one dispatches to
    /// it.
    @_specialize(exported:false,where P == LedgerModel)
    private func fold<P: Projection>(
        _ page: DecodedPage, through last: Int64, into projection: P, scope: ReplayScope,
        observing: ((RecordedEvent) throws -> Void)?, result: inout Replayed<P.State>
    ) throws {
        let unwitnessed = page.witness?.failure
        // Through the buffer, so that each event is read in place: a copy out of the array retained every
        // reference it holds (its type, stream, payload and metadata), most of a replay's retains.
        try page.events.withUnsafeBufferPointer { events in
            try page.decoded.withBuffers { decoded in
                for index in events.indices where events[index].position <= last {
                    guard index < page.decoded.count else { throw page.failure! }
                    // Only when asked: handing an event to a closure copies it.
                    if let observing { try observing(events[index]) }
                    fold(events[index], decoded[index], into: projection, scope: scope, result: &result)
                    if let unwitnessed, unwitnessed.index == index { throw unwitnessed.error }
                }
            }
        }
    }

    /// Folds every event after `checkpoint`, then keeps folding live events as they are appended, calling
    /// `onUpdate` once after each folded page of events (at most ``pageSize`` events; at the head of the log,
    /// whatever had arrived). The store is asked for one page per call, never once per event. Returns when
    /// the task is cancelled.
    public func follow<P: Projection>(
        _ projection: P, resumingFrom checkpoint: Int64 = 0, state: P.State? = nil,
        onUpdate: @Sendable (Replayed<P.State>) async throws -> Void
    ) async throws {
        try await following(projection, resumingFrom: checkpoint, state: state, onPage: onUpdate)
    }

    /// ``follow(_:resumingFrom:state:onUpdate:)``, calling `onPage` after each folded page.
    func following<P: Projection>(
        _ projection: P, resumingFrom checkpoint: Int64, state: P.State?,
        onPage: (Replayed<P.State>) async throws -> Void
    ) async throws {
        var result = Replayed(
            state: state ?? projection.initialState(), checkpoint: checkpoint, eventsRead: 0, eventsFolded: 0,
            unknownEvents: 0)
        let request = LogReadRequest(store: store, from: checkpoint + 1, filter: .all, pageSize: pageSize)
        var next = request.start
        while !Task.isCancelled {
            let page = try await request.page(from: next)
            guard let last = page.events.last else {
                next = max(next, page.nextPosition)
                do {
                    try await store.waitForEvents(from: next)
                } catch is CancellationError {
                    return
                }
                continue
            }
            for recorded in page.events {
                try fold(recorded, into: projection, scope: .everything, result: &result)
            }
            next = max(page.nextPosition, last.position + 1)
            try await onPage(result)
        }
    }

    private func fold<P: Projection>(
        _ recorded: RecordedEvent, into projection: P, scope: ReplayScope, result: inout Replayed<P.State>
    ) throws(EventDecodingError) {
        // A known type whose payload does not decode is damage, not news: it stops the replay with an
        // EventDecodingError naming the position.
        let event = try recorded.decoded()
        fold(recorded, event, into: projection, scope: scope, result: &result)
    }

    /// Folds one event already decoded (`nil`: a type outside the catalogue, passed over).
    @inline(__always)
    private func fold<P: Projection>(
        _ recorded: RecordedEvent, _ event: CompetenceEvent?, into projection: P, scope: ReplayScope,
        result: inout Replayed<P.State>
    ) {
        result.eventsRead += 1
        result.checkpoint = recorded.position
        // Matched, not compared with `nil` or bound by `guard let`: each of those copied the event.
        switch event {
        case .none:
            result.unknownEvents += 1
        case .some(let folded):
            guard scope.folds(recorded, event) else { return }
            projection.apply(folded, recorded: recorded, to: &result.state)
            result.eventsFolded += 1
        }
    }
}
