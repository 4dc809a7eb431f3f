import CMemoryHints

/// An open-addressing hash index from keys to row numbers that stores only the row numbers (4 bytes a
/// slot): the keys live in the rows the numbers point to, so the caller hashes a key and says whether a row
/// holds it. Linear probing, deletion by backward shift, at most 70% full.
///
/// Beside each slot it keeps 8 bits of its key's hash (a tag, 1 byte a slot): a probe asks the caller about
/// a row only when the tags agree, so a look-up that passes other rows' slots (about five at 70% full, for a
/// key not in the index) reads almost none of those rows — each a cache miss in a table of millions. Tags are
/// derived from the rows, never stored: an index read from a snapshot has none, and every probe asks the
/// caller, until it grows (which rehashes every row anyway); deriving them at once would read every row of
/// an index of millions at random, which costs more than the look-ups of one import save.
///
/// The hash functions are keyed with a random seed per index (``HashSeed``): a history cannot be made to
/// collide on purpose without knowing it.
package struct SlotIndex: Sendable {
    /// `-1` marks an empty slot; the slot count is a power of two. Chunked: an index read from a snapshot
    /// reads its slots in place, and a copy of an index (a state copied to validate a call) copies only the
    /// chunks it changes.
    @usableFromInline var slots: ChunkedArray<Int32>
    /// `tags[i]` is ``tag(_:)`` of the hash of the row in `slots[i]` (meaningless for an empty slot); `nil`
    /// after ``init(storedSlots:count:seed:)`` until the index grows.
    @usableFromInline var tags: ContiguousArray<UInt8>?
    /// Rows indexed.
    package private(set) var count = 0
    /// The key of the hash functions.
    package let seed: HashSeed

    @usableFromInline static var empty: Int32 { -1 }

    /// An empty index with room for `capacity` rows before it grows.
    package init(capacity: Int = 0, seed: HashSeed = .random()) {
        self.seed = seed
        slots = ChunkedArray(repeating: Self.empty, count: Self.slotCount(for: capacity))
        tags = ContiguousArray(repeating: 0, count: slots.count)
    }

    /// The tag of a hash: its top 8 bits (a slot's place comes from the low bits).
    @inlinable
    static func tag(_ hash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: hash >> 56) }

    private static func slotCount(for rows: Int) -> Int {
        var slots = 8
        while rows * 10 >= slots * 7 { slots <<= 1 }
        return slots
    }

    /// The row holding the key with `hash`, found by `matches` (asked only about rows whose tag agrees, while
    /// the index has tags).
    @inlinable
    package func find(hash: UInt64, where matches: (Int32) -> Bool) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        guard let tags else {
            while true {
                let row = slots[slot]
                if row == Self.empty { return nil }
                if matches(row) { return row }
                slot = (slot + 1) & mask
            }
        }
        let tag = Self.tag(hash)
        while true {
            let row = slots[slot]
            if row == Self.empty { return nil }
            if tags[slot] == tag, matches(row) { return row }
            slot = (slot + 1) & mask
        }
    }

    /// Starts loading the slot (and tag) where a probe for a key with `hash` begins, for an insertion or
    /// look-up soon after: in an index of millions that slot is a cache miss, which the caller's work in between
    /// then hides.
    @inline(__always)
    package func prefetch(hash: UInt64) {
        let slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        slots.prefetchForWriting(slot)
        tags?.withUnsafeBufferPointer { competence_prefetch_for_writing($0.baseAddress! + slot) }
    }

    /// Adds `row` (not yet present), whose key has `hash`; growing rehashes every row with `rehash`.
    @inline(__always)
    package mutating func insert(_ row: Int32, hash: UInt64, rehash: (Int32) -> UInt64) {
        if (count + 1) * 10 >= slots.count * 7 { grow(rehash) }
        place(row, hash: hash)
        count += 1
    }

    /// Indexes `row`, whose key has `hash`, in place of the row holding the same key (found by `matches`), which
    /// it returns; adds it when no row holds that key. One probe, where a look-up, a removal and an insertion
    /// took three: a row replaced keeps its slot (the same key, so the same hash and tag).
    @inline(__always)
    @discardableResult
    package mutating func insertReplacing(
        _ row: Int32, hash: UInt64, where matches: (Int32) -> Bool, rehash: (Int32) -> UInt64
    ) -> Int32? {
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let existing = slots[slot]
            if existing == Self.empty { break }
            if tags?[slot] ?? tag == tag, matches(existing) {
                slots[slot] = row
                return existing
            }
            slot = (slot + 1) & mask
        }
        if (count + 1) * 10 >= slots.count * 7 {
            grow(rehash)
            place(row, hash: hash)
        } else {
            slots[slot] = row
            if tags != nil { tags![slot] = tag }
        }
        count += 1
        return nil
    }

    /// The number of slots (a power of two): a key's home slot is the low bits of its hash, `hash & (slotCount - 1)`.
    package var slotCount: Int { slots.count }

    /// Grows, once, to hold `rows` rows in all without growing again (rehashing every row with `rehash`).
    ///
    /// The rows are rehashed in ascending order, not in the old slots' (random) order: `rehash` reads each
    /// row's key, and in a table of millions of rows a read in slot order is a cache miss per row (the growth
    /// was 8 % of a replay's fold). A bitmap of the indexed rows (1 bit a row) puts them in order.
    package mutating func reserveCapacity(_ rows: Int, rehash: (Int32) -> UInt64) {
        let wanted = Self.slotCount(for: rows)
        guard wanted > slots.count else { return }
        let indexed = Self.bitmap(of: slots)
        slots = ChunkedArray(repeating: Self.empty, count: wanted)
        tags = ContiguousArray(repeating: 0, count: slots.count)
        // 64 rows at a time: their slots are prefetched before any is placed, so their cache misses overlap.
        var batch: [(row: Int32, hash: UInt64)] = []
        batch.reserveCapacity(64)
        for (wordIndex, word) in indexed.enumerated() {
            var bits = word
            while bits != 0 {
                let row = Int32(truncatingIfNeeded: wordIndex << 6 | bits.trailingZeroBitCount)
                let hash = rehash(row)
                prefetch(hash: hash)
                batch.append((row, hash))
                bits &= bits &- 1
            }
            for (row, hash) in batch { place(row, hash: hash) }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// One bit per row number, set for the rows in `slots`.
    private static func bitmap(of slots: ChunkedArray<Int32>) -> [UInt64] {
        var highest: Int32 = -1
        slots.forEachChunk { chunk in
            for row in chunk where row > highest { highest = row }
        }
        var bits = [UInt64](repeating: 0, count: (Int(highest) + 64) >> 6)
        slots.forEachChunk { chunk in
            for row in chunk where row >= 0 { bits[Int(row) >> 6] |= 1 << UInt64(row & 63) }
        }
        return bits
    }

    /// Removes and returns the row holding the key with `hash`, found by `matches`.
    @discardableResult
    package mutating func remove(hash: UInt64, where matches: (Int32) -> Bool, rehash: (Int32) -> UInt64) -> Int32? {
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let row = slots[slot]
            if row == Self.empty { return nil }
            if tags?[slot] ?? tag == tag, matches(row) { break }
            slot = (slot + 1) & mask
        }
        let removed = slots[slot]
        // Backward shift: move later rows of the probe run into the hole when their home allows it.
        var hole = slot
        var next = (slot + 1) & mask
        while slots[next] != Self.empty {
            let home = Int(truncatingIfNeeded: rehash(slots[next])) & mask
            let distanceFromHome = (next - home) & mask
            let distanceFromHole = (next - hole) & mask
            if distanceFromHome >= distanceFromHole {
                slots[hole] = slots[next]
                if tags != nil { tags![hole] = tags![next] }
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = Self.empty
        count -= 1
        return removed
    }

    @inline(__always)
    private mutating func place(_ row: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != Self.empty { slot = (slot + 1) & mask }
        slots[slot] = row
        if tags != nil { tags![slot] = Self.tag(hash) }
    }

    private mutating func grow(_ rehash: (Int32) -> UInt64) {
        reserveCapacity(count + 1, rehash: rehash)
    }

    /// Whether every slot is empty or a row below `rowCount`, and as many are filled as ``count`` says (what a
    /// snapshot's index is checked for before it is used: it is never read out of bounds).
    func holdsRows(below rowCount: Int) -> Bool {
        var filled = 0
        var inRange = true
        slots.forEachChunk { chunk in
            for row in chunk where row != Self.empty {
                inRange = inRange && row >= 0 && Int(row) < rowCount
                filled += 1
            }
        }
        return inRange && filled == count
    }

    /// The slots as stored, for a snapshot.
    var storedSlots: ChunkedArray<Int32> { slots }

    /// An index from stored slots and their seed (a snapshot's), or `nil` when they cannot be an index.
    init?(storedSlots: ChunkedArray<Int32>, count: Int, seed: HashSeed) {
        guard storedSlots.count >= 8, storedSlots.count & (storedSlots.count - 1) == 0,
            count * 10 < storedSlots.count * 7
        else { return nil }
        slots = storedSlots
        tags = nil
        self.count = count
        self.seed = seed
    }
}

/// The random key of an index's hash functions.
package struct HashSeed: Hashable, Sendable {
    @usableFromInline var first: UInt64
    @usableFromInline var second: UInt64

    /// A fresh random key.
    package static func random() -> HashSeed {
        HashSeed(first: .random(in: .min ... .max) | 1, second: .random(in: .min ... .max) | 1)
    }

    /// Mixes two words under this key (the folded 128-bit product of keyed words, as in wyhash).
    @inlinable
    package func hash(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = (a ^ first).multipliedFullWidth(by: b ^ second)
        let folded = product.high ^ product.low
        return folded ^ (folded >> 29)
    }
}
