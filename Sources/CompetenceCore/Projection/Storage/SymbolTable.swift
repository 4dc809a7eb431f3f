/// Interns identifiers of one kind as small numbers (0, 1, 2… in the order first seen), so that rows can
/// hold four bytes instead of a string. Remembers the last identifier looked up: consecutive events about
/// the same round, person or organisation are common and then cost one comparison; so are runs in the order
/// first seen (each person's answers to the same competences, in the same order), which cost two.
struct SymbolTable<Kind: IdentifierKind>: Sendable {
    private(set) var identifiers: ContiguousArray<Identifier<Kind>> = []
    private var numbers: [Identifier<Kind>: Int32] = [:]
    private var lastIdentifier: Identifier<Kind>?
    private var lastNumber: Int32 = 0

    init() {}

    /// The number of `identifier`, giving it the next one when it is new.
    @inline(__always)
    mutating func number(for identifier: Identifier<Kind>) -> Int32 {
        if identifier == lastIdentifier { return lastNumber }
        let number: Int32
        let following = Int(lastNumber) + 1
        if following < identifiers.count, identifiers[following] == identifier {
            // The identifier numbered after the last one: its number without hashing it.
            number = Int32(following)
        } else if let known = numbers[identifier] {
            number = known
        } else {
            precondition(identifiers.count < Int32.max, "more than 2^31 identifiers of one kind")
            number = Int32(identifiers.count)
            identifiers.append(identifier)
            numbers[identifier] = number
        }
        lastIdentifier = identifier
        lastNumber = number
        return number
    }

    /// The number of `identifier`, if it has one.
    func existingNumber(for identifier: Identifier<Kind>) -> Int32? {
        if identifier == lastIdentifier { return lastNumber }
        return numbers[identifier]
    }

    /// The identifier numbered `number`.
    @inline(__always)
    subscript(number: Int32) -> Identifier<Kind> { identifiers[Int(number)] }

    /// How many identifiers are interned.
    var count: Int { identifiers.count }

    /// A table of `identifiers`, numbered in that order (a snapshot's); `nil` when one repeats.
    init?(identifiers: ContiguousArray<Identifier<Kind>>) {
        var numbers: [Identifier<Kind>: Int32] = [:]
        numbers.reserveCapacity(identifiers.count)
        for (index, identifier) in identifiers.enumerated() {
            guard numbers.updateValue(Int32(index), forKey: identifier) == nil else { return nil }
        }
        self.identifiers = identifiers
        self.numbers = numbers
    }

    /// The rank of each number when the identifiers are sorted: `ranks[number]` orders rows by identifier
    /// without comparing strings.
    func sortedRanks() -> [Int32] {
        let order = identifiers.indices.sorted { identifiers[$0] < identifiers[$1] }
        var ranks = [Int32](repeating: 0, count: identifiers.count)
        for (rank, number) in order.enumerated() { ranks[number] = Int32(rank) }
        return ranks
    }
}
