/// The one disclosure-control pass of the public reports of a store state: every cell over persons that a
/// public report publishes — the matrix (organisation, `ALL`, region, sector, size class per competence), the
/// effect evaluation (organisation and `ALL`, whole and trained / attended / untrained), the trainings
/// (training, organisation, competence, all participants; the indicators' participant total is that last
/// cell), the raters table (``RaterCells``: the matrix rater's column is the matrix cell itself), the then-test
/// table (``ThenTestCells``: linked to the effect cell of the same persons), the reaction scores per training,
/// the indicator values of the timeline and the outcome report (``IndicatorCells``) and the outcome report's
/// persons completing a training (``OutcomeCells``) — is planned together in one ``SuppressionPlan``, and every
/// public report withholds what it says.
/// Two public reports of the same state therefore share one pattern: a cell one withholds is withheld in all.
///
/// Beyond each report's own relations the pass links the reports and the snapshots:
/// - the matrix cell of an organisation (or `ALL`) on a competence, over each person's latest answer, is the
///   effect cell of the persons paired there plus the unpaired rest: a rest of fewer than k persons is a
///   primary cell, so the matrix minus the effect's follow-up cannot give it back;
/// - every cell is its figure at the previous public snapshot (``PreviousSnapshot``; fixed, already out) plus
///   the persons whose answer came since: fewer than k of those withhold the cell now.
///
/// The counts of the rest and of the change are person counts of the two reports' cells (latest answers vs
/// paired persons; answers after the previous snapshot's day). This defeats subtraction along each relation;
/// it is not a full audit over every combination of reports and snapshots.
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
    /// The one plan.
    let plan: SuppressionPlan

    /// The pass over `state`.
    init(state: LedgerState, options: AnalyticsOptions) {
        let previous = PreviousSnapshot.end(of: state)
        matrix = MatrixCells(state: state, options: options, previousSnapshot: previous)
        effect = EffectCells(state: state, options: options, previousSnapshot: previous)
        raters = RaterCells(state: state, options: options, previousSnapshot: previous)
        thenTest = ThenTestCells(changes: effect.changes, previousSnapshot: previous)
        reactions = ReactionRow.cells(state, previousSnapshot: previous)
        outcomes = OutcomeCells(state: state, previousSnapshot: previous)
        var cells = DisclosureCells()
        cells.formUnion(matrix.disclosure)
        cells.formUnion(effect.disclosure)
        cells.formUnion(raters.disclosure)
        cells.formUnion(thenTest.disclosure)
        cells.formUnion(reactions)
        cells.formUnion(outcomes.disclosure)
        cells.formUnion(
            TrainingDisclosure(state: state, minimumGroupSize: options.minimumGroupSize, previousSnapshot: previous)
                .cells)
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
        plan = cells.plan(minimumGroupSize: options.minimumGroupSize)
    }
}
