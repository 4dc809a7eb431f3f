/// The cells a report's figures are built from and the relations between them: what a ``SuppressionPlan`` is
/// planned over. Each report contributes its own; an analyst report plans its cells alone, the public pass
/// (``PublicDisclosure``) plans the cells of every public report together.
struct DisclosureCells: Sendable {
    /// Persons per cell.
    var counts: [SuppressionCell: Int] = [:]
    /// Totals and the cells that partition their persons.
    var relations: [SuppressionRelation] = []
    /// Cells published elsewhere (an earlier public snapshot): never withheld as complements.
    var fixed: Set<SuppressionCell> = []

    /// Adds the cells, relations and fixed cells of `other`.
    mutating func formUnion(_ other: Self) {
        counts.merge(other.counts) { $1 }
        relations += other.relations
        fixed.formUnion(other.fixed)
    }

    /// These cells and those of `other` (the tables of one report, planned together).
    func union(_ other: Self) -> Self {
        var cells = self
        cells.formUnion(other)
        return cells
    }

    /// Adds the relation between `cell` as published now and as the previous public snapshot published it:
    /// now = then (fixed: already out) + the `changed` persons whose answer came in since. When fewer than k
    /// persons changed it, subtracting the two snapshots would give them away, so the cell is withheld now.
    mutating func addChangeSincePreviousSnapshot(of cell: SuppressionCell, changed: Int) {
        guard changed > 0 else { return }
        let then = SuppressionCell(path: ["previous-snapshot"] + cell.path)
        let since = SuppressionCell(path: ["changed-since"] + cell.path)
        counts[then] = max(0, counts[cell, default: 0] - changed)
        counts[since] = changed
        fixed.insert(then)
        relations.append(SuppressionRelation(total: cell, parts: [then, since]))
    }

    /// The same cells and relations with `prefix` put before every path (one scope's cells in a plan over
    /// several scopes).
    func prefixed(_ prefix: [String]) -> DisclosureCells {
        let move = { (cell: SuppressionCell) in SuppressionCell(path: prefix + cell.path) }
        return DisclosureCells(
            counts: Dictionary(uniqueKeysWithValues: counts.map { (move($0.key), $0.value) }),
            relations: relations.map { SuppressionRelation(total: move($0.total), parts: $0.parts.map(move)) },
            fixed: Set(fixed.map(move)))
    }

    /// Plans suppression over these cells.
    func plan(minimumGroupSize: Int) -> SuppressionPlan {
        SuppressionPlan(counts: counts, relations: relations, minimumGroupSize: minimumGroupSize, fixed: fixed)
    }
}

extension DisclosureCells {
    /// The cells, relations and fixed cells of `parts`, merged in order (a later part's count of a cell wins).
    /// Room for every part's cells is made first: merging a million cells into a dictionary that grows as it
    /// goes rehashes them (each a path of strings) several times.
    init(merging parts: [DisclosureCells]) {
        self.init()
        counts.reserveCapacity(parts.reduce(0) { $0 + $1.counts.count })
        relations.reserveCapacity(parts.reduce(0) { $0 + $1.relations.count })
        for part in parts { formUnion(part) }
    }
}
