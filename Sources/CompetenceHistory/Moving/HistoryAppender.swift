import CompetenceCore
import Foundation

/// Appends an exported history to a store through the ledger's validation, keeping event ids, stream
/// versions, global order, occurred and recorded times and metadata.
///
/// Every event is checked with the ledger's rules (`CompetenceLedger.recordHistory`, the one validation place)
/// before anything is appended: a refused event is named by its line and nothing of the file lands.
///
/// Global order and atomicity pull against each other: one append may name each stream only once, and its
/// events get positions stream by stream. So the history is cut into the fewest consecutive **batches** in
/// which no stream reappears after another one — at most the original appends — and each batch is one
/// atomic append whose streams must be exactly at the version before the batch (a different history in the
/// target is refused, not merged). A history whose streams never interleave is a single atomic append. If a
/// later batch fails (a lost connection), the target holds a whole prefix of the history; running the same
/// import again appends the rest, since batches already stored are recognised by their event ids.
package struct HistoryAppender: Sendable {
    /// The store appended to.
    package let store: any EventStore
    /// The file, for messages.
    package let file: String
    /// Whether events of types this build does not know are appended unchecked (otherwise they are refused).
    package let allowsUnknownTypes: Bool

    /// An appender of the history read from `file` to `store`.
    package init(store: any EventStore, file: String, allowsUnknownTypes: Bool = false) {
        self.store = store
        self.file = file
        self.allowsUnknownTypes = allowsUnknownTypes
    }

    /// What an import did.
    package struct Outcome: Sendable {
        /// Events written now.
        package var appended = 0
        /// Events that were stored already (a repeated import).
        package var alreadyStored = 0
        /// Atomic appends made.
        package var batches = 0
        /// What the file's history chain said.
        package var chain = HistoryReader.Chain.unchained

        /// Lines for people about the import of `file` into the store named `storeName`.
        package func summary(file: String, storeName: String) -> String {
            var text: String
            if appended == 0 {
                text = "\(file): all \(alreadyStored) events are already in \(storeName); nothing added"
            } else {
                text =
                    "\(file): appended \(appended) events to \(storeName) "
                    + "in \(batches) atomic append\(batches == 1 ? "" : "s")"
                    + (alreadyStored > 0 ? " (\(alreadyStored) were already there)" : "")
            }
            switch chain {
            case .verified(let head): text += "\n\(file): history chain verified; head \(head)"
            case .unchained:
                text +=
                    "\n\(file): the file has no history chain (exported before chains existed): "
                    + "each line was checked, but not that none was changed, removed or reordered"
            }
            return text
        }
    }

    /// The consecutive batches of `events`, each valid as one append. Each event keeps its recorded time.
    static func batches(_ entries: [HistoryReader.Entry]) -> [[StreamAppend]] {
        var batches: [[StreamAppend]] = []
        var current: [StreamAppend] = []
        var streamsInCurrent = Set<StreamName>()
        for event in entries.map(\.event) {
            if let last = current.last, last.stream == event.stream {
                current[current.count - 1].events.append(Self.proposal(event))
                continue
            }
            if streamsInCurrent.contains(event.stream) {
                batches.append(current)
                current = []
                streamsInCurrent = []
            }
            current.append(
                StreamAppend(
                    stream: event.stream, expectedVersion: .exact(event.version - 1), events: [Self.proposal(event)]))
            streamsInCurrent.insert(event.stream)
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// Validates the whole history with the ledger's rules, then appends it batch by batch, calling
    /// `progress` with the events done so far.
    ///
    /// - Throws: ``HistoryError/refused(file:line:reason:)`` for an event the ledger refuses (nothing is
    ///   appended); ``HistoryError/conflict(file:line:reason:)`` when the target holds a different history.
    package func append(
        _ history: HistoryReader.File, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Outcome {
        let entries = history.entries
        let batches = Self.batches(entries)
        let ledger = CompetenceLedger(store: store)
        let results: [AppendResult]
        do {
            results = try await ledger.recordHistory(
                batches, allowingUnknownTypes: allowsUnknownTypes, progress: progress)
        } catch let refused as LedgerValidationError {
            let entry = entries[refused.eventIndex]
            throw HistoryError.refused(
                file: file, line: entry.line,
                reason: "\(refused.eventType) \(refused.field) '\(refused.value)' \(refused.reason); "
                    + "nothing of the file was imported")
        } catch RecordingError.notInCatalogue(let index, let type) {
            throw HistoryError.refused(
                file: file, line: entries[index].line,
                reason: "type '\(type)' is not in this build's event catalogue, so its events cannot be checked; "
                    + "nothing of the file was imported (--allow-unknown-types appends such events unchecked)")
        } catch let error as WrongExpectedVersionError {
            let entry = entries.first { entry in
                entry.event.stream == error.stream && ExpectedVersion.exact(entry.event.version - 1) == error.expected
            }
            throw HistoryError.conflict(
                file: file, line: entry?.line ?? 0,
                reason: "stream '\(error.stream)' is at version \(error.actual) in the target store, but the file "
                    + "continues it from version \(entry.map { $0.event.version - 1 } ?? 0); "
                    + "the target holds a different history")
        } catch EventStoreError.eventIDConflict(let id, let stream, let version) {
            let entry = entries.first { $0.event.id == id }
            throw HistoryError.conflict(
                file: file, line: entry?.line ?? 0,
                reason: "event \(id) is stored in the target as version \(version) of '\(stream)', not where the "
                    + "file puts it; the target holds a different history")
        }
        var outcome = Outcome(chain: history.chain)
        outcome.batches = batches.count
        for result in results {
            if result.wasAlreadyStored {
                outcome.alreadyStored += result.events.count
            } else {
                outcome.appended += result.events.count
            }
        }
        return outcome
    }

    private static func proposal(_ event: RecordedEvent) -> NewEvent {
        NewEvent(
            id: event.id, type: event.type, schemaVersion: event.schemaVersion, occurredAt: event.occurredAt,
            metadata: event.metadata, payload: event.payload, recordedAt: event.recordedAt)
    }
}
