import Testing

@testable import CompetenceCore

/// The symbol table's shortcuts (the last identifier, and the one numbered after it) give the numbers that
/// interning in a dictionary gives: 0, 1, 2… in the order first seen.
@Suite("Symbol table: numbers in the order first seen")
struct SymbolTableTests {
    /// Runs in first-seen order (the answers' competences), repeats, jumps back and new identifiers, mixed.
    @Test(arguments: 0..<12)
    func numbersAreThoseOfADictionaryInOrderFirstSeen(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 70)
        let pool = (0..<(3 + seed * 5)).map { CompetenceID("c\($0)") }
        var sequence: [CompetenceID] = []
        while sequence.count < 400 {
            switch random.next(below: 4) {
            case 0:  // a run of the pool in order, from somewhere
                let start = Int(random.next(below: UInt64(pool.count)))
                sequence += pool[start...]
            case 1: sequence += Array(repeating: pool[Int(random.next(below: UInt64(pool.count)))], count: 3)
            case 2: sequence.append(pool[Int(random.next(below: UInt64(pool.count)))])
            default: sequence += pool.reversed()
            }
        }
        var table = SymbolTable<IdentifierKinds.Competence>()
        var reference: [CompetenceID: Int32] = [:]
        for identifier in sequence {
            let expected = reference[identifier] ?? Int32(reference.count)
            reference[identifier] = expected
            #expect(table.number(for: identifier) == expected, "\(identifier)")
            #expect(table[expected] == identifier)
        }
        #expect(table.count == reference.count)
        for (identifier, number) in reference { #expect(table.existingNumber(for: identifier) == number) }
        // A table restored from its identifiers numbers on the same way.
        var restored = SymbolTable(identifiers: table.identifiers)!
        for identifier in sequence.reversed() { #expect(restored.number(for: identifier) == reference[identifier]) }
    }
}
