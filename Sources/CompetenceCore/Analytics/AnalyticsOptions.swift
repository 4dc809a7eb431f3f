/// What the analyst reports are computed with, beyond the ledger itself: the privacy threshold, the day that
/// counts as "today", which answers the matrix reads, how many top gaps coverage looks at, the audience and
/// the programme or pilot scope.
///
/// Every report is a pure function of a ``LedgerState`` and these options: the wall clock is never read.
public struct AnalyticsOptions: Hashable, Sendable {
    /// The default minimum group size: aggregates over fewer persons are withheld.
    public static let defaultMinimumGroupSize = 5
    /// The default number of top gaps per organisation that the coverage table checks.
    public static let defaultTopGaps = 3

    /// The day plan actions are judged against: an open action due before it is overdue.
    public let today: CalendarDate
    /// Aggregates over persons with `1 ..< minimumGroupSize` persons are suppressed.
    public let minimumGroupSize: Int
    /// The round the skills matrix reads; `nil`: each person's latest answer on each competence in any round.
    public let matrixRound: RoundID?
    /// Only answers given by this rater are read (matrix and effect; self-assessments by default); `nil`: every
    /// rater (the effect evaluation still pairs each rater's answers only with the same rater's).
    public let rater: Rater?
    /// How many of each organisation's top-ranked gaps the coverage table checks.
    public let topGaps: Int
    /// Who the reports are for: public reports (the default) share one disclosure pattern
    /// (``PublicDisclosure``); an analyst report plans its cells within itself.
    public let audience: ReportAudience
    /// Which programme or pilot the reports cover (``ReportScope``; default: the whole ledger).
    public let scope: ReportScope

    /// Creates options; throws when the minimum group size or the number of top gaps is below 1.
    public init(
        today: CalendarDate, minimumGroupSize: Int = defaultMinimumGroupSize, matrixRound: RoundID? = nil,
        rater: Rater? = .`self`, topGaps: Int = defaultTopGaps, audience: ReportAudience = .public,
        scope: ReportScope = .whole
    ) throws(AnalyticsError) {
        guard minimumGroupSize >= 1 else { throw .minimumGroupSizeBelowOne(minimumGroupSize) }
        guard topGaps >= 1 else { throw .topGapsBelowOne(topGaps) }
        self.today = today
        self.minimumGroupSize = minimumGroupSize
        self.matrixRound = matrixRound
        self.rater = rater
        self.topGaps = topGaps
        self.audience = audience
        self.scope = scope
    }
}
