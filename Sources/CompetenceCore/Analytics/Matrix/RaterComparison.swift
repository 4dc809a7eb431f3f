/// Self-assessments beside other raters' ratings: per organisation × competence (then `ALL` per competence), how
/// many persons each rater rated and their mean current level — each rater's latest answer per person, in the
/// matrix's round when one is chosen. Present only where some answer is by a rater other than `self`.
///
/// Disclosure control is the matrix's (``RaterCells``): the column of the rater the matrix reads is the matrix
/// cell and is withheld exactly where the matrix withholds it; the other raters' cells are planned with the
/// matrix's (in public reports, in the one public pass), below k persons or revealing one through `ALL`.
public struct RaterComparisonRow: Hashable, Sendable {
    /// An organisation, or `ALL`.
    public var population: Population
    /// The competence.
    public var competence: CompetenceID
    /// Per rater (every ``Rater``, in declaration order): persons rated, or `nil` when withheld or none.
    public var respondents: [Rater: Int]
    /// Per rater: the mean current level, or `nil` when withheld or none.
    public var meanCurrent: [Rater: Double]
    /// Whether some rater's figures of the row are withheld.
    public var suppressed: Bool

    /// The rows of `cells` (none when every answer is a self-assessment), withheld as `plan` says: the matrix's
    /// plan, so the matrix rater's column takes the matrix cell's decision (``RaterCells``).
    static func rows(_ cells: RaterCells, plan: SuppressionPlan) -> [RaterComparisonRow] {
        let ordered =
            cells.keys.sorted { ($0.organisation, $0.competence) < ($1.organisation, $1.competence) }
            .map { (Population.organisation($0.organisation), $0.competence) }
            + cells.competences.map { (Population.all, $0) }
        return ordered.map { population, competence in
            var row = RaterComparisonRow(
                population: population, competence: competence, respondents: [:], meanCurrent: [:], suppressed: false)
            for rater in Rater.allCases {
                let key = cells.cell(rater, population, competence)
                guard let sums = cells.groups[key], sums.count > 0 else { continue }
                guard !plan.isWithheld(key) else {
                    row.suppressed = true
                    continue
                }
                row.respondents[rater] = sums.count
                row.meanCurrent[rater] = sums.current / Double(sums.count)
            }
            return row
        }
    }
}

extension RaterComparisonRow: TableRow {
    /// `organisation,competence`, then `RATER_n,RATER_mean_current` for self, manager, consultant and peer, then
    /// `suppressed`.
    public static let columns =
        ["organisation", "competence"] + Rater.allCases.flatMap { ["\($0.rawValue)_n", "\($0.rawValue)_mean_current"] }
        + ["suppressed"]

    public var cells: [String] {
        [population.description, competence.rawValue]
            + Rater.allCases.flatMap {
                [CellFormat.count(respondents[$0]), CellFormat.number(meanCurrent[$0])]
            } + [CellFormat.flag(suppressed)]
    }
}
