/// One cell of a report that an aggregate over persons fills: a path such as `[organisation, competence]`.
struct SuppressionCell: Hashable, Comparable, Sendable {
    /// The cell's coordinates.
    let path: [String]

    init(_ path: String...) { self.path = path }

    init(path: [String]) { self.path = path }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.path.lexicographicallyPrecedes(rhs.path) }
}

/// Decides which cells of a report are withheld so that no group of fewer than the minimum size can be read,
/// directly or by subtracting published cells from a published total.
///
/// - Primary suppression: a cell over `1 ..< minimumGroupSize` persons is withheld. (A cell over nobody has
///   nothing to protect: it is shown, with undefined figures.)
/// - Complementary suppression, for every total and the cells it adds up (a partition of its persons):
///   1. when the total is published and some of its non-empty parts are withheld, at least two are withheld
///      and they cover at least `minimumGroupSize` persons together — else a published part is withheld too;
///   2. when the total is withheld, not all of its non-empty parts are published (else adding them up would
///      reveal it) — else a part is withheld too;
///   3. when a published total has no published part left to withhold, the total is withheld.
///
/// Complements are chosen to lose as little as possible: the first unmet relation (in a fixed order) takes,
/// of its `lookahead` smallest published parts, the one after which the quick closure (each unmet relation
/// taking its smallest parts) withholds the fewest cells, then the fewest persons, then the smallest cell.
/// A `fixed` cell is published elsewhere (an earlier public snapshot's figure): it is never chosen as a
/// complement, so a relation whose only other parts are fixed withholds its total instead.
/// So a complement that also covers another relation (the same region and size class as the primary cell)
/// wins over a smaller one that drags in more. Withholding only grows, so this ends. This defeats
/// subtraction along each relation; it is not a full linear-programming audit over combinations of relations.
struct SuppressionPlan: Sendable {
    /// How many of the smallest published parts are tried as a complement.
    static let lookahead = 8

    /// The cells withheld, by either rule.
    private(set) var withheld: Set<SuppressionCell> = []
    /// The cells withheld because they cover too few persons themselves.
    private(set) var primary: Set<SuppressionCell> = []

    /// The cells withheld as complements only.
    var complements: Set<SuppressionCell> { withheld.subtracting(primary) }

    /// Plans suppression for cells with person counts `counts` and `relations`: each a total and the cells
    /// that partition its persons (a total may head several partitions, e.g. `ALL` by organisation and by region).
    /// Cells in `fixed` are never withheld as complements (they are published elsewhere).
    /// Cells in `alreadyWithheld` are withheld elsewhere (another plan's pattern this one must keep): they start
    /// withheld, and are not counted as this plan's primary cells.
    init(
        counts: [SuppressionCell: Int], relations: [SuppressionRelation], minimumGroupSize: Int,
        fixed: Set<SuppressionCell> = [], alreadyWithheld: Set<SuppressionCell> = []
    ) {
        let count = { (cell: SuppressionCell) in counts[cell, default: 0] }
        primary = Set(counts.keys.filter { !fixed.contains($0) && (1..<minimumGroupSize).contains(count($0)) })
        let relations = relations.sorted().map { relation in
            Relation(
                total: relation.total,
                parts: relation.parts.filter { count($0) > 0 }.sorted { (count($0), $0) < (count($1), $1) })
        }
        // Relations that share no cell are planned one group at a time: withholding a cell of one group never
        // touches another's relations, and every candidate's cost differs only within its group, so this gives
        // the same cells as planning all at once, at a fraction of the work.
        primary.subtract(alreadyWithheld)
        var withheld = primary.union(alreadyWithheld)
        for group in Self.independentGroups(relations) {
            let closer = Closer(relations: group, count: count, minimumGroupSize: minimumGroupSize, fixed: fixed)
            closer.plan(withheld: &withheld)
        }
        self.withheld = withheld
    }

    /// The relations split into groups that share no cell, each in the relations' order.
    private static func independentGroups(_ relations: [Relation]) -> [[Relation]] {
        var parent: [SuppressionCell: SuppressionCell] = [:]
        func root(_ cell: SuppressionCell) -> SuppressionCell {
            var cell = cell
            while let up = parent[cell], up != cell { cell = up }
            return cell
        }
        for relation in relations {
            let top = root(relation.total)
            parent[top] = top
            for part in relation.parts {
                let other = root(part)
                if other != top { parent[other] = top }
            }
        }
        var groups: [SuppressionCell: [Relation]] = [:]
        var order: [SuppressionCell] = []
        for relation in relations {
            let key = root(relation.total)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(relation)
        }
        return order.map { groups[$0]! }
    }

    /// A plan that withholds exactly `withheld`, `primary` of them as primary (a view of another plan).
    private init(withheld: Set<SuppressionCell>, primary: Set<SuppressionCell>) {
        self.withheld = withheld
        self.primary = primary
    }

    /// The cells under `prefix`, with the prefix taken off: one scope's view of a plan over several scopes
    /// (``PublicDisclosurePass``).
    func view(under prefix: [String]) -> SuppressionPlan {
        func strip(_ cells: Set<SuppressionCell>) -> Set<SuppressionCell> {
            Set(
                cells.filter { $0.path.starts(with: prefix) }.map {
                    SuppressionCell(path: Array($0.path.dropFirst(prefix.count)))
                })
        }
        return SuppressionPlan(withheld: strip(withheld), primary: strip(primary))
    }

    /// The cells whose path does not start with `root`: the unscoped view of a plan over several scopes.
    func view(outside root: String) -> SuppressionPlan {
        SuppressionPlan(
            withheld: withheld.filter { $0.path.first != root }, primary: primary.filter { $0.path.first != root })
    }

    /// Whether the cell's figures are withheld.
    func isWithheld(_ cell: SuppressionCell) -> Bool { withheld.contains(cell) }

    private struct Relation: Sendable {
        var total: SuppressionCell
        /// Non-empty parts, smallest first (ties by cell).
        var parts: [SuppressionCell]
    }

    /// One group of relations planned over cell numbers instead of cells: the group's cells are numbered in
    /// their sort order (so comparing numbers compares cells), and "withheld" is one flag per number. The
    /// rules, their order and the tie-breaks are exactly those of the type's documentation; only the
    /// look-ups are cheaper (an array index instead of hashing a path of strings, in loops that run
    /// relations × candidates × closure steps times).
    private struct Closer {
        /// The group's cells, in sort order: a cell's number is its index here.
        let cells: [SuppressionCell]
        /// Each relation as numbers: the total, then its non-empty parts smallest first.
        let relations: [(total: Int, parts: [Int])]
        let counts: [Int]
        let fixed: [Bool]
        let minimumGroupSize: Int

        init(
            relations group: [Relation], count: (SuppressionCell) -> Int, minimumGroupSize: Int,
            fixed: Set<SuppressionCell>
        ) {
            var distinct = Set<SuppressionCell>()
            for relation in group {
                distinct.insert(relation.total)
                distinct.formUnion(relation.parts)
            }
            cells = distinct.sorted()
            let number = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
            relations = group.map { relation in
                (total: number[relation.total]!, parts: relation.parts.map { number[$0]! })
            }
            counts = cells.map(count)
            self.fixed = cells.map(fixed.contains)
            self.minimumGroupSize = minimumGroupSize
        }

        /// Adds to `withheld` the complements this group needs.
        func plan(withheld: inout Set<SuppressionCell>) {
            var flags = cells.map(withheld.contains)
            while let need = firstUnmet(flags) {
                switch need {
                case .total(let total):
                    flags[total] = true
                case .oneOf(let candidates):
                    // Cells outside the group are the same for every candidate, so counting the group's
                    // cells only orders the candidates as counting all of them would.
                    let costs = candidates.prefix(SuppressionPlan.lookahead).map { candidate in
                        var trial = flags
                        trial[candidate] = true
                        return cost(quickClosure(trial), candidate)
                    }
                    flags[costs.min { $0 < $1 }!.2] = true
                }
            }
            for (index, flag) in flags.enumerated() where flag { withheld.insert(cells[index]) }
        }

        func firstUnmet(_ withheld: [Bool]) -> Need? {
            for relation in relations {
                var publishedCount = 0
                var candidates: [Int] = []
                var hiddenCount = 0
                var hiddenPersons = 0
                for part in relation.parts {
                    if withheld[part] {
                        hiddenCount += 1
                        hiddenPersons += counts[part]
                    } else {
                        publishedCount += 1
                        // Parts that may still be withheld as complements.
                        if !fixed[part] { candidates.append(part) }
                    }
                }
                if withheld[relation.total] {
                    // A withheld total whose parts are all published (or fixed) is given away by adding them up.
                    if !relation.parts.isEmpty, publishedCount == relation.parts.count, !candidates.isEmpty {
                        return .oneOf(candidates)
                    }
                    continue
                }
                guard hiddenCount > 0 else { continue }
                if hiddenCount < 2 || hiddenPersons < minimumGroupSize {
                    return candidates.isEmpty ? .total(relation.total) : .oneOf(candidates)
                }
            }
            return nil
        }

        /// Meets every relation by withholding the smallest candidate each time.
        func quickClosure(_ start: [Bool]) -> [Bool] {
            var withheld = start
            while let need = firstUnmet(withheld) {
                switch need {
                case .total(let total): withheld[total] = true
                case .oneOf(let candidates): withheld[candidates[0]] = true
                }
            }
            return withheld
        }

        /// Cells lost, persons lost, then the candidate itself (for a fixed choice among equals).
        func cost(_ withheld: [Bool], _ candidate: Int) -> (Int, Int, Int) {
            var cellsLost = 0
            var personsLost = 0
            for (index, flag) in withheld.enumerated() where flag {
                cellsLost += 1
                personsLost += counts[index]
            }
            return (cellsLost, personsLost, candidate)
        }
    }

    private enum Need {
        /// The total must be withheld (no published part is left to withhold).
        case total(Int)
        /// One of these published parts (smallest first) must be withheld.
        case oneOf([Int])
    }
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
