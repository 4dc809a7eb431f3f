import CompetenceCore
import Foundation

extension Checks {
    /// Every event read back has a canonical form, so the history chain (``HistoryChain``) folds over the
    /// whole log — JSON payloads spelled with spaces and unsorted keys, compact payloads, given recorded times
    /// with sub-millisecond parts, multi-stream appends. A store that keeps the chain with its events
    /// (``HistoryChainStoring``) stores at every position exactly the hash that fold gives, the genesis at 0 and
    /// nothing past its head.
    static func historyChain(_ store: any EventStore) async throws {
        var spaced = Sample.event("spaced")
        spaced.payload = .json(Data(#"{ "zeta" : [1.50, 2e2, -0.0],  "alpha": "a\/b \u00e4", "n": {"y": null} }"#.utf8))
        spaced.recordedAt = Date(timeIntervalSince1970: 1_600_000_000.000_123_4)
        var packed = Sample.event("packed")
        packed.payload = EventPayload(encoding: .compact, bytes: Data([0, 0xFF, 7]))
        try await store.append([spaced, packed, Sample.event("plain")], to: "chain-a", expecting: .noStream)
        _ = try await store.append([
            StreamAppend(stream: "chain-b", expectedVersion: .noStream, events: [Sample.event("b")]),
            StreamAppend(stream: "chain-a", expectedVersion: .exact(3), events: [Sample.event("a4")]),
        ])
        var chain = HistoryChain()
        var anchors: [HistoryAnchor] = []
        for event in try await readWholeLog(store) {
            do {
                try chain.append(event)
            } catch {
                try await require(false, "the event at position \(event.position) has no canonical form: \(error)")
            }
            anchors.append(chain.head)
        }
        try await require(anchors.count == 5, "the chain covers every event")
        guard let chained = store as? any HistoryChainStoring else { return }
        try await require(try await chained.storedHistoryAnchor(at: 0) == .genesis, "the anchor at 0 is the genesis")
        for anchor in anchors {
            let stored = try await chained.storedHistoryAnchor(at: anchor.position)
            try await require(
                stored == anchor,
                "the stored anchor at \(anchor.position) is \(String(describing: stored)), not \(anchor)")
        }
        try await require(
            try await chained.storedHistoryAnchor(at: 6) == nil, "no anchor is stored past the head")
    }
}
