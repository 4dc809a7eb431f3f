import Foundation

/// A store that keeps the history chain with its events (PostgreSQL from migration 4 stores each event's hash
/// in its row), so the anchor at a position is one lookup instead of rehashing the log up to there.
public protocol HistoryChainStoring: EventStore {
    /// The history anchor stored with the event at `position`: the genesis for 0, `nil` when no event is
    /// stored there. The hash is the one the store wrote at append; whether the events still hash to it is
    /// what `verify` checks.
    func storedHistoryAnchor(at position: Int64) async throws -> HistoryAnchor?
}

extension HistoryChain {
    /// The store's history anchor at `position`: the chain continued from `start` (an anchor of this store's
    /// history, the genesis by default) over the store's events after it, through `position`. `nil` when the
    /// log ends before `position` or skips a position.
    ///
    /// Reads every event between the two positions; with the genesis as start, the whole log up to `position`.
    /// A store that keeps the chain with its events (``HistoryChainStoring``) answers with one lookup of the
    /// anchor it stored at `position` instead.
    ///
    /// - Throws: the store's errors; ``HistoryChainError`` for an event without a canonical form.
    static func anchor(
        of store: any EventStore, at position: Int64, from start: HistoryAnchor = .genesis
    ) async throws -> HistoryAnchor? {
        precondition(start.position <= position)
        if let chained = store as? any HistoryChainStoring {
            return try await chained.storedHistoryAnchor(at: position)
        }
        var chain = HistoryChain(from: start)
        while chain.head.position < position {
            let limit = Int(min(4096, position - chain.head.position))
            let page = try await store.readAll(from: chain.head.position + 1, limit: limit, filter: .all)
            guard !page.events.isEmpty else { return nil }
            for event in page.events {
                guard event.position == chain.head.position + 1 else { return nil }
                try chain.append(event)
            }
        }
        return chain.head
    }
}
