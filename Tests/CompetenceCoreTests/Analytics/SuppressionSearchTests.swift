import PropertyBased
import Testing

@testable import CompetenceCore

/// The suppression plan's incremental complement search (numbered cells, per-relation tallies, trials that
/// undo themselves, independent groups) checked against the documented rules applied literally: every
/// relation re-scanned over sets of cells after each withheld one, all relations planned at once.
@Suite("Suppression plan: the incremental search = the documented rules applied literally")
struct SuppressionSearchTests {
    /// The rules of ``SuppressionPlan`` as its documentation states them, with nothing made faster.
    struct LiteralRules {
        let counts: [SuppressionCell: Int]
        let relations: [(total: SuppressionCell, parts: [SuppressionCell])]
        let minimumGroupSize: Int
        let fixed: Set<SuppressionCell>

        init(
            counts: [SuppressionCell: Int], relations: [SuppressionRelation], minimumGroupSize: Int,
            fixed: Set<SuppressionCell>
        ) {
            self.counts = counts
            self.minimumGroupSize = minimumGroupSize
            self.fixed = fixed
            let count = { (cell: SuppressionCell) in counts[cell, default: 0] }
            self.relations = relations.sorted().map { relation in
                (relation.total, relation.parts.filter { count($0) > 0 }.sorted { (count($0), $0) < (count($1), $1) })
            }
        }

        func primary(alreadyWithheld: Set<SuppressionCell>) -> Set<SuppressionCell> {
            Set(counts.keys.filter { !fixed.contains($0) && (1..<minimumGroupSize).contains(counts[$0]!) })
                .subtracting(alreadyWithheld)
        }

        func withheld(alreadyWithheld: Set<SuppressionCell>) -> Set<SuppressionCell> {
            var withheld = primary(alreadyWithheld: alreadyWithheld).union(alreadyWithheld)
            while let need = firstUnmet(withheld) {
                switch need {
                case .total(let total): withheld.insert(total)
                case .oneOf(let candidates):
                    let costs = candidates.prefix(SuppressionPlan.lookahead).map { candidate in
                        let closed = quickClosure(withheld.union([candidate]))
                        return (closed.count, closed.reduce(0) { $0 + counts[$1, default: 0] }, candidate)
                    }
                    withheld.insert(costs.min { $0 < $1 }!.2)
                }
            }
            return withheld
        }

        enum Need {
            case total(SuppressionCell)
            case oneOf([SuppressionCell])
        }

        func firstUnmet(_ withheld: Set<SuppressionCell>) -> Need? {
            for (total, parts) in relations {
                let published = parts.filter { !withheld.contains($0) }
                let candidates = published.filter { !fixed.contains($0) }
                if withheld.contains(total) {
                    if !parts.isEmpty, published.count == parts.count, !candidates.isEmpty { return .oneOf(candidates) }
                    continue
                }
                let hidden = parts.filter(withheld.contains)
                guard !hidden.isEmpty else { continue }
                if hidden.count < 2 || hidden.reduce(0, { $0 + counts[$1, default: 0] }) < minimumGroupSize {
                    return candidates.isEmpty ? .total(total) : .oneOf(candidates)
                }
            }
            return nil
        }

        func quickClosure(_ start: Set<SuppressionCell>) -> Set<SuppressionCell> {
            var withheld = start
            while let need = firstUnmet(withheld) {
                switch need {
                case .total(let total): withheld.insert(total)
                case .oneOf(let candidates): withheld.insert(candidates[0])
                }
            }
            return withheld
        }
    }

    /// A programme's matrix shape: organisations in regions, sectors and size classes, per competence; `ALL`
    /// and every grouping as totals of the organisations, `ALL` also of the groupings. Competences with a
    /// shared total across them (`linked`) make one group; otherwise one group per competence.
    struct Shape: CustomStringConvertible {
        var organisations: [(region: Int, sector: Int, size: Int, persons: [Int])]
        var competences: Int
        var linked: Bool
        var fixedEvery: Int
        var alreadyEvery: Int

        var description: String {
            "\(organisations.count) organisations, \(competences) competences, linked \(linked), "
                + "fixed every \(fixedEvery), already every \(alreadyEvery): \(organisations.map(\.persons))"
        }

        func build() -> (
            counts: [SuppressionCell: Int], relations: [SuppressionRelation], fixed: Set<SuppressionCell>,
            already: Set<SuppressionCell>
        ) {
            var counts: [SuppressionCell: Int] = [:]
            var relations: [SuppressionRelation] = []
            var fixed: Set<SuppressionCell> = []
            var already: Set<SuppressionCell> = []
            for competence in 0..<competences {
                let c = "c\(competence)"
                let all = SuppressionCell(c, "ALL")
                var groupings: [String: [SuppressionCell]] = [:]
                var orgs: [SuppressionCell] = []
                for (index, organisation) in organisations.enumerated() {
                    let cell = SuppressionCell(c, "org\(index)")
                    orgs.append(cell)
                    let persons = organisation.persons[competence % organisation.persons.count]
                    counts[cell] = persons
                    counts[all, default: 0] += persons
                    for key in [
                        "region\(organisation.region)", "sector\(organisation.sector)", "size\(organisation.size)",
                    ] {
                        let grouping = SuppressionCell(c, key)
                        counts[grouping, default: 0] += persons
                        groupings[key, default: []].append(cell)
                    }
                    if fixedEvery > 0, (index + competence) % fixedEvery == 0 { fixed.insert(cell) }
                    if alreadyEvery > 0, (index * 3 + competence) % alreadyEvery == 0 { already.insert(cell) }
                }
                relations.append(SuppressionRelation(total: all, parts: orgs))
                for prefix in ["region", "sector", "size"] {
                    let keys = groupings.keys.filter { $0.hasPrefix(prefix) }.sorted()
                    relations.append(
                        SuppressionRelation(total: all, parts: keys.map { SuppressionCell(c, $0) }))
                    for key in keys {
                        relations.append(
                            SuppressionRelation(total: SuppressionCell(c, key), parts: groupings[key]!))
                    }
                }
                if linked {
                    // A total over the competences, as a programme-wide figure partitioned by competence.
                    let everything = SuppressionCell("EVERY", "ALL")
                    counts[everything, default: 0] += counts[all]!
                    if competence == competences - 1 {
                        relations.append(
                            SuppressionRelation(
                                total: everything, parts: (0..<competences).map { SuppressionCell("c\($0)", "ALL") }))
                    }
                }
            }
            return (counts, relations, fixed, already)
        }
    }

    static let shapes = zip(
        zip(Gen.int(in: 0...3), Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 1...12).array(of: 1...3))
            .map { (region: $0, sector: $1, size: $2, persons: $3) }
            .array(of: 1...14),
        Gen.int(in: 1...3), Gen.bool, Gen.int(in: 0...7), Gen.int(in: 0...9)
    ).map { Shape(organisations: $0, competences: $1, linked: $2, fixedEvery: $3, alreadyEvery: $4) }

    @Test func theSearchWithholdsExactlyWhatTheRulesAppliedLiterallyDo() async {
        await propertyCheck(count: 300, input: Self.shapes, Gen.int(in: 3...6)) { shape, minimumGroupSize in
            let (counts, relations, fixed, already) = shape.build()
            let plan = SuppressionPlan(
                counts: counts, relations: relations, minimumGroupSize: minimumGroupSize, fixed: fixed,
                alreadyWithheld: already)
            let rules = LiteralRules(
                counts: counts, relations: relations, minimumGroupSize: minimumGroupSize, fixed: fixed)
            #expect(plan.withheld == rules.withheld(alreadyWithheld: already), "\(shape), k = \(minimumGroupSize)")
            #expect(plan.primary == rules.primary(alreadyWithheld: already))
        }
    }

    @Test func aGroupOfAThousandOrganisationsIsPlannedAsTheRulesSay() {
        // A national programme's size of group (the literal rules would take minutes here): the rules' promise
        // holds on every relation of the result.
        var organisations: [(region: Int, sector: Int, size: Int, persons: [Int])] = []
        var seed: UInt64 = 0x5EED
        func next(_ range: ClosedRange<Int>) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((seed >> 33) % UInt64(range.count))
        }
        for _ in 0..<1_000 {
            organisations.append((next(0...18), next(0...11), next(0...3), [next(1...40), next(1...8)]))
        }
        let shape = Shape(organisations: organisations, competences: 2, linked: true, fixedEvery: 0, alreadyEvery: 0)
        let (counts, relations, _, _) = shape.build()
        let plan = SuppressionPlan(counts: counts, relations: relations, minimumGroupSize: 5)
        #expect(!plan.primary.isEmpty)
        // Every relation's rules hold on the result.
        for relation in relations {
            let parts = relation.parts.filter { counts[$0, default: 0] > 0 }
            let hidden = parts.filter(plan.isWithheld)
            if plan.isWithheld(relation.total) {
                #expect(
                    parts.isEmpty || !hidden.isEmpty, "withheld \(relation.total) is the sum of its published parts")
            } else if !hidden.isEmpty {
                #expect(hidden.count >= 2, "\(relation.total): one withheld part is its total minus the others")
                #expect(hidden.reduce(0) { $0 + counts[$1]! } >= 5, "\(relation.total)")
            }
        }
    }
}
