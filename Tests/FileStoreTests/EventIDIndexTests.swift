import Foundation
import Testing

@testable import FileStore

/// The writer's id index against a dictionary of the same ids, the way the store uses it: ids appended at
/// increasing positions (a few repeated, which no log holds but a tampered one could: the later wins, as in
/// a dictionary), indexed a few at a time (appends) or many at once (a log on open, grouped by slot region),
/// looked up known and unknown, and failed writes rolled back to a head.
@Suite("Event id index")
struct EventIDIndexTests {
    /// The model: each id's last position among the ids kept.
    private static func model(_ ids: [UUID]) -> [UUID: Int64] {
        var model: [UUID: Int64] = [:]
        for (index, id) in ids.enumerated() { model[id] = Int64(index + 1) }
        return model
    }

    @Test(
        "finds each id at the position a dictionary has it, through growth, repeats and roll-backs",
        arguments: [0, 10, 5_000])
    func behavesLikeADictionary(capacity: Int) {
        var index = EventIDIndex(capacity: capacity)
        var ids: [UUID] = []
        var model: [UUID: Int64] = [:]
        var random = SystemRandomNumberGenerator()
        for step in 0..<20_000 {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<80:
                // Mostly new ids; now and then one already appended.
                let id = ids.isEmpty || Int.random(in: 0..<20, using: &random) > 0 ? UUID() : ids.randomElement()!
                index.append(id)
                ids.append(id)
                model[id] = Int64(ids.count)
            case 80..<82:
                // A failed write: back to an earlier head.
                let head = Int.random(in: max(0, ids.count - 50)...ids.count, using: &random)
                index.truncate(toHead: Int64(head))
                ids.removeLast(ids.count - head)
                model = Self.model(ids)
            case 82..<91:
                index.indexPending()
                #expect(index.position(of: UUID()) == nil, "step \(step): an unknown id")
            default:
                guard let id = ids.randomElement() else { continue }
                index.indexPending()
                #expect(index.position(of: id) == model[id], "step \(step): \(id)")
            }
            #expect(index.head == Int64(ids.count))
        }
        index.indexPending()
        for (id, position) in model { #expect(index.position(of: id) == position) }
    }

    /// Also grouped in blocks smaller than the log (`groupedBlock`), so that an id repeated in a later block
    /// must still win over the earlier one.
    @Test(
        "a whole log indexed at once, as on open, then appends and a roll-back into it",
        arguments: [(0, 1 << 20), (300_000, 1 << 20), (0, 10_000), (0, 65_537)])
    func manyAtOnce(capacity: Int, groupedBlock: Int) {
        var index = EventIDIndex(capacity: capacity, groupedBlock: groupedBlock)
        var ids: [UUID] = []
        var random = SystemRandomNumberGenerator()
        for _ in 0..<250_000 {
            let id = ids.isEmpty || Int.random(in: 0..<1_000, using: &random) > 0 ? UUID() : ids.randomElement()!
            index.append(id)
            ids.append(id)
        }
        #expect(!index.isIndexed)
        index.indexPending()
        #expect(index.isIndexed)
        var model = Self.model(ids)
        #expect(model.count < ids.count, "some ids repeat")
        for (id, position) in model { #expect(index.position(of: id) == position) }
        for _ in 0..<1_000 { #expect(index.position(of: UUID()) == nil) }
        for _ in 0..<100 {
            let id = UUID()
            index.append(id)
            ids.append(id)
        }
        index.truncate(toHead: 200_000)
        ids.removeLast(ids.count - 200_000)
        model = Self.model(ids)
        for (id, position) in model { #expect(index.position(of: id) == position) }
    }

    @Test("rolling back to the genesis leaves an empty index that indexes again")
    func truncatedToTheGenesis() {
        var index = EventIDIndex()
        let first = (0..<40_000).map { _ in UUID() }
        for id in first { index.append(id) }
        index.truncate(toHead: 0)
        #expect(index.head == 0)
        #expect(first.allSatisfy { index.position(of: $0) == nil })
        let again = UUID()
        index.append(again)
        index.indexPending()
        #expect(index.position(of: again) == 1)
    }
}
