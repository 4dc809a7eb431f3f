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
    /// organisation is not enrolled there.
    public init(
        state: LedgerState, organisation: OrganisationID, provenance: ReportProvenance, keyring: SubjectKeyring = .empty
    ) throws(AnalyticsError) {
        guard state.organisations[organisation] != nil else { throw .unknownOrganisation(organisation) }
        self.provenance = provenance
        self.organisation = organisation
        entries = (state.timelines[organisation] ?? [])
            .sorted { ($0.occurredAt, $0.position) < ($1.occurredAt, $1.position) }
            .map { TimelineRow($0, minimumGroupSize: provenance.minimumGroupSize, keyring: keyring) }
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

    init(_ entry: TimelineEntry, minimumGroupSize: Int, keyring: SubjectKeyring) {
        occurredOn = CalendarDate(containing: entry.occurredAt)
        recordedOn = CalendarDate(containing: entry.recordedAt)
        position = entry.position
        type = Swift.type(of: entry.event.payload).eventType
        summary = EventSummary.line(for: entry.event, minimumGroupSize: minimumGroupSize, keyring: keyring)
        if case .indicatorMeasured(let measured) = entry.event {
            withheld = EventSummary.isWithheld(measured, minimumGroupSize: minimumGroupSize)
        } else {
            withheld = false
        }
    }
}
