import Testing

@testable import CompetenceCore

/// The slot index against a dictionary, through inserts, removals, growth and a reload from stored slots
/// (which has no tags until its first change), with hashes whose tags often agree for different keys.
@Suite("Slot index")
struct SlotIndexTests {
    /// Keys live in `rows`, as in the tables that use the index; a removed row keeps its key but leaves the index.
    private struct Table {
        var rows: [UInt64] = []
        var index = SlotIndex()
        /// Few distinct top bytes: tags agree for many different keys, so the rows are still asked.
        let hash: (UInt64) -> UInt64 = { key in (key &* 0x9E37_79B9_7F4A_7C15) & 0x03FF_FFFF_FFFF_FFFF | (key % 3) << 62
        }

        func find(_ key: UInt64) -> Int32? { index.find(hash: hash(key), where: { rows[Int($0)] == key }) }

        mutating func insert(_ key: UInt64) {
            rows.append(key)
            let rows = rows
            index.insert(Int32(rows.count - 1), hash: hash(key), rehash: { [hash] in hash(rows[Int($0)]) })
        }

        /// Indexes a new row with `key`, in place of the row with that key when there is one (returned).
        mutating func insertReplacing(_ key: UInt64) -> Int32? {
            rows.append(key)
            let rows = rows
            return index.insertReplacing(
                Int32(rows.count - 1), hash: hash(key), where: { rows[Int($0)] == key },
                rehash: { [hash] in hash(rows[Int($0)]) })
        }

        mutating func remove(_ key: UInt64) -> Int32? {
            let rows = rows
            return index.remove(
                hash: hash(key), where: { rows[Int($0)] == key }, rehash: { [hash] in hash(rows[Int($0)]) })
        }
    }

    @Test("finds, inserts, replaces and removes as a dictionary does, before and after a reload", arguments: [1, 2, 3])
    func behavesLikeADictionary(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var table = Table()
        var model: [UInt64: Int32] = [:]
        for step in 0..<6_000 {
            let key = generator.next(below: 2_500)
            switch generator.next(below: 10) {
            case 0..<3:
                guard model[key] == nil else { continue }
                table.insert(key)
                model[key] = Int32(table.rows.count - 1)
            case 3..<5:
                // A new row for a key, indexed or not: the row it replaces is the one indexed before.
                let replaced = table.insertReplacing(key)
                #expect(replaced == model[key], "step \(step): insertReplacing \(key)")
                model[key] = Int32(table.rows.count - 1)
            case 5..<7:
                #expect(table.remove(key) == model.removeValue(forKey: key), "step \(step): remove \(key)")
            default:
                #expect(table.find(key) == model[key], "step \(step): find \(key)")
            }
            if step % 1_500 == 1_499 {
                // As a snapshot restores it: the stored slots alone, no tags.
                let reloaded = try #require(
                    SlotIndex(
                        storedSlots: table.index.storedSlots, count: table.index.count, seed: table.index.seed))
                table.index = reloaded
                #expect(reloaded.holdsRows(below: table.rows.count))
            }
            #expect(table.index.count == model.count)
        }
        for (key, row) in model { #expect(table.find(key) == row) }
    }
}
