/// One cell of a report that an aggregate over persons fills: a path such as `[organisation, competence]`.
struct SuppressionCell: Hashable, Comparable, Sendable {
    /// The cell's coordinates.
    let path: [String]

    init(_ path: String...) { self.path = path }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.path.lexicographicallyPrecedes(rhs.path) }
}

/// Decides which cells of a report are withheld so that no group of fewer than the minimum size can be read,
/// directly or by subtracting published cells from a published total.
///
/// - Primary suppression: a cell over `1 ..< minimumGroupSize` persons is withheld. (A cell over nobody has
///   nothing to protect: it is shown, with undefined figures.)
/// - Complementary suppression, for every total and the cells it adds up (a partition of its persons):
///   1. when the total is published and some of its non-empty parts are withheld, at least two are withheld
///      and they cover at least `minimumGroupSize` persons together — else the smallest published parts are
///      withheld too (smallest first, ties by cell), so subtraction yields only a group of at least that size;
///   2. when the total is withheld, not all of its non-empty parts are published (else adding them up would
///      reveal it) — else its smallest part is withheld too.
///   Both rules are applied to every relation until nothing changes (withholding only ever grows, so this
///   ends). This defeats subtraction along each relation; it is not a full linear-programming audit over
///   combinations of relations.
struct SuppressionPlan: Sendable {
    /// The cells withheld, by either rule.
    private(set) var withheld: Set<SuppressionCell> = []

    /// Plans suppression for cells with person counts `counts` and `relations`: each a total and the cells
    /// that partition its persons (a total may head several partitions, e.g. `ALL` by organisation and by region).
    init(counts: [SuppressionCell: Int], relations: [SuppressionRelation], minimumGroupSize: Int) {
        let count = { (cell: SuppressionCell) in counts[cell, default: 0] }
        withheld = Set(counts.keys.filter { (1..<minimumGroupSize).contains(count($0)) })
        let relations = relations.sorted().map { relation in
            (relation.total, relation.parts.filter { count($0) > 0 }.sorted { (count($0), $0) < (count($1), $1) })
        }
        var changed = true
        while changed {
            changed = false
            for (total, parts) in relations {
                if withheld.contains(total) {
                    if !parts.isEmpty, parts.allSatisfy({ !withheld.contains($0) }) {
                        withheld.insert(parts[0])
                        changed = true
                    }
                    continue
                }
                var hidden = parts.filter(withheld.contains)
                guard !hidden.isEmpty else { continue }
                var published = parts.filter { !withheld.contains($0) }[...]
                while hidden.count < 2 || hidden.reduce(0, { $0 + count($1) }) < minimumGroupSize {
                    changed = true
                    guard let next = published.popFirst() else {
                        withheld.insert(total)
                        break
                    }
                    hidden.append(next)
                    withheld.insert(next)
                }
            }
        }
    }

    /// Whether the cell's figures are withheld.
    func isWithheld(_ cell: SuppressionCell) -> Bool { withheld.contains(cell) }
}

/// A total and the cells that partition its persons.
struct SuppressionRelation: Hashable, Comparable, Sendable {
    /// The total.
    var total: SuppressionCell
    /// Its parts: every person of the total is in exactly one.
    var parts: [SuppressionCell]

    static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.total != rhs.total ? lhs.total < rhs.total : lhs.parts.lexicographicallyPrecedes(rhs.parts)
    }
}
