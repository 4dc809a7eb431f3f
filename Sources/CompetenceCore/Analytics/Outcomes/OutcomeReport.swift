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
/// Disclosure control: a value resting on `1 ..< k` respondents is withheld (with the change), as the
/// timeline withholds it; the number of persons who completed trainings in the window is withheld with the
/// list of those trainings when it is `1 ..< k` (primary suppression: no published total adds these up).
public struct OutcomeReport: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// Organisation rows (by organisation, then measure), then pilot rows (by pilot, then measure).
    public let rows: [OutcomeRow]
    /// How many cells were withheld (primary only).
    public let withheld: WithheldCells

    /// The report of `state`.
    public init(state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance) {
        self.provenance = provenance
        let series = Self.series(state)
        var rows: [OutcomeRow] = []
        for (key, measurements) in series.sorted(by: { $0.key < $1.key }) {
            let before = measurements.first!
            let after = measurements.count > 1 ? measurements.last : nil
            rows.append(
                OutcomeRow(
                    scope: .organisation, pilot: nil, key: key, before: before, after: after,
                    window: after.map { (before.measuredOn, $0.measuredOn) }, state: state, options: options))
        }
        for (pilotID, pilot) in state.pilots.sorted(by: { $0.key < $1.key }) {
            let start = pilot.start.event.startedOn
            let end = pilot.completion?.event.completedOn
            for (key, measurements) in series.sorted(by: { $0.key < $1.key })
            where key.organisation == pilot.start.event.organisation {
                let before = measurements.last { $0.measuredOn <= start }
                let after =
                    if let end { measurements.first { $0.measuredOn >= end } } else {
                        measurements.last { $0.measuredOn > start }
                    }
                rows.append(
                    OutcomeRow(
                        scope: .pilot, pilot: pilotID, key: key, before: before, after: after,
                        window: after.map { (before?.measuredOn ?? start, $0.measuredOn) }, state: state,
                        options: options))
            }
        }
        self.rows = rows
        withheld = WithheldCells(primary: rows.reduce(0) { $0 + $1.withheldCells }, complement: 0)
    }

    /// Each organisation's measurements per measure, in measuring order (ties in recorded order).
    private static func series(_ state: LedgerState) -> [OutcomeMeasure: [IndicatorMeasured]] {
        var series: [OutcomeMeasure: [IndicatorMeasured]] = [:]
        for fact in state.indicators {
            let event = fact.event
            let key = OutcomeMeasure(
                organisation: event.organisation, indicator: event.indicator, name: event.name, unit: event.unit)
            series[key, default: []].append(event)
        }
        return series.mapValues { measurements in
            measurements.enumerated().sorted { ($0.element.measuredOn, $0.offset) < ($1.element.measuredOn, $1.offset) }
                .map(\.element)
        }
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
