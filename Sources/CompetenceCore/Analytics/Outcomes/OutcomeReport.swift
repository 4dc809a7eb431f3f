/// The outcome report (`report outcomes`, Kirkpatrick level 4): each measured organisation-level indicator
/// (``IndicatorMeasured``: well-being, productivity, sick leave, turnover, …) before and after, its change, and
/// what happened in between — the good practices the organisation adopted and the trainings its people
/// completed.
///
/// Two kinds of rows, organisations first:
/// - `organisation`: one row per organisation and measure (kind, name and unit): the first measurement
///   (before) and the last (after), when there are two or more; the window is after the first day up to and
///   including the last.
/// - `pilot`: one row per pilot and measure of its organisation: before is the last measurement on or before
///   the pilot's start, after the first on or after its completion (a pilot still running: the last after its
///   start); the window runs from the before day (else the start) up to and including the after day.
///
/// Disclosure control (``OutcomeCells``, in public reports the one public pass): a value resting on `1 ..< k`
/// respondents is withheld (with the change), as the timeline withholds it; the number of persons who
/// completed trainings in the window is withheld with the list of those trainings when it is `1 ..< k`, or
/// (public) when `1 ..< k` of them completed since the previous public snapshot. No published total adds
/// these up, so no complements.
public struct OutcomeReport: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// Organisation rows (by organisation, then measure), then pilot rows (by pilot, then measure).
    public let rows: [OutcomeRow]
    /// How many cells were withheld (primary only).
    public let withheld: WithheldCells

    /// The report of `state`, its cells planned on their own (an analyst's).
    public init(state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance) {
        self.init(state: state, options: options, provenance: provenance, disclosure: nil)
    }

    /// The report of `state`; with `disclosure`, its cells are withheld as the public pass says.
    init(state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance, disclosure: PublicDisclosure?) {
        self.provenance = provenance
        let cells = disclosure?.outcomes ?? OutcomeCells(state: state)
        let plan = disclosure?.plan ?? cells.disclosure.plan(minimumGroupSize: options.minimumGroupSize)
        rows = cells.drafts.map { OutcomeRow($0, plan: plan) }
        withheld = WithheldCells(primary: rows.reduce(0) { $0 + $1.withheldCells }, complement: 0)
    }

    public var tables: [ReportTable] {
        [ReportTable(name: "outcomes", title: "Outcomes: indicators before and after", rows: rows)]
    }
}

/// One measure of one organisation: what the before and after values of a row compare.
struct OutcomeMeasure: Hashable, Comparable, Sendable {
    var organisation: OrganisationID
    var indicator: IndicatorKind
    var name: String
    var unit: String

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.organisation.rawValue, lhs.indicator.rawValue, lhs.name, lhs.unit)
            < (rhs.organisation.rawValue, rhs.indicator.rawValue, rhs.name, rhs.unit)
    }
}

/// Whether an outcome row is about an organisation's whole series or about one pilot.
public enum OutcomeScope: String, Hashable, Sendable, Codable, CaseIterable {
    /// The organisation's first and last measurement.
    case organisation
    /// The measurements around one pilot.
    case pilot
}
