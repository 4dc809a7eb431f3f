import CompetenceCore
import Foundation

/// Each event id's position, as a writer needs it (a retried append is recognised by its id): the ids in
/// position order, 16 bytes an event, and an open-addressing index of positions over them
/// (`CompetenceCore`'s `SlotIndex`: 4 bytes a slot and a 1-byte tag, at most 70 % full).
///
/// A `[UUID: Int64]` took about 40 bytes an event, and opening a store of 10 million events spent seconds
/// in it: every insertion hashed with SipHash and touched a key, a value and a bitmap word in tables of
/// hundreds of megabytes, each a cache miss. Here ids are appended in order (sequential writes) and indexed
/// when they are next looked up (``indexPending()``): many at once — a store's whole log on open — are
/// grouped by the region of slots they land in first, so that the slot writes stay in cache. The hash is
/// keyed with a random seed per index, so ids cannot be chosen to collide.
struct EventIDIndex: Sendable {
    /// `ids[p - 1]` is the id at position `p` (an array of this module's own, so that reading it is specialised
    /// and inlined here).
    private var ids = ContiguousArray<RawID>()
    /// Rows of `ids` (position − 1) below `indexed`, by the hash of their id.
    private var slots: SlotIndex
    /// Rows of `ids` below this one are in `slots`.
    private var indexed = 0
    /// For a row whose id an earlier row has too (a log never has that; a tampered one may): that earlier row,
    /// out of the slots while the later one is in them, and put back if the later one is rolled back.
    private var shadowed: [Int32: Int32] = [:]

    /// Pending rows from which indexing groups them by slot region first.
    private static let groupedFrom = 1 << 16
    /// Rows grouped at a time: the sorted rows of a block (16 bytes each) fit in one buffer reused for every
    /// block, where sorting all of a 10 M-event log at once took 160 MB of fresh memory. 2^20 but in tests.
    private let groupedBlock: Int
    /// log₂ of the slots of a region that stays in cache while its rows are placed (16 K slots: 80 KB).
    private static let regionShift = 14

    /// An empty index with room for `capacity` events before its slots grow, and for `idCapacity` (at least
    /// `capacity`) before its list of ids does.
    init(capacity: Int = 0, idCapacity: Int = 0, groupedBlock: Int = 1 << 20) {
        precondition(groupedBlock > 0, "blocks of at least one row")
        self.groupedBlock = groupedBlock
        slots = SlotIndex(capacity: capacity)
        ids.reserveCapacity(max(capacity, idCapacity))
    }

    /// The last position indexed (looked up or not yet).
    var head: Int64 { Int64(ids.count) }

    /// Whether every id is in the slots, so that ``position(of:)`` may be asked.
    var isIndexed: Bool { indexed == ids.count }

    /// How many ids were appended since the last ``indexPending()``.
    var pendingCount: Int { ids.count - indexed }

    /// This index as it is, to be indexed elsewhere (``EventIDIndexing``). This one keeps its ids, all pending
    /// again, and gives up its slots: shared, they would be copied by whichever index fills them first.
    mutating func handOff() -> EventIDIndex {
        let whole = self
        slots = SlotIndex()
        indexed = 0
        shadowed = [:]
        return whole
    }

    /// Appends `id` at the next position (``head`` + 1); it is found after the next ``indexPending()``. An id
    /// appended before is then found at this later position (a log never holds an id twice; the last one
    /// wins, as it did in a dictionary).
    mutating func append(_ id: UUID) {
        precondition(ids.count < Int(Int32.max), "a writer's id index holds at most 2^31 - 1 events")
        ids.append(RawID(id))
    }

    /// Puts every id appended since the last call into the slots, in position order within each slot region
    /// (so a repeated id's later position wins).
    mutating func indexPending() {
        let pending = ids.count - indexed
        guard pending > 0 else { return }
        let ids = self.ids
        let seed = slots.seed
        let rehash = { (row: Int32) in ids[Int(row)].hash(seed) }
        slots.reserveCapacity(slots.count + pending, rehash: rehash)
        if pending < Self.groupedFrom {
            for row in indexed..<ids.count { place(Int32(row), hash: ids[row].hash(seed), ids) }
        } else {
            // A counting sort of the pending rows by the region of their home slot (stable: position order
            // within a region), then each region's rows placed together; a block of rows at a time, in position
            // order, so that a repeated id's later position still wins.
            let mask = UInt64(slots.slotCount - 1)
            let shift = UInt64(max(0, slots.slotCount.trailingZeroBitCount - Self.regionShift))
            let regions = (slots.slotCount >> Int(shift)) + 1
            let sorted = UnsafeMutableBufferPointer<(hash: UInt64, row: Int32)>.allocate(
                capacity: min(pending, groupedBlock))
            defer { sorted.deallocate() }
            var blockStart = indexed
            while blockStart < ids.count {
                let blockEnd = min(blockStart + groupedBlock, ids.count)
                // Hashes are computed twice (count, then place) rather than kept: the ids are read in order.
                var starts = [Int](repeating: 0, count: regions)
                for row in blockStart..<blockEnd { starts[Int((ids[row].hash(seed) & mask) >> shift) + 1] += 1 }
                for region in 1..<starts.count { starts[region] += starts[region - 1] }
                for row in blockStart..<blockEnd {
                    let hash = ids[row].hash(seed)
                    let region = Int((hash & mask) >> shift)
                    sorted[starts[region]] = (hash, Int32(row))
                    starts[region] += 1
                }
                for (hash, row) in sorted[0..<(blockEnd - blockStart)] { place(row, hash: hash, ids) }
                blockStart = blockEnd
            }
        }
        indexed = ids.count
    }

    /// Puts `row` into the slots, replacing a row with the same id. Its id is read only when a slot's tag
    /// agrees with its hash's: rows are placed grouped by slot region, not in order, so each read of `ids` is
    /// a cache miss.
    @inline(__always)
    private mutating func place(_ row: Int32, hash: UInt64, _ ids: ContiguousArray<RawID>) {
        let seed = slots.seed
        let rehash = { (row: Int32) in ids[Int(row)].hash(seed) }
        let earlier = slots.insertReplacing(row, hash: hash, where: { ids[Int($0)] == ids[Int(row)] }, rehash: rehash)
        if let earlier { shadowed[row] = earlier }
    }

    /// The id at `position` (1 … ``head``).
    func id(at position: Int64) -> UUID { ids[Int(position - 1)].uuid }

    /// The position of `id`, if it is indexed (after ``indexPending()``: see ``isIndexed``).
    func position(of id: UUID) -> Int64? {
        precondition(isIndexed, "ids are looked up after indexPending()")
        let raw = RawID(id)
        return slots.find(hash: raw.hash(slots.seed), where: { ids[Int($0)] == raw }).map { Int64($0) + 1 }
    }

    /// Forgets every position above `head`; an id also stored at or below it is found there again.
    mutating func truncate(toHead head: Int64) {
        indexPending()
        while Int64(ids.count) > max(0, head) {
            let row = Int32(ids.count - 1)
            do {
                let ids = self.ids
                let seed = slots.seed
                let hash = ids[Int(row)].hash(seed)
                let rehash = { (row: Int32) in ids[Int(row)].hash(seed) }
                slots.remove(hash: hash, where: { $0 == row }, rehash: rehash)
                if let earlier = shadowed.removeValue(forKey: row) { slots.insert(earlier, hash: hash, rehash: rehash) }
            }
            ids.removeLast()
        }
        indexed = ids.count
    }
}
