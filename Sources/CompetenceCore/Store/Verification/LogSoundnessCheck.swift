import Foundation

/// Reads every event of a store in global order and checks what any store must promise: positions 1, 2, 3…
/// without gaps, stream versions without gaps, unique ids, and a decodable payload for every type of the
/// catalogue (types this build does not know are counted, not judged). On the way it computes the history
/// chain (``HistoryChain``), whose head it reports, and checks an anchor taken earlier when one is given.
///
/// It works through the ``EventStore`` protocol alone, so it runs unchanged on every backend, after the
/// backend's own checks (framing, checksums, hash chain, bookkeeping).
public struct LogSoundnessCheck: Sendable {
    /// The store read.
    public let store: any EventStore
    /// The anchor the history must still match, if any.
    public let anchor: HistoryAnchor?

    /// Creates a check of `store`; with `anchor`, the history up to the anchor's position must hash to the
    /// anchor's hash (a ``StoreFault/Kind/anchorMismatch`` fault otherwise: a log that ends before the
    /// anchor lost its tail or its last segments; a different hash means events at or before that position
    /// were changed, removed or reordered, or a suffix was rewritten).
    public init(store: any EventStore, expecting anchor: HistoryAnchor? = nil) {
        self.store = store
        self.anchor = anchor
    }

    /// Reads the whole log once and returns what it found; one line in ``StoreVerification/checks``, and
    /// ``StoreVerification/historyHead``.
    public func run() async throws -> StoreVerification {
        var faults: [StoreFault] = []
        var expectedPosition: Int64 = 1
        var versions: [StreamName: Int64] = [:]
        var ids = Set<UUID>()
        var count: Int64 = 0
        var unknown = 0
        var chain: HistoryChain? = HistoryChain()
        var anchored: HistoryAnchor? = anchor?.position == 0 ? .genesis : nil
        for try await event in store.events() {
            count += 1
            if event.position != expectedPosition {
                faults.append(
                    StoreFault(
                        kind: .positionGap, position: event.position,
                        detail: "gap in positions: expected \(expectedPosition), found \(event.position)"))
            }
            expectedPosition = event.position + 1
            let version = versions[event.stream, default: 0]
            if event.version != version + 1 {
                faults.append(
                    StoreFault(
                        kind: .versionGap, position: event.position,
                        detail: "stream '\(event.stream)' jumps from version \(version) to \(event.version) "
                            + "at position \(event.position)"))
            }
            versions[event.stream] = event.version
            if !ids.insert(event.id).inserted {
                faults.append(
                    StoreFault(
                        kind: .duplicateID, position: event.position,
                        detail: "event id \(event.id) appears twice (position \(event.position))"))
            }
            do {
                if try event.decoded() == nil { unknown += 1 }
            } catch {
                faults.append(
                    StoreFault(kind: .undecodablePayload, position: event.position, detail: error.description))
            }
            do {
                try chain?.append(event)
            } catch {
                faults.append(
                    StoreFault(kind: .undecodablePayload, position: event.position, detail: error.description))
                chain = nil
            }
            if let head = chain?.head, head.position == anchor?.position { anchored = head }
        }
        var checks = [
            "\(count) events in \(versions.count) streams read back in order"
                + (unknown > 0 ? ", \(unknown) of types unknown to this build" : "")
        ]
        if let head = chain?.head { checks.append("history chain head \(head)") }
        if let anchor {
            if let fault = Self.compare(anchor, with: anchored, chainHead: chain?.head, last: expectedPosition - 1) {
                faults.append(fault)
            } else {
                let since = expectedPosition - 1 - anchor.position
                checks.append(
                    "anchor \(anchor) holds" + (since > 0 ? " (\(since) events appended since)" : " (the head)"))
            }
        }
        return StoreVerification(checks: checks, faults: faults, records: count, historyHead: chain?.head)
    }

    /// The fault when the history does not match `anchor`: `found` is the chain at the anchor's position.
    private static func compare(
        _ anchor: HistoryAnchor, with found: HistoryAnchor?, chainHead: HistoryAnchor?, last: Int64
    ) -> StoreFault? {
        guard chainHead != nil else {
            return StoreFault(
                kind: .anchorMismatch, position: anchor.position,
                detail: "anchor \(anchor) cannot be checked: the history chain stops at an event without a "
                    + "canonical form")
        }
        guard let found else {
            return StoreFault(
                kind: .anchorMismatch, position: anchor.position,
                detail: "the store ends at position \(last), before the anchor's position \(anchor.position): "
                    + "events were lost (a truncated tail, removed last segments, or a restore of an older copy)")
        }
        guard found.hash == anchor.hash else {
            return StoreFault(
                kind: .anchorMismatch, position: anchor.position,
                detail: "the history up to position \(anchor.position) is not the one anchored: its chain hash is "
                    + "\(found.hash), the anchor says \(anchor.hash) (events at or before that position were "
                    + "changed, removed or reordered, or the tail was rewritten)")
        }
        return nil
    }
}
