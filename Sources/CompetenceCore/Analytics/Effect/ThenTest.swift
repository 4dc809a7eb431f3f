/// The then-test estimate beside the pre → post one: for the paired persons who, at follow-up, also rated where
/// they stood before the training (`retrospective-pre`, by the same rater), the change from that retrospective
/// level to their follow-up level, and — for the same persons — the change from their baseline answer.
///
/// Rows exist only where such answers exist (per organisation × competence, then `ALL` per competence); a row
/// about fewer persons than the minimum group size is withheld, as is a row that would reveal one that is
/// through `ALL` or through the effect row of the same persons (``ThenTestCells``: planned with the effect
/// report's cells, and in public reports in the one public pass).
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

    /// The rows of `cells`, withheld as `plan` says: the effect report's plan (``ThenTestCells``).
    static func rows(_ cells: ThenTestCells, plan: SuppressionPlan) -> [ThenTestRow] {
        cells.ordered.map { population, competence in
            let key = ThenTestCells.cell(population, competence)
            guard !plan.isWithheld(key) else {
                return ThenTestRow(population: population, competence: competence, suppressed: true)
            }
            let members = cells.groups[key]!
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
