/// Self-assessments beside other raters' ratings: per organisation × competence (then `ALL` per competence), how
/// many persons each rater rated and their mean current level — each rater's latest answer per person, in the
/// matrix's round when one is chosen. Present only where some answer is by a rater other than `self`.
///
/// Each rater's figures are withheld on their own when they are about fewer persons than the minimum group
/// size, or would reveal such a figure through `ALL`.
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

    /// The rows of `state`, or none when every answer is a self-assessment; adds the cells it withholds to
    /// `withheld`.
    static func rows(
        _ state: LedgerState, round: RoundID?, minimumGroupSize: Int, withheld: inout WithheldCells
    ) -> [RaterComparisonRow] {
        let table = state.answers
        var othersRated = false
        table.forEachLive { _, row in
            if row.rater != Rater.`self`.rowNumber && row.perspective == .current { othersRated = true }
        }
        guard othersRated else { return [] }
        var groups: [SuppressionCell: [Int]] = [:]
        var keys: Set<MatrixPair> = []
        for rater in Rater.allCases {
            LatestAnswers.byPerson(table, rater: rater, round: round) { _, answers in
                for answer in LatestAnswers.perCompetence(answers) {
                    let organisation = table.organisations[answer.organisation]
                    let competence = table.competences[answer.competence]
                    keys.insert(MatrixPair(organisation: organisation, competence: competence))
                    groups[cell(rater, .organisation(organisation), competence), default: []].append(answer.current)
                    groups[cell(rater, .all, competence), default: []].append(answer.current)
                }
            }
        }
        let competences = Set(keys.map(\.competence)).sorted()
        var relations: [SuppressionRelation] = []
        for competence in competences {
            let organisations = keys.filter { $0.competence == competence }.map(\.organisation).sorted()
            for rater in Rater.allCases {
                relations.append(
                    SuppressionRelation(
                        total: cell(rater, .all, competence),
                        parts: organisations.map { cell(rater, .organisation($0), competence) }))
            }
        }
        let plan = SuppressionPlan(
            counts: groups.mapValues(\.count), relations: relations, minimumGroupSize: minimumGroupSize)
        withheld = withheld + WithheldCells(plan)
        let ordered =
            keys.sorted { ($0.organisation, $0.competence) < ($1.organisation, $1.competence) }
            .map { (Population.organisation($0.organisation), $0.competence) }
            + competences.map { (Population.all, $0) }
        return ordered.map { population, competence in
            var row = RaterComparisonRow(
                population: population, competence: competence, respondents: [:], meanCurrent: [:], suppressed: false)
            for rater in Rater.allCases {
                let key = cell(rater, population, competence)
                guard let levels = groups[key], !levels.isEmpty else { continue }
                guard !plan.isWithheld(key) else {
                    row.suppressed = true
                    continue
                }
                row.respondents[rater] = levels.count
                row.meanCurrent[rater] = Double(levels.reduce(0, +)) / Double(levels.count)
            }
            return row
        }
    }

    private static func cell(_ rater: Rater, _ population: Population, _ competence: CompetenceID) -> SuppressionCell {
        SuppressionCell("rater", rater.rawValue, population.description, competence.rawValue)
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
