import CompetenceCore

/// Checks the history chain stored with a PostgreSQL store's rows (migration 4), row by row in position
/// order, as the FileStore checks its records:
/// - each row's checksum: its stored hash must be `SHA-256(stored hash of the row before ‖ canonical(row))`,
///   recomputed from the row's fields (``HistoryChain/hash(after:_:)``); a row whose fields or chain column
///   were changed fails (a ``StoreFault/Kind/damagedRecord`` at its position), and so does the row after a
///   removed one;
/// - the chain: the stored hashes must be the chain recomputed from the first event; the first position
///   where they part is the one ``StoreFault/Kind/brokenChain`` fault;
/// - positions 1, 2, 3… without gaps (a ``StoreFault/Kind/positionGap`` at each missing position).
struct ChainCheck {
    /// Where the rows are, for the faults.
    let place: StoreFault.Place
    /// Every fault found, in position order.
    private(set) var faults: [StoreFault] = []
    /// Rows looked at.
    private(set) var rows: Int64 = 0
    /// The hash stored with the last row looked at (the zero hash before the first).
    private(set) var lastStored = HistoryHash.zero
    /// Whether the stored chain has parted from the recomputed one already.
    private var broken = false
    /// The last row whose stored hash agrees with the chain recomputed from the first event.
    private var agreed = HistoryAnchor.genesis
    private var expected: Int64 = 1

    init(place: StoreFault.Place) { self.place = place }

    /// Checks the next row: `event` as decoded from its fields, `stored` its chain column (`nil`: NULL or not
    /// 32 bytes).
    mutating func check(_ event: RecordedEvent, stored: HistoryHash?) {
        rows += 1
        let position = event.position
        if position != expected {
            faults.append(
                StoreFault(
                    kind: .positionGap, position: expected, place: place,
                    detail: "gap in positions: expected \(expected), found \(position) (rows removed)"))
        }
        expected = position + 1
        let own: HistoryHash
        do {
            own = try HistoryChain.hash(after: lastStored, event)
        } catch {
            faults.append(StoreFault(kind: .undecodablePayload, position: position, place: place, detail: "\(error)"))
            if !broken { breakChain(at: position, detail: "the row has no canonical form") }
            lastStored = stored ?? .zero
            return
        }
        if stored != own {
            faults.append(
                StoreFault(
                    kind: .damagedRecord, position: position, place: place,
                    detail: "position \(position): its fields and the hash stored at the row before give \(own), "
                        + "its chain column holds \(stored.map(\.description) ?? "no 32-byte hash") (the row or its "
                        + "chain column was changed, or the row before it removed)"))
        }
        if !broken {
            // While the stored chain agrees with the recomputed one, `lastStored` is the recomputed hash, so
            // `own` is the recomputed hash of this row too.
            if stored != own {
                breakChain(at: position, detail: "the stored chain parts from the one recomputed from the first event")
            } else {
                agreed = HistoryAnchor(position: position, hash: own)
            }
        }
        lastStored = stored ?? own
    }

    private mutating func breakChain(at position: Int64, detail: String) {
        broken = true
        faults.append(StoreFault(kind: .brokenChain, position: position, place: place, detail: detail))
    }

    /// The head of the stored chain when it is intact: the last position and its hash.
    var intactHead: HistoryAnchor? { broken ? nil : agreed }
}
