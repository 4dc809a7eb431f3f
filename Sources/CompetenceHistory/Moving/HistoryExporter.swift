import CompetenceCore
import CompetenceOutput
import Foundation

/// Writes a store's log, or the part of it a scope selects, as history lines in global order, each with its
/// history-chain hash, and a last summary line with the count and the chain's head.
package struct HistoryExporter: Sendable {
    /// The store read.
    package let store: any EventStore
    /// Which events are written.
    package let scope: ReplayScope

    /// An exporter of `store`'s events in `scope`.
    package init(store: any EventStore, scope: ReplayScope) {
        self.store = store
        self.scope = scope
    }

    /// What an export wrote.
    package struct Outcome: Sendable, Hashable {
        /// Event lines written.
        package var count: Int
        /// The chain over the lines written: the last line's position and hash (the summary line's pair).
        package var head: HistoryAnchor
        /// Whether the lines are the store's log from position 1 without a gap: then ``head`` is the store's
        /// anchor at that position, for `competence verify --expect`.
        package var isPrefix: Bool
    }

    /// Writes one line per event to `writer`, then the summary line.
    package func export(to writer: OutputWriter) async throws -> Outcome {
        var count = 0
        var chain = HistoryChain()
        var isPrefix = true
        let last = scope.lastPosition ?? .max
        for try await event in store.events() {
            if event.position > last { break }
            guard try includes(event) else { continue }
            if event.position != chain.head.position + 1 { isPrefix = false }
            let hash = try chain.append(event)
            var line = try HistoryLine(event: event).encoded(chainHash: hash)
            line.append(UInt8(ascii: "\n"))
            try writer.write(line)
            count += 1
        }
        var summary = HistorySummary(count: count, head: chain.head).encoded()
        summary.append(UInt8(ascii: "\n"))
        try writer.write(summary)
        return Outcome(count: count, head: chain.head, isPrefix: isPrefix)
    }

    /// Whether the scope keeps `event`. Events of types this build does not know are kept by their times.
    private func includes(_ event: RecordedEvent) throws -> Bool {
        switch scope {
        case .everything: return true
        case .throughPosition(let position): return event.position <= position
        case .asOf(let day): return event.recordedAt < day.endOfDay
        case .effectiveOn(let day):
            guard let decoded = try event.decoded() else { return event.occurredAt < day.endOfDay }
            return scope.includes(event, event: decoded)
        }
    }
}
