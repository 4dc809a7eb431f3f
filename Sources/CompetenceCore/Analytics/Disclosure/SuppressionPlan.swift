/// One cell of a report that an aggregate over persons fills: a path such as `[organisation, competence]`.
///
/// A cell's hash is computed once, when it is made: a public pass keeps a million cells in several
/// dictionaries and sets, and hashing the path's strings again at every look-up was a quarter of its work.
struct SuppressionCell: Hashable, Comparable, Sendable {
    /// The cell's coordinates.
    let path: [String]
    /// The hash of ``path`` (the process's hashing seed), made once.
    private let pathHash: Int

    init(_ path: String...) { self.init(path: path) }

    init(path: [String]) {
        self.path = path
        var hasher = Hasher()
        hasher.combine(path)
        pathHash = hasher.finalize()
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.pathHash == rhs.pathHash && lhs.path == rhs.path }

    func hash(into hasher: inout Hasher) { hasher.combine(pathHash) }

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
        let count: @Sendable (SuppressionCell) -> Int = { cell in counts[cell, default: 0] }
        primary = Set(counts.keys.filter { !fixed.contains($0) && (1..<minimumGroupSize).contains(count($0)) })
        let relations = relations.sorted().map { relation in
            // Each part's count is looked up once, not in every comparison of the sort.
            let counted = relation.parts.map { (count: count($0), cell: $0) }.filter { $0.count > 0 }
            return Relation(
                total: relation.total, parts: counted.sorted { ($0.count, $0.cell) < ($1.count, $1.cell) }.map(\.cell))
        }
        // Relations that share no cell are planned one group at a time: withholding a cell of one group never
        // touches another's relations, and every candidate's cost differs only within its group, so this gives
        // the same cells as planning all at once, at a fraction of the work. For the same reason the groups are
        // planned on every core at once: a group reads and adds only its own cells.
        primary.subtract(alreadyWithheld)
        let start = primary.union(alreadyWithheld)
        let groups = Self.independentGroups(relations, cells: counts.count)
        let planned = ConcurrentMap.indices(groups.count) { index in
            Closer(relations: groups[index], count: count, minimumGroupSize: minimumGroupSize, fixed: fixed)
                .withheld(starting: start)
        }
        withheld = planned.reduce(into: start) { $0.formUnion($1) }
    }

    /// The relations split into groups that share no cell, each in the relations' order; the groups in the order
    /// of their first relation.
    ///
    /// Each cell is numbered once (one hash of its path per appearance, in a dictionary made for about `cells`
    /// cells, so that growing does not hash them all again), and the groups are found over the numbers, with the
    /// union-find's paths halved as they are walked, so that no walk rehashes a path.
    private static func independentGroups(_ relations: [Relation], cells: Int) -> [[Relation]] {
        var number: [SuppressionCell: Int] = [:]
        number.reserveCapacity(cells)
        func numbered(_ cell: SuppressionCell) -> Int {
            // One lookup: a cell seen for the first time is inserted with the next number.
            let next = number.count
            return Self.value(of: &number[cell, default: next])
        }
        let numbered = relations.map { relation in
            (total: numbered(relation.total), parts: relation.parts.map(numbered))
        }
        var parent = Array(0..<number.count)
        func root(_ cell: Int) -> Int {
            var cell = cell
            while parent[cell] != cell {
                parent[cell] = parent[parent[cell]]
                cell = parent[cell]
            }
            return cell
        }
        for relation in numbered {
            let top = root(relation.total)
            for part in relation.parts {
                let other = root(part)
                if other != top { parent[other] = top }
            }
        }
        var groupOfRoot: [Int: Int] = [:]
        var groups: [[Relation]] = []
        for (relation, cells) in zip(relations, numbered) {
            let key = root(cells.total)
            if let group = groupOfRoot[key] {
                groups[group].append(relation)
            } else {
                groupOfRoot[key] = groups.count
                groups.append([relation])
            }
        }
        return groups
    }

    /// The value in `slot`: read through an `inout` access, so that a dictionary's defaulted subscript inserts
    /// its default in the same lookup.
    private static func value(of slot: inout Int) -> Int { slot }

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
    /// rules, their order and the tie-breaks are exactly those of the type's documentation; only the work is
    /// less: an array index instead of hashing a path of strings, and a ``Search`` that keeps each relation's
    /// tallies and re-checks only the relations of a newly withheld cell, instead of re-scanning them all.
    private struct Closer {
        /// The group's cells, in sort order: a cell's number is its index here.
        let cells: [SuppressionCell]
        /// Each relation's total, as a number.
        let totals: [Int]
        /// Each relation's non-empty parts, smallest first, as numbers.
        let parts: NumberLists
        let counts: [Int]
        let fixed: [Bool]
        let minimumGroupSize: Int
        /// For each cell, the relations it is the total of.
        let heads: NumberLists
        /// For each cell, the relations it is a part of (once per time it appears among their parts).
        let partOf: NumberLists

        init(
            relations group: [Relation], count: @Sendable (SuppressionCell) -> Int, minimumGroupSize: Int,
            fixed: Set<SuppressionCell>
        ) {
            var distinct = Set<SuppressionCell>()
            for relation in group {
                distinct.insert(relation.total)
                distinct.formUnion(relation.parts)
            }
            cells = distinct.sorted()
            let number = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
            let totals = group.map { number[$0.total]! }
            let parts = NumberLists(group.map { relation in relation.parts.map { number[$0]! } })
            self.totals = totals
            self.parts = parts
            counts = cells.map(count)
            self.fixed = cells.map(fixed.contains)
            self.minimumGroupSize = minimumGroupSize
            var heads = Array(repeating: [Int](), count: cells.count)
            var partOf = Array(repeating: [Int](), count: cells.count)
            for (index, total) in totals.enumerated() {
                heads[total].append(index)
                for slot in parts.slots(of: index) { partOf[parts.items[slot]].append(index) }
            }
            self.heads = NumberLists(heads)
            self.partOf = NumberLists(partOf)
        }

        /// The group's cells withheld: those of `start`, and the complements the group needs.
        ///
        /// The first unmet relation (in the relations' order) takes a candidate: each of its `lookahead`
        /// smallest published parts is tried — withheld, the quick closure run, the cost read, and every change
        /// of the trial undone — and the cheapest is kept.
        func withheld(starting start: Set<SuppressionCell>) -> [SuppressionCell] {
            var search = Search(self, withheld: cells.map(start.contains))
            while let relation = search.firstUnmet() {
                switch search.need(of: relation, candidates: SuppressionPlan.lookahead) {
                case .total(let total):
                    search.withhold(total)
                case .oneOf(let candidates) where candidates.count == 1:
                    // The only candidate is the cheapest: no trial needed.
                    search.withhold(candidates[0])
                case .oneOf(let candidates):
                    var best: (cells: Int, persons: Int, candidate: Int)?
                    for candidate in candidates {
                        let mark = search.mark
                        search.withhold(candidate)
                        // A trial stops once it costs more than the best so far: the cost only grows as the
                        // closure withholds more, so it could not win (the same choice as running it out).
                        let finished = search.closeQuickly(within: best.map { ($0.cells, $0.persons) })
                        let cost = (cells: search.cellsLost, persons: search.personsLost, candidate: candidate)
                        search.undo(to: mark)
                        if finished, best.map({ cost < $0 }) ?? true { best = cost }
                    }
                    search.withhold(best!.candidate)
                }
            }
            return search.withheld.indices.filter { search.withheld[$0] }.map { cells[$0] }
        }
    }

    /// The state of one group's complement search: which cells are withheld, and per relation the tallies its
    /// rules read (parts withheld, their persons, published parts that may still be withheld), with the unmet
    /// relations in a bit set so the first is found without scanning the others. Withholding a cell updates
    /// only the relations it heads or belongs to; a trial undoes its own changes from a log.
    private struct Search {
        let closer: Closer
        /// One flag per cell of the group.
        private(set) var withheld: [Bool]
        /// Per relation: its parts withheld, and the persons they cover.
        private var hiddenParts: [Int]
        private var hiddenPersons: [Int]
        /// Per relation: its published parts that are not fixed (those that may still be withheld).
        private var openParts: [Int]
        /// Bit `r` set: relation `r` is unmet.
        private var unmet: [UInt64]
        /// Every word of ``unmet`` before this one is zero: the search for the first unmet relation starts here
        /// instead of at the first word (a group of a national programme has hundreds of thousands of relations,
        /// and the quick closure looks for the first unmet one after every cell it withholds).
        private var firstUnmetWord = 0
        /// Cells withheld in the group, and the persons they cover (the cost of a trial).
        private(set) var cellsLost = 0
        private(set) var personsLost = 0
        /// The cells withheld, in order, so that a trial can be undone.
        private var log: [Int] = []

        init(_ closer: Closer, withheld: [Bool]) {
            self.closer = closer
            self.withheld = withheld
            let relationCount = closer.totals.count
            hiddenParts = Array(repeating: 0, count: relationCount)
            hiddenPersons = Array(repeating: 0, count: relationCount)
            openParts = Array(repeating: 0, count: relationCount)
            unmet = Array(repeating: 0, count: (relationCount + 63) / 64)
            for index in 0..<relationCount {
                for slot in closer.parts.slots(of: index) {
                    let part = closer.parts.items[slot]
                    if withheld[part] {
                        hiddenParts[index] += 1
                        hiddenPersons[index] += closer.counts[part]
                    } else if !closer.fixed[part] {
                        openParts[index] += 1
                    }
                }
                refresh(index)
            }
            for (index, flag) in withheld.enumerated() where flag {
                cellsLost += 1
                personsLost += closer.counts[index]
            }
        }

        /// Where the log stands: undoing to it takes back everything withheld since.
        var mark: Int { log.count }

        /// The first unmet relation, in the relations' order.
        mutating func firstUnmet() -> Int? {
            while firstUnmetWord < unmet.count {
                let bits = unmet[firstUnmetWord]
                if bits != 0 { return firstUnmetWord * 64 + bits.trailingZeroBitCount }
                firstUnmetWord += 1
            }
            return nil
        }

        /// What the unmet `relation` needs, with at most `candidates` of its published parts, smallest first.
        func need(of relation: Int, candidates limit: Int) -> Need {
            let total = closer.totals[relation]
            if !withheld[total], openParts[relation] == 0 { return .total(total) }
            var candidates: [Int] = []
            for slot in closer.parts.slots(of: relation) {
                let part = closer.parts.items[slot]
                guard !withheld[part], !closer.fixed[part] else { continue }
                candidates.append(part)
                if candidates.count == limit { break }
            }
            return .oneOf(candidates)
        }

        /// What ``need(of:candidates:)`` with one candidate names — the total, or the smallest candidate — without
        /// making an array for it: the quick closure asks once per cell it withholds.
        func firstNeed(of relation: Int) -> Int {
            let total = closer.totals[relation]
            if !withheld[total], openParts[relation] == 0 { return total }
            for slot in closer.parts.slots(of: relation) {
                let part = closer.parts.items[slot]
                if !withheld[part], !closer.fixed[part] { return part }
            }
            preconditionFailure("an unmet relation with a published total has a part that may be withheld")
        }

        /// Meets every relation by withholding the smallest candidate each time; stops early, returning `false`,
        /// once the cells and persons lost exceed `bound` (compared in that order).
        mutating func closeQuickly(within bound: (cells: Int, persons: Int)? = nil) -> Bool {
            while let relation = firstUnmet() {
                if let bound, (cellsLost, personsLost) > bound { return false }
                withhold(firstNeed(of: relation))
            }
            if let bound, (cellsLost, personsLost) > bound { return false }
            return true
        }

        /// Withholds a published cell.
        mutating func withhold(_ cell: Int) {
            assert(!withheld[cell], "a cell is withheld once")
            withheld[cell] = true
            log.append(cell)
            tally(cell, by: 1)
        }

        /// Publishes again every cell withheld since `mark`, latest first.
        mutating func undo(to mark: Int) {
            while log.count > mark {
                let cell = log.removeLast()
                withheld[cell] = false
                tally(cell, by: -1)
            }
        }

        /// Counts a cell's change (`+1` withheld, `-1` published again) in its relations and re-checks them.
        private mutating func tally(_ cell: Int, by sign: Int) {
            let persons = closer.counts[cell]
            cellsLost += sign
            personsLost += sign * persons
            for slot in closer.partOf.slots(of: cell) {
                let relation = closer.partOf.items[slot]
                hiddenParts[relation] += sign
                hiddenPersons[relation] += sign * persons
                if !closer.fixed[cell] { openParts[relation] -= sign }
                refresh(relation)
            }
            for slot in closer.heads.slots(of: cell) { refresh(closer.heads.items[slot]) }
        }

        /// Sets the relation's bit from its rules (see ``SuppressionPlan``).
        private mutating func refresh(_ relation: Int) {
            let isUnmet: Bool
            if withheld[closer.totals[relation]] {
                // A withheld total whose parts are all published is given away by adding them up — unless no
                // part may be withheld (all fixed).
                isUnmet =
                    !closer.parts.slots(of: relation).isEmpty && hiddenParts[relation] == 0
                    && openParts[relation] > 0
            } else {
                let hidden = hiddenParts[relation]
                isUnmet = hidden > 0 && (hidden < 2 || hiddenPersons[relation] < closer.minimumGroupSize)
            }
            let bit = UInt64(1) << UInt64(relation % 64)
            if isUnmet {
                unmet[relation / 64] |= bit
                firstUnmetWord = Swift.min(firstUnmetWord, relation / 64)
            } else {
                unmet[relation / 64] &= ~bit
            }
        }
    }

    /// Lists of numbers (a relation's parts, a cell's relations) in one array, so that reading one retains
    /// nothing: list `i` is `items[starts[i] ..< starts[i + 1]]`.
    private struct NumberLists {
        let items: [Int]
        private let starts: [Int]

        init(_ lists: [[Int]]) {
            var starts = [0]
            starts.reserveCapacity(lists.count + 1)
            var items: [Int] = []
            items.reserveCapacity(lists.reduce(0) { $0 + $1.count })
            for list in lists {
                items.append(contentsOf: list)
                starts.append(items.count)
            }
            self.items = items
            self.starts = starts
        }

        /// Where list `index` lies in ``items``.
        func slots(of index: Int) -> Range<Int> { starts[index]..<starts[index + 1] }
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
