/// The cells of the skills matrix before disclosure control: the rating sums of each organisation, `ALL` and
/// each region, sector and size class per competence, the relations between them, and how many of each
/// cell's persons answered since the previous public snapshot.
struct MatrixCells: Sendable {
    /// Rating sums per cell.
    let groups: [SuppressionCell: RatingSums]
    /// Persons per cell (respondents) and the relations: `ALL` by organisation and by each dimension's groups,
    /// each group by its organisations; with ``PreviousSnapshot`` given, each cell's change since then.
    let disclosure: DisclosureCells
    /// The organisation × competence pairs the matrix has rows for.
    let surveyed: Set<MatrixPair>
    /// The competences, sorted.
    let competences: [CompetenceID]
    /// The breakdown cells.
    let breakdown: [(BreakdownDimension, String, CompetenceID)]

    /// The cells of `state`; `previousSnapshot` (days since 1970-01-01, ``PreviousSnapshot``) adds each cell's
    /// change since that day (public reports).
    init(state: LedgerState, options: AnalyticsOptions, previousSnapshot: Int32? = nil) {
        // Each person's latest rating per competence, summed per organisation × competence (every figure of
        // a cell is a count or a mean of whole numbers, so sums are all a cell needs).
        let table = state.answers
        var sums: [PackedPair: RatingSums] = [:]
        var changed: [PackedPair: Int] = [:]
        LatestAnswers.byPerson(table, rater: options.rater, round: options.matrixRound) { _, answers in
            for answer in LatestAnswers.perCompetence(answers) {
                let pair = PackedPair(answer.organisation, answer.competence)
                sums[pair, default: RatingSums()].add(answer)
                if let previousSnapshot, answer.answeredOn > previousSnapshot { changed[pair, default: 0] += 1 }
            }
        }

        // The organisation × competence cells: every pair a round asked about, and every pair answered.
        var surveyed: Set<MatrixPair> = []
        for round in state.rounds.values where options.matrixRound == nil || round.id == options.matrixRound {
            for organisation in round.opening.event.organisations {
                for competence in round.opening.event.competences {
                    surveyed.insert(MatrixPair(organisation: organisation, competence: competence))
                }
            }
        }
        var ratings: [MatrixPair: RatingSums] = [:]
        var changedPersons: [MatrixPair: Int] = [:]
        for (packed, pairSums) in sums {
            let pair = MatrixPair(
                organisation: table.organisations[packed.organisation], competence: table.competences[packed.competence]
            )
            ratings[pair] = pairSums
            changedPersons[pair] = changed[packed]
            surveyed.insert(pair)
        }
        let competences = Set(surveyed.map(\.competence)).sorted()

        var groups: [SuppressionCell: RatingSums] = [:]
        var changes: [SuppressionCell: Int] = [:]
        var relations: [SuppressionRelation] = []
        var breakdown: [(BreakdownDimension, String, CompetenceID)] = []
        for competence in competences {
            let all = Self.cell(.all, competence)
            let organisations = surveyed.filter { $0.competence == competence }.map(\.organisation).sorted()
            for organisation in organisations {
                let pair = MatrixPair(organisation: organisation, competence: competence)
                groups[Self.cell(.organisation(organisation), competence)] = ratings[pair] ?? RatingSums()
                changes[Self.cell(.organisation(organisation), competence)] = changedPersons[pair] ?? 0
            }
            let cellsOf = { (organisations: [OrganisationID]) in
                organisations.map { Self.cell(.organisation($0), competence) }
            }
            groups[all] = cellsOf(organisations).reduce(into: RatingSums()) { $0.add(groups[$1]!) }
            changes[all] = cellsOf(organisations).reduce(0) { $0 + changes[$1]! }
            relations.append(SuppressionRelation(total: all, parts: cellsOf(organisations)))
            for dimension in BreakdownDimension.allCases {
                var members: [String: [OrganisationID]] = [:]
                for organisation in organisations {
                    guard let record = state.organisations[organisation] else { continue }
                    members[dimension.group(of: record.enrolment.event), default: []].append(organisation)
                }
                for (group, organisations) in members.sorted(by: { $0.key < $1.key }) {
                    let cell = Self.cell(dimension, group, competence)
                    groups[cell] = cellsOf(organisations).reduce(into: RatingSums()) { $0.add(groups[$1]!) }
                    changes[cell] = cellsOf(organisations).reduce(0) { $0 + changes[$1]! }
                    relations.append(SuppressionRelation(total: cell, parts: cellsOf(organisations)))
                    breakdown.append((dimension, group, competence))
                }
                relations.append(
                    SuppressionRelation(
                        total: all, parts: members.keys.sorted().map { Self.cell(dimension, $0, competence) }))
            }
        }
        var disclosure = DisclosureCells(counts: groups.mapValues(\.count), relations: relations)
        for (cell, count) in changes.sorted(by: { $0.key < $1.key }) {
            disclosure.addChangeSincePreviousSnapshot(of: cell, changed: count)
        }
        self.groups = groups
        self.disclosure = disclosure
        self.surveyed = surveyed
        self.competences = competences
        self.breakdown = breakdown
    }

    /// The cell of an organisation or `ALL` on a competence.
    static func cell(_ population: Population, _ competence: CompetenceID) -> SuppressionCell {
        switch population {
        case .organisation(let id): SuppressionCell("matrix", "organisation", id.rawValue, competence.rawValue)
        case .all: SuppressionCell("matrix", "all", competence.rawValue)
        }
    }

    /// The cell of a region, sector or size class on a competence.
    static func cell(_ dimension: BreakdownDimension, _ group: String, _ competence: CompetenceID) -> SuppressionCell {
        SuppressionCell("matrix", dimension.rawValue, group, competence.rawValue)
    }
}

/// An organisation and a competence by their numbers in an ``AnswerTable``.
private struct PackedPair: Hashable {
    var organisation: Int32
    var competence: Int32

    init(_ organisation: Int32, _ competence: Int32) {
        self.organisation = organisation
        self.competence = competence
    }
}
