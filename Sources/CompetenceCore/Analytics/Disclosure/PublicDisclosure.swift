/// The one disclosure-control pass of the public reports of a store state: every cell over persons that a
/// public report publishes — the matrix (organisation, `ALL`, region, sector, size class per competence), the
/// effect evaluation (organisation and `ALL`, whole and trained / attended / untrained), the trainings
/// (training, organisation, competence, all participants; the indicators' participant total is that last
/// cell) — is planned together in one ``SuppressionPlan``, and every public report withholds what it says.
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
    /// The one plan.
    let plan: SuppressionPlan

    /// The pass over `state`.
    init(state: LedgerState, options: AnalyticsOptions) {
        let previous = PreviousSnapshot.end(of: state)
        matrix = MatrixCells(state: state, options: options, previousSnapshot: previous)
        effect = EffectCells(state: state, options: options, previousSnapshot: previous)
        var cells = DisclosureCells()
        cells.formUnion(matrix.disclosure)
        cells.formUnion(effect.disclosure)
        cells.formUnion(TrainingDisclosure(state: state, minimumGroupSize: options.minimumGroupSize).cells)
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
