/// The cells of the raters table before disclosure control: per rater, organisation (and `ALL`) and
/// competence, the rating sums of each person's latest answer by that rater, in the matrix's round when one is
/// chosen. Empty when every answer is a self-assessment (the report then has no raters table).
///
/// The rater the matrix reads (``AnalyticsOptions/rater``) rates exactly the matrix cell's persons with the
/// same answers, so its column *is* the matrix cell: it takes the matrix cell's ``SuppressionCell`` and so the
/// matrix cell's decision (a cell the matrix withholds, as primary or complement, is withheld here too). The
/// other raters' cells are cells of their own, linked by their `ALL` by organisation and, in public reports,
/// by their change since the previous public snapshot.
struct RaterCells: Sendable {
    /// Rating sums per cell (only `count` and `current` are read).
    let groups: [SuppressionCell: RatingSums]
    /// The organisation × competence pairs some rater rated.
    let keys: Set<MatrixPair>
    /// The competences, sorted.
    let competences: [CompetenceID]
    /// The cells of the raters other than the matrix's, their relations and changes; the matrix rater's cells
    /// are the matrix's own (``MatrixCells``).
    let disclosure: DisclosureCells
    /// The rater whose column is the matrix's.
    private let matrixRater: Rater?

    /// The cells of `state`; `previousSnapshot` (days since 1970-01-01, ``PreviousSnapshot``) adds each cell's
    /// change since that day (public reports).
    init(state: LedgerState, options: AnalyticsOptions, previousSnapshot: Int32? = nil) {
        self.matrixRater = options.rater
        let table = state.answers
        var othersRated = false
        table.forEachLive { _, row in
            if row.rater != Rater.`self`.rowNumber && row.perspective == .current { othersRated = true }
        }
        guard othersRated else {
            (self.groups, self.keys, self.competences, self.disclosure) = ([:], [], [], DisclosureCells())
            return
        }
        var groups: [SuppressionCell: RatingSums] = [:]
        var changed: [SuppressionCell: Int] = [:]
        var keys: Set<MatrixPair> = []
        let matrixRater = options.rater
        for rater in Rater.allCases {
            LatestAnswers.byPerson(table, rater: rater, round: options.matrixRound) { _, answers in
                for answer in LatestAnswers.perCompetence(answers) {
                    let organisation = table.organisations[answer.organisation]
                    let competence = table.competences[answer.competence]
                    keys.insert(MatrixPair(organisation: organisation, competence: competence))
                    for population in [Population.organisation(organisation), .all] {
                        let cell = Self.cell(rater, population, competence, matrixRater: matrixRater)
                        groups[cell, default: RatingSums()].add(answer)
                        if let previousSnapshot, answer.answeredOn > previousSnapshot { changed[cell, default: 0] += 1 }
                    }
                }
            }
        }
        let competences = Set(keys.map(\.competence)).sorted()
        var disclosure = DisclosureCells()
        for rater in Rater.allCases where rater != matrixRater {
            for competence in competences {
                let organisations = keys.filter { $0.competence == competence }.map(\.organisation).sorted()
                let cellOf = { Self.cell(rater, $0, competence, matrixRater: matrixRater) }
                disclosure.relations.append(
                    SuppressionRelation(total: cellOf(.all), parts: organisations.map { cellOf(.organisation($0)) }))
                for population in organisations.map(Population.organisation) + [.all] {
                    disclosure.counts[cellOf(population)] = groups[cellOf(population)]?.count ?? 0
                }
            }
        }
        for (cell, count) in changed.sorted(by: { $0.key < $1.key }) where disclosure.counts[cell] != nil {
            disclosure.addChangeSincePreviousSnapshot(of: cell, changed: count)
        }
        self.groups = groups
        self.keys = keys
        self.competences = competences
        self.disclosure = disclosure
    }

    /// The cells the raters table publishes beyond the matrix's (the other raters' columns).
    var published: Set<SuppressionCell> { Set(disclosure.counts.keys.filter { $0.path.first == "rater" }) }

    /// The cell of a rater's column for an organisation or `ALL` on a competence.
    func cell(_ rater: Rater, _ population: Population, _ competence: CompetenceID) -> SuppressionCell {
        Self.cell(rater, population, competence, matrixRater: matrixRater)
    }

    private static func cell(
        _ rater: Rater, _ population: Population, _ competence: CompetenceID, matrixRater: Rater?
    ) -> SuppressionCell {
        if rater == matrixRater { return MatrixCells.cell(population, competence) }
        return SuppressionCell("rater", rater.rawValue, population.description, competence.rawValue)
    }
}
