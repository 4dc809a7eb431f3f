import Foundation

/// The recorder: validates events against everything recorded so far, then appends them atomically.
///
/// Promises:
/// - **Validated**: every event of a call is checked against the state caught up from the store and
///   against the events before it in the same call (the rules are listed per event type in
///   `Docs/Event-Catalogue.md`). The first refused event throws ``LedgerValidationError`` naming the event,
///   field, value and reason, and nothing of the call is appended.
/// - **Atomic**: a call's events land in one multi-stream append, all or nothing.
/// - **Idempotent**: a call whose event ids are all recorded already appends nothing and returns
///   `alreadyRecorded` (before any validation, so a re-import adds nothing instead of failing); a call
///   with some recorded and some new ids is refused with ``RecordingError/partiallyRecorded(recorded:new:)``.
/// - **Safe with concurrent recorders**: each append expects the versions of its streams that validation
///   saw. When another writer moved one of them, the ledger catches up, validates again against the new
///   state and retries; a rule that the other write made false is then enforced.
///
/// - **Personal data sealed**: every ``Personal`` value of an event (plan descriptions, comments, notes,
///   stakeholder names) is sealed with its subject's key from the ledger's ``SubjectKeyStore`` before the
///   event is appended; the store never receives it in clear. A call with personal data on a ledger without
///   a key store is refused with ``RecordingError/personalDataWithoutKeyStore(subjects:)``.
///
/// Rules that span streams (for example an answer in a round stream and the withdrawal of its organisation
/// in the organisation stream) are checked against the state caught up just before the append; expected
/// versions guard the streams the call writes to.
///
/// With a ``CheckpointStore`` (`checkpoints:`), the validation state is checkpointed beside the log: the ledger
/// starts from the last snapshot when it is intact, of this build and of this store's history — else it
/// rebuilds from the log (``snapshotUse`` says which, and why) — and saves a new one after a recording once
/// enough events were added since. A long history is then not replayed before every import.
public actor CompetenceLedger {
    /// How many attempts a call makes at least before it gives up on version conflicts.
    public static let maxAttempts = 16
    /// How long a call keeps retrying after version conflicts, by default, before it gives up (see
    /// ``init(store:keys:encoding:recordedBy:clock:checkpoints:checkpointInterval:checkpointGrowth:conflictPatience:)``).
    public static let defaultConflictPatience = Duration.seconds(30)
    /// The growth of the history, as a fraction of what the last snapshot covers, after which a recording saves
    /// a new snapshot, by default (see `checkpointGrowth` in
    /// ``init(store:keys:encoding:recordedBy:clock:checkpoints:checkpointInterval:checkpointGrowth:conflictPatience:)``).
    public static let defaultCheckpointGrowth = 0.05

    let store: any EventStore
    let keys: (any SubjectKeyStore)?
    private let encoding: PayloadEncoding
    private let recordedBy: String?
    let clock: @Sendable () -> Date
    var recorder = RecorderState()
    /// Where validation state is checkpointed, if anywhere.
    let checkpoints: (any CheckpointStore)?
    /// When a snapshot is saved after a recording.
    let checkpointSchedule: CheckpointSchedule
    /// How long a call at least keeps retrying after version conflicts.
    let conflictPatience: Duration
    /// Whether the first catch-up has looked for a snapshot yet.
    var lookedForSnapshot = false
    /// The position of the last snapshot loaded or saved.
    var snapshotPosition: Int64 = 0
    /// The history chain over the events folded, at ``RecorderState/checkpoint`` (the key of the next snapshot);
    /// `nil` without checkpoints, or when an event had no canonical form.
    var historyChain: HistoryChain?
    /// What the ledger started from: a snapshot, or the log (and why); ``SnapshotUse/notCheckpointed`` without
    /// checkpoints or before the first call.
    public internal(set) var snapshotUse = SnapshotUse.notCheckpointed
    /// One call at a time catches up, validates and appends: calls into the same ledger never race each
    /// other (the actor alone would interleave them at every `await`).
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Creates a ledger over a store.
    ///
    /// - Parameters:
    ///   - store: where the events are appended and read back from.
    ///   - keys: where the keys of data subjects are kept; needed to record personal data, which it seals.
    ///     `nil`: the store's own key store when it holds one (``SubjectKeyHolding``: every store of this
    ///     package); otherwise calls holding personal data are refused.
    ///   - encoding: how payloads are written (`.json`, the exchange format, or `.compact`).
    ///   - recordedBy: put into each event's metadata when the caller's metadata does not name anyone.
    ///   - clock: today's date for the "not in the future" rule, and `occurredAt` of definitions without a day.
    ///   - checkpoints: where to keep snapshots of the validation state (usually the store itself, when it is a
    ///     ``CheckpointStore``); `nil` to replay the log on every start.
    ///   - checkpointInterval: a snapshot is saved after a recording only when at least this many events were
    ///     added since the last one (and the history grew by `checkpointGrowth`).
    ///   - checkpointGrowth: a snapshot is saved after a recording only when the history grew by at least this
    ///     fraction of the events the last snapshot covers (and by `checkpointInterval` events). A snapshot holds
    ///     the whole validation state, so saving one after every import of a long history would rewrite it whole
    ///     each time; with the default 5 %, it is rewritten once per 5 % of growth, and the next start catches up
    ///     at most that many events (plus the last call's) after it. `0`: `checkpointInterval` alone decides.
    ///   - conflictPatience: a call that keeps losing version conflicts to other writers gives up with
    ///     ``RecordingError/tooManyConflicts(attempts:last:)`` only once it has made ``maxAttempts`` attempts
    ///     **and** this much time has passed since its first: on a loaded machine a neighbour's burst of calls
    ///     can outlast a fixed number of quick retries.
    public init(
        store: any EventStore, keys: (any SubjectKeyStore)? = nil, encoding: PayloadEncoding = .json,
        recordedBy: String? = nil, clock: @escaping @Sendable () -> Date = { Date() },
        checkpoints: (any CheckpointStore)? = nil, checkpointInterval: Int = 10_000,
        checkpointGrowth: Double = CompetenceLedger.defaultCheckpointGrowth,
        conflictPatience: Duration = CompetenceLedger.defaultConflictPatience
    ) {
        self.store = store
        self.keys = keys ?? store.heldSubjectKeys
        self.encoding = encoding
        self.recordedBy = recordedBy
        self.clock = clock
        self.checkpoints = checkpoints
        self.checkpointSchedule = CheckpointSchedule(minimumEvents: checkpointInterval, growth: checkpointGrowth)
        self.conflictPatience = conflictPatience
        if checkpoints != nil { recorder = .snapshotting() }
    }

    /// The ledger's state, caught up with every event in the store.
    public func state() async throws -> LedgerState {
        await acquire()
        defer { release() }
        try await catchUp()
        return recorder.ledger
    }

    /// Records one event. See ``record(_:ids:metadata:)``.
    @discardableResult
    public func record(
        _ event: some LedgerEvent, id: UUID = UUID(), metadata: EventMetadata = .none
    ) async throws
        -> RecordingReceipt
    {
        try await record([event], ids: [id], metadata: [metadata])
    }

    /// Validates every event against the current state (caught up from the store) and against the events
    /// before it in the same call, then appends them all in one atomic multi-stream append with expected
    /// versions; retries on ``WrongExpectedVersionError`` when validation against the new state still passes.
    ///
    /// - Parameters:
    ///   - events: the events to record, in order; each must be a type of the catalogue.
    ///   - ids: one event id per event (the idempotency keys); random ids when `nil`.
    ///   - metadata: one metadata per event; when a call of several events gives no correlation id, the first
    ///     event's id correlates them.
    /// - Throws: ``LedgerValidationError`` for a refused event; ``RecordingError`` for a malformed or partly
    ///   repeated call or persisting conflicts; the store's errors. Nothing is appended when it throws.
    @discardableResult
    public func record(
        _ events: [any LedgerEvent], ids: [UUID]? = nil, metadata: [EventMetadata]? = nil
    ) async throws
        -> RecordingReceipt
    {
        let typed = try Self.catalogued(events)
        let ids = ids ?? events.map { _ in UUID() }
        try Self.checkShape(events, ids: ids, metadata: metadata)
        await acquire()
        defer { release() }
        var proposed: [NewEvent]?
        var attempt = 0
        let clock = ContinuousClock()
        let started = clock.now
        while true {
            attempt += 1
            try await catchUp()
            if let receipt = try receiptIfRecorded(ids) { return receipt }
            let expected = try validate(typed, ids: ids)
            let encoded: [NewEvent]
            if let proposed {
                encoded = proposed
            } else {
                encoded = try propose(events, ids: ids, metadata: metadata, sealer: try await sealer(for: events))
            }
            proposed = encoded
            do {
                let results = try await store.append(
                    Self.appends(encoded, streams: typed.map(\.payload.stream), expected: expected))
                let receipt = RecordingReceipt(
                    results: results, alreadyRecorded: results.allSatisfy(\.wasAlreadyStored),
                    lastPosition: results.lazy.flatMap(\.positions).max() ?? 0)
                try await saveSnapshotIfDue(after: receipt.lastPosition)
                return receipt
            } catch let conflict as WrongExpectedVersionError {
                if attempt >= Self.maxAttempts, started.duration(to: clock.now) >= conflictPatience {
                    throw RecordingError.tooManyConflicts(attempts: attempt, last: conflict)
                }
                // Another recorder won the race; let it move on before validating again. The wait is random, up
                // to 0.1 ms · 2^attempt but at most 20 ms: a loser that waited longer and longer would miss
                // every turn while a neighbour with a queue of calls starts each call afresh, so it is the
                // patience, not a growing wait, that outlasts a burst.
                try await Task.sleep(for: Self.backoff(after: attempt))
            }
        }
    }

    /// The longest wait between two attempts after a version conflict, in microseconds (20 ms).
    static let maxBackoffMicroseconds = 20_000

    /// A random wait before the attempt after `attempt`: up to 0.1 ms · 2^`attempt`, at most
    /// ``maxBackoffMicroseconds``.
    static func backoff(after attempt: Int) -> Duration {
        .microseconds(Int.random(in: 0...min(100 << min(attempt, 20), maxBackoffMicroseconds)))
    }

    // MARK: Steps of a recording

    func acquire() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
    }

    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Folds the store's events after the last one seen (starting, the first time, from a snapshot when
    /// there is a usable one). The next page is read and decoded while the current one is folded.
    func catchUp() async throws {
        if !lookedForSnapshot {
            lookedForSnapshot = true
            try await restoreSnapshot()
        }
        let request = LogReadRequest(store: store, from: recorder.checkpoint + 1, filter: .all, pageSize: 4096)
        var pages = DecodedPages(request)
        defer { pages.cancel() }
        while let page = try await pages.next() {
            try page.decoded.withBuffers { decoded in
                for (index, recorded) in page.events.enumerated() {
                    guard index < page.decoded.count else { throw page.failure! }
                    recorder.fold(recorded, event: decoded[index], continuing: &historyChain)
                }
            }
        }
    }

    /// The events as catalogue values, or an error for a type outside the catalogue.
    private static func catalogued(_ events: [any LedgerEvent]) throws(RecordingError) -> [CompetenceEvent] {
        guard !events.isEmpty else { throw .noEvents }
        var typed: [CompetenceEvent] = []
        typed.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            guard let catalogued = CompetenceEvent(event) else {
                throw .notInCatalogue(eventIndex: index, type: Swift.type(of: event).eventType)
            }
            typed.append(catalogued)
        }
        return typed
    }

    /// Refuses ids or metadata that do not match the events one to one.
    private static func checkShape(
        _ events: [any LedgerEvent], ids: [UUID], metadata: [EventMetadata]?
    ) throws(RecordingError) {
        guard ids.count == events.count else {
            throw .countMismatch(argument: "ids", expected: events.count, actual: ids.count)
        }
        if let metadata, metadata.count != events.count {
            throw .countMismatch(argument: "metadata", expected: events.count, actual: metadata.count)
        }
        var seen = Set<UUID>()
        for id in ids where !seen.insert(id).inserted { throw .duplicateEventID(id) }
    }

    /// A sealer holding the keys of every subject the events' unsealed personal data is about (created in the
    /// key store when missing, before anything is appended); `nil` when there is nothing to seal.
    private func sealer(for events: [any LedgerEvent]) async throws -> PersonalDataSealer? {
        let subjects = try PersonalDataSealer.subjectsToSeal(in: events)
        guard !subjects.isEmpty else { return nil }
        guard let keys else { throw RecordingError.personalDataWithoutKeyStore(subjects: subjects.sorted()) }
        return PersonalDataSealer(keys: try await keys.keys(for: subjects))
    }

    /// The events encoded for the store, with metadata completed and personal data sealed.
    private func propose(
        _ events: [any LedgerEvent], ids: [UUID], metadata: [EventMetadata]?, sealer: PersonalDataSealer?
    ) throws -> [NewEvent] {
        let now = clock()
        return try events.indices.map { index in
            var meta = metadata?[index] ?? .none
            if meta.recordedBy == nil { meta.recordedBy = recordedBy }
            if meta.correlationID == nil, events.count > 1 { meta.correlationID = ids[0] }
            do throws(Violation) {
                try Checker.validate(meta)
            } catch {
                throw LedgerValidationError(
                    eventIndex: index, eventType: type(of: events[index]).eventType, field: error.field,
                    value: error.value, reason: error.reason)
            }
            return try events[index].proposed(
                id: ids[index], encoding: encoding, metadata: meta, now: now, sealer: sealer)
        }
    }

    /// The receipt of an earlier recording when every id is recorded; `nil` when none is.
    private func receiptIfRecorded(_ ids: [UUID]) throws(RecordingError) -> RecordingReceipt? {
        let stored = ids.map { recorder.event($0) }
        let recorded = zip(ids, stored).filter { $0.1 != nil }.map(\.0)
        if recorded.isEmpty { return nil }
        guard recorded.count == ids.count else {
            throw .partiallyRecorded(recorded: recorded, new: zip(ids, stored).filter { $0.1 == nil }.map(\.0))
        }
        var results: [AppendResult] = []
        for (id, event) in zip(ids, stored) {
            guard let event else { continue }
            let landed = AppendedEvent(id: id, version: event.version, position: event.position)
            if let index = results.firstIndex(where: { $0.stream == event.stream }) {
                results[index].events.append(landed)
            } else {
                results.append(AppendResult(stream: event.stream, events: [landed], wasAlreadyStored: true))
            }
        }
        return RecordingReceipt(
            results: results, alreadyRecorded: true, lastPosition: stored.lazy.compactMap { $0?.position }.max() ?? 0)
    }

    /// Validates each event against the state with the call's earlier events folded in; returns the version
    /// of each stream of the call that validation saw.
    private func validate(_ events: [CompetenceEvent], ids: [UUID]) throws -> [StreamName: Int64] {
        let now = clock()
        let today = CalendarDate(containing: now)
        var pending = recorder
        // Validation never reads the replay log (it is kept for snapshots): folding into the shared one would
        // copy it whole.
        pending.ledger.replayLog = ReplayLog(kept: false)
        var expected: [StreamName: Int64] = [:]
        for (index, event) in events.enumerated() {
            do {
                try Checker.validate(event, against: pending, today: today)
            } catch {
                throw LedgerValidationError(
                    eventIndex: index, eventType: type(of: event.payload).eventType, field: error.field,
                    value: error.value,
                    reason: error.reason)
            }
            let stream = event.payload.stream
            if expected[stream] == nil { expected[stream] = recorder.version(of: stream) }
            if index < events.count - 1 {
                // Folded with a stand-in envelope (the real id, no payload): only the next events' validation sees it.
                let recorded = RecordedEvent(
                    id: ids[index], stream: stream, version: pending.version(of: stream) + 1,
                    position: pending.checkpoint + 1,
                    type: type(of: event.payload).eventType, schemaVersion: type(of: event.payload).schemaVersion,
                    occurredAt: now, recordedAt: now, metadata: .none,
                    payload: EventPayload(encoding: .json, bytes: Data()))
                pending.fold(recorded, event: event)
            }
        }
        return expected
    }

    /// The call's events grouped by stream, in the order of each stream's first event, each share expecting
    /// the version validation saw.
    package static func appends(
        _ events: [NewEvent], streams: [StreamName], expected: [StreamName: Int64]
    ) -> [StreamAppend] {
        var appends: [StreamAppend] = []
        // Where each stream's append is, so that a call of many streams (a survey file registers thousands of
        // persons) is not a scan of every append per event.
        var part: [StreamName: Int] = [:]
        for (event, stream) in zip(events, streams) {
            if let index = part[stream] {
                appends[index].events.append(event)
            } else {
                part[stream] = appends.count
                appends.append(
                    StreamAppend(stream: stream, expectedVersion: .exact(expected[stream] ?? 0), events: [event]))
            }
        }
        return appends
    }
}
