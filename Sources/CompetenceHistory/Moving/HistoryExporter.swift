import CompetenceCore
import CompetenceOutput
import Foundation

/// Writes a store's log, or the part of it a scope selects, as history lines in global order.
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

    /// Writes one line per event to `writer`; returns how many were written.
    package func export(to writer: OutputWriter) async throws -> Int {
        var count = 0
        let last = scope.lastPosition ?? .max
        for try await event in store.events() {
            if event.position > last { break }
            guard try includes(event) else { continue }
            var line = try HistoryLine(event: event).encoded()
            line.append(UInt8(ascii: "\n"))
            try writer.write(line)
            count += 1
        }
        return count
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
