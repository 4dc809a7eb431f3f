/// One scope's view of the public disclosure pass (``PublicDisclosurePass``): the matrix and effect cells of
/// the scope's state, and the pass's plan with the scope's cells under their own paths. Every public report
/// of the scope withholds what this plan says.
struct PublicDisclosure: Sendable {
    /// The matrix's cells.
    let matrix: MatrixCells
    /// The effect evaluation's cells.
    let effect: EffectCells
    /// The raters table's cells (the matrix rater's column is the matrix's cells).
    let raters: RaterCells
    /// The then-test table's cells, linked to the effect cells of the same persons.
    let thenTest: ThenTestCells
    /// The reaction cells (ratings per training).
    let reactions: DisclosureCells
    /// The outcome report's rows and cells: the indicator values (the timeline's too) and persons completing.
    let outcomes: OutcomeCells
    /// The plan, as the scope's reports read it.
    let plan: SuppressionPlan

    /// The view of `cells` under `plan`.
    fileprivate init(_ cells: PublicDisclosurePass.Cells, plan: SuppressionPlan) {
        matrix = cells.matrix
        effect = cells.effect
        raters = cells.raters
        thenTest = cells.thenTest
        reactions = cells.reactions
        outcomes = cells.outcomes
        self.plan = plan
    }
}

/// The one disclosure-control pass of the public reports of a store state: every cell over persons that a
/// public report publishes — the matrix (organisation, `ALL`, region, sector, size class per competence), the
/// effect evaluation (organisation and `ALL`, whole and trained / attended / untrained), the trainings
/// (training, organisation, competence, all participants; the indicators' participant total is that last
/// cell), the raters table (``RaterCells``: the matrix rater's column is the matrix cell itself), the then-test
/// table (``ThenTestCells``: linked to the effect cell of the same persons), the reaction scores per training,
/// the indicator values of the timeline and the outcome report (``IndicatorCells``), the outcome report's
/// persons completing a training (``OutcomeCells``) and the indicators' person counts — is planned together in
/// one ``SuppressionPlan``, for the whole ledger and for every programme, and every public report withholds
/// what it says. Two public reports of the
/// same state therefore share one pattern: a cell one withholds is withheld in all.
///
/// Beyond each report's own relations the pass links the reports, the snapshots and the programmes:
/// - the matrix cell of an organisation (or `ALL`) on a competence, over each person's latest answer, is the
///   effect cell of the persons paired there plus the unpaired rest: a rest of fewer than k persons is a
///   primary cell, so the matrix minus the effect's follow-up cannot give it back;
/// - every cell is its figure at the previous public snapshot (``PreviousSnapshot``; fixed, already out) plus
///   the persons whose answer came since: fewer than k of those withhold the cell now;
/// - programme is a linked dimension: each cell of the unscoped reports is the same cell of every programme's
///   reports plus the persons of organisations in no programme (a rest, never published; fewer than k of them
///   is primary). A programme cell below k is primary, and a complement is withheld so that `ALL` minus the
///   other programmes gives nothing back. When one programme covers every organisation, its reports are the
///   unscoped ones and nothing is added. A pilot scope, when asked for, is planned after the pass, linked to its
///   programme's cells the same way, without changing what the pass withholds or publishes.
///
/// The counts of the rest and of the change are person counts of the two reports' cells (latest answers vs
/// paired persons; answers after the previous snapshot's day). This defeats subtraction along each relation;
/// it is not a full audit over every combination of reports and snapshots.
struct PublicDisclosurePass: Sendable {
    /// The first path element of every scoped cell.
    static let root = "scope"

    /// One scope's cells.
    fileprivate struct Cells: Sendable {
        let matrix: MatrixCells
        let effect: EffectCells
        let raters: RaterCells
        let thenTest: ThenTestCells
        let reactions: DisclosureCells
        let outcomes: OutcomeCells
        let disclosure: DisclosureCells
    }

    /// The one plan, over the unscoped cells and every programme's (under ``prefix(of:)``).
    let plan: SuppressionPlan
    private let whole: Cells
    private let scoped: [ScopeMembers: Cells]
    /// The previous public snapshot's end, the unscoped state's: the same for every scope, so cells add up.
    private let previous: Int32?

    /// The pass over `state` (the unscoped state): the whole ledger and each programme that does not cover it
    /// all.
    /// The pass over `state`; `whenCounted` is told the whole state's effect cells as soon as they are counted,
    /// before the rest of the pass (the effect evaluation starts its permutation tests there).
    init(state: LedgerState, options: AnalyticsOptions, whenCounted: (EffectCells) -> Void = { _ in }) {
        let previous = PreviousSnapshot.end(of: state)
        whole = Self.cells(of: state, options: options, previous: previous)
        whenCounted(whole.effect)
        var programmes: [ScopeMembers] = []
        for programme in state.programmes.keys.sorted() {
            guard let members = try? ScopeMembers(ReportScope(programme: programme), in: state),
                !members.coversEverything
            else { continue }
            programmes.append(members)
        }
        var scoped: [ScopeMembers: Cells] = [:]
        for members in programmes {
            scoped[members] = Self.cells(of: state.restricted(to: members), options: options, previous: previous)
        }
        var all = whole.disclosure
        for members in programmes { all.formUnion(scoped[members]!.disclosure.prefixed(Self.prefix(of: members))) }
        // ALL = the programmes + the organisations in none of them, cell by cell.
        if !programmes.isEmpty {
            Self.link(
                whole.disclosure, prefix: [], to: programmes.map { ($0, scoped[$0]!.disclosure) }, rest: "programmes",
                into: &all)
        }
        plan = all.plan(minimumGroupSize: options.minimumGroupSize)
        self.scoped = scoped
        self.previous = previous
    }

    /// The view of the scope `members` of `state` (the unscoped state this pass was planned over): the unscoped
    /// view when it covers everything, a programme's planned cells, or — for a pilot — the pilot's cells planned
    /// against this pass's pattern, which they cannot change (the pilot's parent cells, its programme's or the
    /// unscoped ones, keep what the pass withholds and publishes, so every other report keeps one pattern).
    func disclosure(for members: ScopeMembers, of state: LedgerState, options: AnalyticsOptions) -> PublicDisclosure {
        if members.coversEverything {
            return PublicDisclosure(whole, plan: plan.view(outside: Self.root))
        }
        if let cells = scoped[members] {
            return PublicDisclosure(cells, plan: plan.view(under: Self.prefix(of: members)))
        }
        let cells = Self.cells(of: state.restricted(to: members), options: options, previous: previous)
        let parent = scoped.keys.first { $0.pilot == nil && $0.programme == members.programme }
        let parentCells = parent.map { scoped[$0]!.disclosure } ?? whole.disclosure
        let parentPrefix = parent.map(Self.prefix(of:)) ?? []
        var all = cells.disclosure.prefixed(Self.prefix(of: members))
        var published: Set<SuppressionCell> = []
        var withheld: Set<SuppressionCell> = []
        for (cell, count) in parentCells.counts {
            let placed = SuppressionCell(path: parentPrefix + cell.path)
            all.counts[placed] = count
            if plan.isWithheld(placed) { withheld.insert(placed) } else { published.insert(placed) }
        }
        Self.link(
            parentCells, prefix: parentPrefix, to: [(members, cells.disclosure)],
            rest: Self.prefix(of: members).joined(separator: "-"), into: &all)
        let pilotPlan = SuppressionPlan(
            counts: all.counts, relations: all.relations, minimumGroupSize: options.minimumGroupSize,
            fixed: all.fixed.union(published), alreadyWithheld: withheld)
        return PublicDisclosure(cells, plan: pilotPlan.view(under: Self.prefix(of: members)))
    }

    /// Where a scope's cells live in the plan: `scope/programme/ID` or `scope/pilot/ID`.
    private static func prefix(of members: ScopeMembers) -> [String] {
        if let pilot = members.pilot { return [root, "pilot", pilot.rawValue] }
        return [root, "programme", members.programme?.rawValue ?? ""]
    }

    /// For every cell of `parent` (whose cells live under `prefix`): the parent's cell is the same cell of each
    /// of `scopes` plus a rest (the persons in none of them; never published).
    private static func link(
        _ parent: DisclosureCells, prefix: [String], to scopes: [(ScopeMembers, DisclosureCells)], rest: String,
        into all: inout DisclosureCells
    ) {
        for (cell, count) in parent.counts.sorted(by: { $0.key < $1.key }) {
            var parts: [SuppressionCell] = []
            var covered = 0
            for (members, cells) in scopes {
                guard let part = cells.counts[cell] else { continue }
                parts.append(SuppressionCell(path: Self.prefix(of: members) + cell.path))
                covered += part
            }
            guard !parts.isEmpty else { continue }
            let remainder = SuppressionCell(path: [root, "rest", rest] + cell.path)
            all.counts[remainder] = max(0, count - covered)
            parts.append(remainder)
            all.relations.append(SuppressionRelation(total: SuppressionCell(path: prefix + cell.path), parts: parts))
        }
    }

    /// The cells of one scope's state, every report's, with the links between the matrix and the effect.
    private static func cells(of state: LedgerState, options: AnalyticsOptions, previous: Int32?) -> Cells {
        // The effect's cells (the largest part) are counted beside all the others, which do not read them.
        let ((effect, thenTest), (matrix, raters, reactions, outcomes, training, indicators)) = ConcurrentMap.pair(
            {
                let effect = EffectCells(state: state, options: options, previousSnapshot: previous)
                return (effect, ThenTestCells(changes: effect.changes, previousSnapshot: previous))
            },
            {
                (
                    MatrixCells(state: state, options: options, previousSnapshot: previous),
                    RaterCells(state: state, options: options, previousSnapshot: previous),
                    ReactionRow.cells(state, previousSnapshot: previous),
                    OutcomeCells(state: state, previousSnapshot: previous),
                    TrainingDisclosure(
                        state: state, minimumGroupSize: options.minimumGroupSize, previousSnapshot: previous
                    ).cells,
                    IndicatorPersons(state: state).cells
                )
            })
        var cells = DisclosureCells(merging: [
            matrix.disclosure, effect.disclosure, raters.disclosure, thenTest.disclosure, reactions,
            outcomes.disclosure, training, indicators,
        ])
        for competence in effect.competences {
            let organisations = effect.pairs.filter { $0.competence == competence }.map(\.organisation).sorted()
            for population in organisations.map(Population.organisation) + [.all] {
                let latest = MatrixCells.cell(population, competence)
                let paired = EffectCells.cell(.whole, population, competence)
                guard let everyone = cells.counts[latest], let pairedCount = cells.counts[paired], pairedCount > 0
                else { continue }
                let rest = SuppressionCell(path: ["unpaired"] + latest.path)
                cells.counts[rest] = max(0, everyone - pairedCount)
                cells.relations.append(SuppressionRelation(total: latest, parts: [paired, rest]))
            }
        }
        return Cells(
            matrix: matrix, effect: effect, raters: raters, thenTest: thenTest, reactions: reactions,
            outcomes: outcomes, disclosure: cells)
    }
}
