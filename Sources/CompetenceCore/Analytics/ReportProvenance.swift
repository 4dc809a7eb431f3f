/// What a report was computed from, so it can be regenerated exactly: the replay scope, the last global
/// position folded, how many events were folded, their fingerprint and the privacy threshold applied.
///
/// Two reports with equal provenance (and equal options) from the same store are equal.
public struct ReportProvenance: Hashable, Sendable, Encodable {
    /// The part of the history replayed.
    public var scope: ReplayScope
    /// The last global position folded (0 when nothing was).
    public var lastPosition: Int64
    /// How many events were folded.
    public var eventCount: Int
    /// The fingerprint of the folded events' positions and ids (``LedgerState/fingerprint``), as 16 hex digits.
    public var fingerprint: String
    /// The minimum group size applied.
    public var minimumGroupSize: Int
    /// The day plan actions were judged against.
    public var today: CalendarDate

    /// The provenance of reports computed from `state` (replayed in `scope`) with `options`.
    public init(state: LedgerState, scope: ReplayScope, options: AnalyticsOptions) {
        self.scope = scope
        self.lastPosition = state.lastPosition
        self.eventCount = state.eventCount
        let hex = String(state.fingerprint, radix: 16)
        self.fingerprint = String(repeating: "0", count: 16 - hex.count) + hex
        self.minimumGroupSize = options.minimumGroupSize
        self.today = options.today
    }

    /// One line for a report footer, e.g. `everything · position 120 · 118 events · fingerprint … · min group 5`.
    public var summary: String {
        "\(scope) · last position \(lastPosition) · \(eventCount) events · fingerprint \(fingerprint) · "
            + "minimum group \(minimumGroupSize) · today \(today)"
    }

    private enum CodingKeys: String, CodingKey {
        case scope
        case lastPosition = "last_position"
        case eventCount = "event_count"
        case fingerprint
        case minimumGroupSize = "minimum_group_size"
        case today
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope.description, forKey: .scope)
        try container.encode(lastPosition, forKey: .lastPosition)
        try container.encode(eventCount, forKey: .eventCount)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(minimumGroupSize, forKey: .minimumGroupSize)
        try container.encode(today, forKey: .today)
    }
}
