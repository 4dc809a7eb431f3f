import CompetenceCore
import Foundation

/// Appends an exported history to a store, keeping event ids, stream versions, global order, occurred times
/// and metadata. The target store gives each event its own recorded time.
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

    /// An appender of the history read from `file` to `store`.
    package init(store: any EventStore, file: String) {
        self.store = store
        self.file = file
    }

    /// What an import did.
    package struct Outcome: Sendable {
        /// Events written now.
        package var appended = 0
        /// Events that were stored already (a repeated import).
        package var alreadyStored = 0
        /// Atomic appends made.
        package var batches = 0

        /// One line for people about the import of `file` into the store named `storeName`.
        package func summary(file: String, storeName: String) -> String {
            if appended == 0 {
                return "\(file): all \(alreadyStored) events are already in \(storeName); nothing added"
            }
            return "\(file): appended \(appended) events to \(storeName) "
                + "in \(batches) atomic append\(batches == 1 ? "" : "s")"
                + (alreadyStored > 0 ? " (\(alreadyStored) were already there)" : "")
        }
    }

    /// The consecutive batches of `events`, each valid as one append.
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

    /// Appends the events batch by batch, calling `progress` with the events done so far.
    package func append(_ entries: [HistoryReader.Entry], progress: (Int) -> Void = { _ in }) async throws -> Outcome {
        var outcome = Outcome()
        var done = 0
        for batch in Self.batches(entries) {
            let results: [AppendResult]
            do {
                results = try await store.append(batch)
            } catch let error as WrongExpectedVersionError {
                let firstID = batch.first { $0.stream == error.stream }?.events.first?.id
                let entry = entries.first { $0.event.id == firstID }
                throw HistoryError.conflict(
                    file: file, line: entry?.line ?? 0,
                    reason: "stream '\(error.stream)' is at version \(error.actual) in the target store, but the file "
                        + "continues it from version \(entry.map { $0.event.version - 1 } ?? 0); "
                        + "the target holds a different history"
                )
            }
            for result in results {
                if result.wasAlreadyStored {
                    outcome.alreadyStored += result.events.count
                } else {
                    outcome.appended += result.events.count
                }
            }
            outcome.batches += 1
            done += batch.reduce(0) { $0 + $1.events.count }
            progress(done)
        }
        return outcome
    }

    private static func proposal(_ event: RecordedEvent) -> NewEvent {
        NewEvent(
            id: event.id, type: event.type, schemaVersion: event.schemaVersion, occurredAt: event.occurredAt,
            metadata: event.metadata, payload: event.payload)
    }
}
