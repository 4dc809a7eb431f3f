import Foundation

extension CompetenceLedger {
    /// Appends a history recorded elsewhere — an export of another store — keeping every envelope field:
    /// event ids, streams and versions, global order, occurred and recorded times, metadata and payload bytes.
    /// The same rules as ``record(_:ids:metadata:)`` decide what may enter; nothing is encoded again.
    ///
    /// Promises:
    /// - **Validated as a whole first**: every event not stored already is checked against the state caught up
    ///   from the store with the history's earlier events folded in — the catalogue's rules, the text rules,
    ///   that the event lies in its own stream and (for a dated event) occurred at the start of its day. The
    ///   history is judged append by append, as the ledger judged it when it was recorded: the events of one
    ///   original append (consecutive, with one recorded time) in any order the rules accept, since a store
    ///   numbers an append's events stream by stream. The first refused event throws, and **nothing of the
    ///   history is appended**.
    /// - **Typed**: an event whose type this build does not know is refused
    ///   (``RecordingError/notInCatalogue(eventIndex:type:)``) unless `allowingUnknownTypes`, which appends it
    ///   unchecked (its payload cannot be read).
    /// - **Order kept**: the batches are appended one by one, each in one atomic append with the expected
    ///   versions the caller gives (`.exact(v)` for a history that must continue each stream exactly); a batch
    ///   whose events are all stored already is recognised by the store and adds nothing. A conflict is not
    ///   retried: the target holds a different history.
    ///
    /// - Parameters:
    ///   - batches: the history in order, as consecutive atomic appends; flattening them gives the history's
    ///     order (event `i` of the flattening is the `eventIndex` of an error).
    ///   - allowingUnknownTypes: append events of types outside the catalogue unchecked instead of refusing them.
    ///   - progress: called after each batch with the number of events done.
    /// - Returns: the store's results of every batch, in order.
    /// - Throws: ``LedgerValidationError`` or ``RecordingError`` for a refused event, `WrongExpectedVersionError`
    ///   for a share that does not continue its stream in the target (nothing appended); `EventStoreError` or
    ///   `WrongExpectedVersionError` from the store when another writer changed the target meanwhile (the
    ///   batches before it are appended).
    public func recordHistory(
        _ batches: [[StreamAppend]], allowingUnknownTypes: Bool = false,
        progress: @Sendable (_ eventsDone: Int) -> Void = { _ in }
    ) async throws -> [AppendResult] {
        await acquire()
        defer { release() }
        try await catchUp()
        try validateHistory(batches, allowingUnknownTypes: allowingUnknownTypes)
        var results: [AppendResult] = []
        var done = 0
        for batch in batches {
            results += try await store.append(batch)
            done += batch.reduce(0) { $0 + $1.events.count }
            progress(done)
        }
        return results
    }

    /// One event of a history being validated: where it is in the history and where it will land.
    private struct Pending {
        var index: Int
        var event: NewEvent
        var stream: StreamName
        var version: Int64
    }

    /// Checks every new event of the history against the state with the history's earlier events folded in.
    ///
    /// The ledger validated each original append as one call, in the call's order, but a store numbers an
    /// append's events stream by stream: an answer can lie before the registration of its respondent. So
    /// the history is validated **append by append** — a run of consecutive events with the same recorded
    /// time, which every event of one append shares — and within one append in an order the rules accept:
    /// events whose rules fail wait until the others of their append are folded, and only an event that no
    /// order admits is refused (the first of them by position).
    private func validateHistory(_ batches: [[StreamAppend]], allowingUnknownTypes: Bool) throws {
        let now = clock()
        let today = CalendarDate(containing: now)
        var pending = recorder
        // Versions first: each new share must continue its stream exactly where the target (with the shares
        // before it) leaves it, as the store will require.
        var versions: [StreamName: Int64] = [:]
        var appends: [[Pending]] = []
        var index = -1
        var lastRecordedAt: Date?
        for share in batches.joined() {
            let stored = share.events.first.map { pending.event($0.id) != nil } ?? true
            var version = versions[share.stream] ?? pending.version(of: share.stream)
            if !stored { try share.expectedVersion.check(stream: share.stream, currentVersion: version) }
            for event in share.events {
                index += 1
                // Stored already: a repeated import. The store checks that it lies where the history says.
                if pending.event(event.id) != nil { continue }
                version += 1
                let item = Pending(index: index, event: event, stream: share.stream, version: version)
                if let recordedAt = event.recordedAt, recordedAt == lastRecordedAt, !appends.isEmpty {
                    appends[appends.count - 1].append(item)
                } else {
                    appends.append([item])
                }
                lastRecordedAt = event.recordedAt
            }
            versions[share.stream] = version
        }
        for append in appends {
            var waiting: [(item: Pending, event: CompetenceEvent?)] = []
            for item in append {
                waiting.append((item, try decodeAndCheck(item, allowingUnknownTypes: allowingUnknownTypes)))
            }
            while !waiting.isEmpty {
                var refusals: [LedgerValidationError] = []
                var still: [(item: Pending, event: CompetenceEvent?)] = []
                for entry in waiting {
                    if let decoded = entry.event {
                        do throws(Violation) {
                            try Checker.validate(decoded, against: pending, today: today)
                        } catch {
                            refusals.append(
                                LedgerValidationError(
                                    eventIndex: entry.item.index, eventType: entry.item.event.type,
                                    field: error.field, value: error.value, reason: error.reason))
                            still.append(entry)
                            continue
                        }
                    }
                    let recorded = RecordedEvent(
                        entry.item.event, stream: entry.item.stream, version: entry.item.version,
                        position: pending.checkpoint + 1, recordedAt: now)
                    pending.fold(recorded, event: entry.event)
                }
                // No event of the append could be folded: none of those left is admitted in any order. The refusal
                // shown is that of the first definition left (the others of the append usually refer to it),
                // else of the first event left.
                if still.count == waiting.count, let first = refusals.first {
                    let definition = zip(still, refusals).first { entry, _ in
                        entry.event.map { type(of: $0.payload).isDefinition } ?? false
                    }
                    throw definition?.1 ?? first
                }
                waiting = still
            }
        }
    }

    /// Decodes a history event and checks what does not depend on the order of its append: its metadata's
    /// text, that its type is known (or allowed unknown), its stream and its day. `nil`: an allowed unknown type.
    private func decodeAndCheck(_ item: Pending, allowingUnknownTypes: Bool) throws -> CompetenceEvent? {
        let event = item.event
        func refuse(_ field: String, _ value: String, _ reason: String) -> LedgerValidationError {
            LedgerValidationError(
                eventIndex: item.index, eventType: event.type, field: field, value: value, reason: reason)
        }
        do throws(Violation) {
            try Checker.validate(event.metadata)
        } catch {
            throw refuse(error.field, error.value, error.reason)
        }
        let decoded: CompetenceEvent?
        do {
            decoded = try CompetenceEvent.codec.decode(
                type: event.type, schemaVersion: event.schemaVersion, payload: event.payload)
        } catch {
            throw refuse("payload", event.type, "does not decode: \(error.reason)")
        }
        guard let decoded else {
            if allowingUnknownTypes { return nil }
            throw RecordingError.notInCatalogue(eventIndex: item.index, type: event.type)
        }
        let payload = decoded.payload
        guard payload.stream == item.stream else {
            throw refuse(
                "stream", item.stream.rawValue,
                "is not the stream of this \(event.type), which belongs in '\(payload.stream)'")
        }
        if let day = payload.occurredOn, event.occurredAt != day.startOfDay {
            throw refuse(
                "occurredAt", EventTime.format(event.occurredAt),
                "is not the start (UTC) of the event's day \(day), where the ledger records a dated event")
        }
        return decoded
    }
}
