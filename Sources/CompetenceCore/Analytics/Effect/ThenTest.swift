/// The then-test estimate beside the pre → post one: for the paired persons who, at follow-up, also rated where
/// they stood before the training (`retrospective-pre`, by the same rater), the change from that retrospective
/// level to their follow-up level, and — for the same persons — the change from their baseline answer.
///
/// Rows exist only where such answers exist (per organisation × competence, then `ALL` per competence); a row
/// about fewer persons than the minimum group size is withheld, as is an organisation's row that would reveal
/// one that is through `ALL`.
public struct ThenTestRow: Hashable, Sendable {
    /// An organisation, or `ALL`.
    public var population: Population
    /// The competence.
    public var competence: CompetenceID
    /// Paired persons with a then-test answer.
    public var count: Int?
    /// Their mean retrospective (then-test) level.
    public var retrospectiveMean: Double?
    /// Their mean follow-up level.
    public var followUpMean: Double?
    /// The mean change from the retrospective level to the follow-up level.
    public var thenTestChange: Double?
    /// The mean change from the baseline level to the follow-up level, for the same persons.
    public var prePostChange: Double?
    /// Whether the row's figures are withheld for privacy.
    public var suppressed: Bool

    /// The rows of `changes` (every paired change of one evaluation).
    /// Adds the cells it withholds to `withheld`.
    static func rows(
        _ changes: PairedChanges, minimumGroupSize: Int, withheld: inout WithheldCells
    ) -> [ThenTestRow] {
        var rated: [CompetenceID: [PairedChange]] = [:]
        for (competence, list) in changes.byCompetence {
            let members = list.filter { $0.retrospective != nil }
            if !members.isEmpty { rated[competence] = members }
        }
        let competences = rated.keys.sorted()
        var groups: [SuppressionCell: [PairedChange]] = [:]
        var relations: [SuppressionRelation] = []
        var ordered: [(Population, CompetenceID)] = []
        for competence in competences {
            let members = rated[competence]!
            let byOrganisation = Dictionary(grouping: members) { changes.organisations[$0.organisation] }
            let organisations = byOrganisation.keys.sorted()
            for organisation in organisations {
                groups[cell(.organisation(organisation), competence)] = byOrganisation[organisation]!
                ordered.append((.organisation(organisation), competence))
            }
            groups[cell(.all, competence)] = members
            relations.append(
                SuppressionRelation(
                    total: cell(.all, competence),
                    parts: organisations.map { cell(.organisation($0), competence) }))
        }
        ordered += competences.map { (.all, $0) }
        let plan = SuppressionPlan(
            counts: groups.mapValues(\.count), relations: relations, minimumGroupSize: minimumGroupSize)
        withheld = withheld + WithheldCells(plan)
        return ordered.map { population, competence in
            let key = cell(population, competence)
            guard !plan.isWithheld(key) else {
                return ThenTestRow(population: population, competence: competence, suppressed: true)
            }
            let members = groups[key]!
            func mean(_ value: (PairedChange) -> Int) -> Double {
                Double(members.map(value).reduce(0, +)) / Double(members.count)
            }
            return ThenTestRow(
                population: population, competence: competence, count: members.count,
                retrospectiveMean: mean { $0.retrospective! }, followUpMean: mean(\.followUp),
                thenTestChange: mean { $0.followUp - $0.retrospective! }, prePostChange: mean(\.change),
                suppressed: false)
        }
    }

    private static func cell(_ population: Population, _ competence: CompetenceID) -> SuppressionCell {
        SuppressionCell("then-test", population.description, competence.rawValue)
    }

    private init(
        population: Population, competence: CompetenceID, count: Int? = nil, retrospectiveMean: Double? = nil,
        followUpMean: Double? = nil, thenTestChange: Double? = nil, prePostChange: Double? = nil, suppressed: Bool
    ) {
        self.population = population
        self.competence = competence
        self.count = count
        self.retrospectiveMean = retrospectiveMean
        self.followUpMean = followUpMean
        self.thenTestChange = thenTestChange
        self.prePostChange = prePostChange
        self.suppressed = suppressed
    }
}

extension ThenTestRow: TableRow {
    /// `organisation,competence,then_test_n,retrospective_mean,followup_mean,then_test_change,pre_post_change,
    /// suppressed`.
    public static let columns = [
        "organisation", "competence", "then_test_n", "retrospective_mean", "followup_mean", "then_test_change",
        "pre_post_change", "suppressed",
    ]

    public var cells: [String] {
        [
            population.description, competence.rawValue, CellFormat.count(count), CellFormat.number(retrospectiveMean),
            CellFormat.number(followUpMean), CellFormat.number(thenTestChange), CellFormat.number(prePostChange),
            CellFormat.flag(suppressed),
        ]
    }
}
