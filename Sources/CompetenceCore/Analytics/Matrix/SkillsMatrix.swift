/// The skills matrix: per organisation × competence and for the whole programme (`ALL`), how many persons
/// rated themselves, their mean current and target level and the mean gap; the same broken down by region,
/// sector and size class; and each organisation's gaps ranked by priority.
///
/// A person counts once per competence, with their latest answer (``AnalyticsOptions/matrixRound`` picks one
/// round; else any round). Gap = target − current, over the persons who gave a target level. Aggregates over
/// too few persons are withheld (see ``AnalyticsOptions/minimumGroupSize``).
public struct SkillsMatrix: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// Per organisation × competence (organisations by id), then `ALL` per competence.
    public let rows: [MatrixRow]
    /// Per region, sector and size class × competence.
    public let breakdown: [MatrixBreakdownRow]
    /// Each organisation's published gaps, most urgent first.
    public let rankedGaps: [RankedGap]
    /// How many cells (rows, or their target figures) were withheld, as primary and as complement.
    public let withheld: WithheldCells
    /// Self-assessments beside the other raters' ratings, where there are any (else empty, and no table).
    public let raters: [RaterComparisonRow]

    /// Computes the matrix of `state`: an analyst's, its cells planned on their own (the matrix's disclosure
    /// control within the report).
    public init(state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance) {
        self.init(state: state, options: options, provenance: provenance, disclosure: nil)
    }

    /// Computes the matrix of `state`; with `disclosure`, its cells are withheld as the public pass says (the
    /// same pattern as every other public report of the state), else planned within the matrix.
    init(state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance, disclosure: PublicDisclosure?) {
        self.provenance = provenance
        let cells = disclosure?.matrix ?? MatrixCells(state: state, options: options)
        let raterCells = disclosure?.raters ?? RaterCells(state: state, options: options)
        let groups = cells.groups
        // The raters table is a table of this report: planned with the matrix (an analyst's), or in the pass.
        let respondentsPlan =
            disclosure?.plan
            ?? cells.disclosure.union(raterCells.disclosure).plan(minimumGroupSize: options.minimumGroupSize)
        let targetPlan = SuppressionPlan(
            counts: groups.mapValues(\.targetCount), relations: cells.disclosure.relations,
            minimumGroupSize: options.minimumGroupSize, fixed: cells.disclosure.fixed)
        let ownCells = Set(groups.keys)
        // The matrix rater's column of the raters table is the matrix's cells, counted once among them.
        withheld =
            WithheldCells(respondentsPlan, among: ownCells)
            + WithheldCells(targetPlan, beyond: respondentsPlan, among: ownCells)
            + WithheldCells(respondentsPlan, among: raterCells.published)
        raters = RaterComparisonRow.rows(raterCells, plan: respondentsPlan)
        func figures(_ cell: SuppressionCell) -> (MatrixFigures, suppressed: Bool) {
            let ratings = groups[cell] ?? RatingSums()
            if respondentsPlan.isWithheld(cell) { return (.withheld, true) }
            return (MatrixFigures(ratings, targetsWithheld: targetPlan.isWithheld(cell)), false)
        }

        var rows: [MatrixRow] = []
        for pair in cells.surveyed.sorted(by: { ($0.organisation, $0.competence) < ($1.organisation, $1.competence) }) {
            let (figures, suppressed) = figures(MatrixCells.cell(.organisation(pair.organisation), pair.competence))
            rows.append(
                MatrixRow(
                    population: .organisation(pair.organisation), competence: pair.competence, figures: figures,
                    suppressed: suppressed))
        }
        for competence in cells.competences {
            let (figures, suppressed) = figures(MatrixCells.cell(.all, competence))
            rows.append(MatrixRow(population: .all, competence: competence, figures: figures, suppressed: suppressed))
        }
        self.rows = rows
        breakdown = cells.breakdown.sorted { ($0.0.order, $0.1, $0.2) < ($1.0.order, $1.1, $1.2) }.map {
            dimension, group, competence in
            let (figures, suppressed) = figures(MatrixCells.cell(dimension, group, competence))
            return MatrixBreakdownRow(
                dimension: dimension, group: group, competence: competence, figures: figures, suppressed: suppressed)
        }
        rankedGaps = RankedGap.rank(rows)
    }

    /// The published row of an organisation and competence, if the matrix has it.
    public func row(_ population: Population, _ competence: CompetenceID) -> MatrixRow? {
        rows.first { $0.population == population && $0.competence == competence }
    }

    public var tables: [ReportTable] {
        [
            ReportTable(
                name: "matrix", title: "Skills matrix: levels and gaps per organisation and competence", rows: rows),
            ReportTable(
                name: "matrix_breakdown", title: "Skills matrix by region, sector and size class", rows: breakdown),
            ReportTable(
                name: "ranked_gaps", title: "Gaps ranked per organisation (mean gap × mean importance)",
                rows: rankedGaps),
        ]
            + (raters.isEmpty
                ? []
                : [ReportTable(name: "raters", title: "Self-assessments beside other raters' ratings", rows: raters)])
    }
}

/// An organisation and a competence.
struct MatrixPair: Hashable {
    var organisation: OrganisationID
    var competence: CompetenceID
}

/// What a matrix cell's figures are made of: counts and sums over its ratings. Levels are whole numbers, so
/// every sum is exact in a `Double` and a mean is the same whatever the order the ratings are added in.
struct RatingSums: Hashable, Sendable {
    /// Ratings.
    var count = 0
    var current = 0.0
    /// Ratings with a target level, and their sums.
    var targetCount = 0
    var target = 0.0
    var gap = 0.0
    var gapTwoOrMore = 0
    /// Σ gap × importance (3 where not given).
    var priority = 0.0

    mutating func add(_ answer: AnswerRow) {
        count += 1
        current += Double(answer.current)
        guard let target = answer.targetLevel else { return }
        let gap = target - answer.current
        targetCount += 1
        self.target += Double(target)
        self.gap += Double(gap)
        if gap >= 2 { gapTwoOrMore += 1 }
        priority += Double(gap * (answer.importanceRating ?? 3))
    }

    mutating func add(_ other: RatingSums) {
        count += other.count
        current += other.current
        targetCount += other.targetCount
        target += other.target
        gap += other.gap
        gapTwoOrMore += other.gapTwoOrMore
        priority += other.priority
    }
}

/// The figures of one matrix cell. Every figure is `nil` when withheld or undefined.
public struct MatrixFigures: Hashable, Sendable {
    /// Persons with a rating.
    public var respondents: Int?
    /// Mean current level.
    public var meanCurrent: Double?
    /// Mean target level, over the persons who gave one.
    public var meanTarget: Double?
    /// Mean of target − current, over the persons who gave a target.
    public var meanGap: Double?
    /// Share of the persons who gave a target whose gap is 2 levels or more.
    public var shareGapTwoOrMore: Double?
    /// Persons who gave a target level.
    public var targetRespondents: Int?
    /// Mean over the persons who gave a target of gap × importance (importance 3, the middle of 1–5, where
    /// not given): what to train first.
    public var priority: Double?

    static let withheld = MatrixFigures()

    private init() {}

    init(_ ratings: RatingSums, targetsWithheld: Bool) {
        respondents = ratings.count
        meanCurrent = ratings.count == 0 ? nil : ratings.current / Double(ratings.count)
        targetRespondents = ratings.targetCount
        guard !targetsWithheld, ratings.targetCount > 0 else { return }
        let targeted = Double(ratings.targetCount)
        meanTarget = ratings.target / targeted
        meanGap = ratings.gap / targeted
        shareGapTwoOrMore = Double(ratings.gapTwoOrMore) / targeted
        priority = ratings.priority / targeted
    }
}

/// One row of the skills matrix.
public struct MatrixRow: Hashable, Sendable {
    /// An organisation, or `ALL`.
    public var population: Population
    /// The competence.
    public var competence: CompetenceID
    /// The figures (all `nil` when suppressed).
    public var figures: MatrixFigures
    /// Whether the row's figures are withheld for privacy.
    public var suppressed: Bool
}

/// How the programme is broken down in ``SkillsMatrix/breakdown``.
public enum BreakdownDimension: String, Hashable, Sendable, CaseIterable {
    /// By the organisation's region.
    case region
    /// By the organisation's sector.
    case sector
    /// By the organisation's EU size class.
    case sizeClass = "size_class"

    /// The position in ``allCases``, for sorting.
    var order: Int { Self.allCases.firstIndex(of: self)! }

    /// The group an organisation falls in.
    func group(of organisation: OrganisationEnrolled) -> String {
        switch self {
        case .region: organisation.region
        case .sector: organisation.sector
        case .sizeClass: organisation.sizeClass.rawValue
        }
    }
}

/// One row of the matrix breakdown: a group of organisations × a competence.
public struct MatrixBreakdownRow: Hashable, Sendable {
    /// Region, sector or size class.
    public var dimension: BreakdownDimension
    /// The region, sector or size class.
    public var group: String
    /// The competence.
    public var competence: CompetenceID
    /// The figures (all `nil` when suppressed).
    public var figures: MatrixFigures
    /// Whether the row's figures are withheld for privacy.
    public var suppressed: Bool
}

/// One of an organisation's gaps, ranked: rank 1 is what to train first.
public struct RankedGap: Hashable, Sendable {
    /// The organisation.
    public var organisation: OrganisationID
    /// 1 for the highest priority.
    public var rank: Int
    /// The competence.
    public var competence: CompetenceID
    /// The mean gap.
    public var meanGap: Double
    /// Mean of gap × importance.
    public var priority: Double

    /// Ranks the published organisation rows with a gap: by priority, then mean gap (both descending), then
    /// competence id.
    static func rank(_ rows: [MatrixRow]) -> [RankedGap] {
        var byOrganisation: [OrganisationID: [(CompetenceID, Double, Double)]] = [:]
        for row in rows {
            guard case .organisation(let id) = row.population, let gap = row.figures.meanGap,
                let priority = row.figures.priority
            else { continue }
            byOrganisation[id, default: []].append((row.competence, gap, priority))
        }
        return byOrganisation.keys.sorted().flatMap { organisation in
            byOrganisation[organisation]!
                .sorted { ($1.2, $1.1, $0.0.rawValue) < ($0.2, $0.1, $1.0.rawValue) }
                .enumerated()
                .map {
                    RankedGap(
                        organisation: organisation, rank: $0.offset + 1, competence: $0.element.0,
                        meanGap: $0.element.1, priority: $0.element.2)
                }
        }
    }
}
