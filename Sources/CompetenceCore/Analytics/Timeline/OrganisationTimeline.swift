import Foundation

/// Every organisation-level event of one organisation in the order it happened (by day, then global
/// position), each as one readable line. Person-level events (answers, participations, feedback) are never
/// listed: see ``LedgerState/timelines``.
public struct OrganisationTimeline: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// The organisation.
    public let organisation: OrganisationID
    /// Its events, in time order.
    public let entries: [TimelineRow]
    /// How many indicator values were withheld (measured on fewer than the minimum group of respondents).
    public let withheld: WithheldCells

    /// The timeline of `organisation` in `state`, personal text opened with `keyring`; throws when the
    /// organisation is not enrolled there. Indicator values are withheld by their own cells' plan
    /// (``IndicatorCells``; the public pass gives the same decisions).
    public init(
        state: LedgerState, organisation: OrganisationID, provenance: ReportProvenance, keyring: SubjectKeyring = .empty
    ) throws(AnalyticsError) {
        try self.init(
            state: state, organisation: organisation, provenance: provenance, keyring: keyring, disclosure: nil)
    }

    /// The timeline of `organisation`; with `disclosure`, indicator values are withheld as the public pass says.
    init(
        state: LedgerState, organisation: OrganisationID, provenance: ReportProvenance, keyring: SubjectKeyring,
        disclosure: PublicDisclosure?
    ) throws(AnalyticsError) {
        guard state.organisations[organisation] != nil else { throw .unknownOrganisation(organisation) }
        self.provenance = provenance
        self.organisation = organisation
        let plan =
            disclosure?.plan ?? IndicatorCells.cells(state).plan(minimumGroupSize: provenance.minimumGroupSize)
        entries = (state.timelines[organisation] ?? [])
            .sorted { ($0.occurredAt, $0.position) < ($1.occurredAt, $1.position) }
            .map { TimelineRow($0, minimumGroupSize: provenance.minimumGroupSize, plan: plan, keyring: keyring) }
        withheld = WithheldCells(primary: entries.count(where: \.withheld), complement: 0)
    }

    public var tables: [ReportTable] {
        [ReportTable(name: "timeline", title: "Timeline of \(organisation)", rows: entries)]
    }
}

/// One event of a timeline.
public struct TimelineRow: Hashable, Sendable {
    /// The day it happened (UTC).
    public var occurredOn: CalendarDate
    /// The day it was recorded (UTC).
    public var recordedOn: CalendarDate
    /// Its global position.
    public var position: Int64
    /// Its event type, e.g. `ForesightWorkshopHeld`.
    public var type: String
    /// What happened, in one line.
    public var summary: String

    /// Whether the line withholds an indicator value measured on too few respondents.
    var withheld: Bool

    init(_ entry: TimelineEntry, minimumGroupSize: Int, plan: SuppressionPlan, keyring: SubjectKeyring) {
        occurredOn = CalendarDate(containing: entry.occurredAt)
        recordedOn = CalendarDate(containing: entry.recordedAt)
        position = entry.position
        type = Swift.type(of: entry.event.payload).eventType
        if case .indicatorMeasured = entry.event {
            withheld = plan.isWithheld(IndicatorCells.cell(entry.eventID))
        } else {
            withheld = false
        }
        summary = EventSummary.line(
            for: entry.event, withheld: withheld, minimumGroupSize: minimumGroupSize, keyring: keyring)
    }
}
