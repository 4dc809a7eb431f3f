import Crypto
import Foundation

/// What a report was computed from, so it can be regenerated and checked against the store
/// (`competence verify-report`): the replay scope, every option that changes a figure, the programme or pilot
/// scope, the last position folded, the history head when it was computed, and a SHA-256 over the canonical
/// bytes of exactly the events it used.
///
/// Two reports with equal provenance from the same store are equal.
public struct ReportProvenance: Hashable, Sendable, Encodable {
    /// The part of the history replayed.
    public var scope: ReplayScope
    /// The last global position folded (0 when nothing was).
    public var lastPosition: Int64
    /// How many events were folded.
    public var eventCount: Int
    /// The SHA-256 chain over the canonical bytes of exactly the events folded (``LedgerState/usedEventsHash``).
    public var usedEventsHash: HistoryHash
    /// The history head when the report was computed: the last event read and the chain's hash after it;
    /// `nil` when the state was not replayed from a store.
    public var head: HistoryAnchor?
    /// The first 8 bytes of SHA-256 of the canonical bytes of each event read, positions 1 to ``head``'s, in
    /// order: what lets `verify-report` say which events changed since.
    public var eventDigests: [UInt64]
    /// The minimum group size applied.
    public var minimumGroupSize: Int
    /// The day plan actions were judged against.
    public var today: CalendarDate
    /// The round of the skills matrix, when one was chosen.
    public var matrixRound: RoundID?
    /// Whose answers count, when one rater was chosen.
    public var rater: Rater?
    /// How many top gaps are listed per organisation.
    public var topGaps: Int
    /// The programme or pilot the report covers (``ReportScope``; the whole ledger unless one was chosen).
    public var reportScope: ReportScope = .whole

    /// The provenance of reports computed from `state` (replayed in `scope`) with `options`, the history read
    /// up to `head` with `eventDigests`.
    public init(
        state: LedgerState, scope: ReplayScope, options: AnalyticsOptions, head: HistoryAnchor? = nil,
        eventDigests: [UInt64] = []
    ) {
        self.scope = scope
        lastPosition = state.lastPosition
        eventCount = state.eventCount
        assert(state.usedEventsHashIsKept, "a state folded without its used-events hash has no provenance")
        usedEventsHash = state.usedEventsHash
        self.head = head
        self.eventDigests = eventDigests
        minimumGroupSize = options.minimumGroupSize
        today = options.today
        matrixRound = options.matrixRound
        rater = options.rater
        topGaps = options.topGaps
        reportScope = options.scope
    }

    /// The options the figures were computed with.
    public var options: AnalyticsOptions {
        get throws(AnalyticsError) {
            try AnalyticsOptions(
                today: today, minimumGroupSize: minimumGroupSize, matrixRound: matrixRound, rater: rater,
                topGaps: topGaps, scope: reportScope)
        }
    }

    /// The digest of one event as ``eventDigests`` holds it.
    public static func digest(_ event: RecordedEvent) -> UInt64 {
        digest(canonical: (try? CanonicalEvent.bytes(event)) ?? [])
    }

    /// The digest of an event whose canonical bytes (``CanonicalEvent/bytes(_:)``) are `canonical`.
    static func digest(canonical: [UInt8]) -> UInt64 {
        canonical.withUnsafeBytes { digest(canonical: $0) }
    }

    /// The digest of an event whose canonical bytes are `canonical`: the first 8 bytes of their SHA-256, big-endian.
    static func digest(canonical: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = SHA256()
        hasher.update(bufferPointer: canonical)
        return hasher.finalize().withUnsafeBytes { UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    /// One line for a report footer, e.g. `everything · last position 120 · 118 events ·
    /// events sha256 … · head 130:… · minimum group 5 · today 2025-01-31`.
    public var summary: String {
        var parts = [
            scope.description, "last position \(lastPosition)", "\(eventCount) events",
            "events sha256 \(usedEventsHash)",
        ]
        if let head { parts.append("history head \(head)") }
        parts.append("minimum group \(minimumGroupSize)")
        parts.append("today \(today)")
        if let matrixRound { parts.append("matrix round \(matrixRound)") }
        if let rater { parts.append("rater \(rater)") }
        if topGaps != AnalyticsOptions.defaultTopGaps { parts.append("top gaps \(topGaps)") }
        if !reportScope.isWhole { parts.append(reportScope.description) }
        return parts.joined(separator: " · ")
    }

    private enum CodingKeys: String, CodingKey {
        case scope
        case lastPosition = "last_position"
        case eventCount = "event_count"
        case usedEventsHash = "events_sha256"
        case headPosition = "head_position"
        case headHash = "head_hash"
        case minimumGroupSize = "minimum_group_size"
        case today
        case matrixRound = "matrix_round"
        case rater
        case topGaps = "top_gaps"
        case programme, pilot
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope.description, forKey: .scope)
        try container.encode(lastPosition, forKey: .lastPosition)
        try container.encode(eventCount, forKey: .eventCount)
        try container.encode(usedEventsHash.description, forKey: .usedEventsHash)
        try container.encodeIfPresent(head?.position, forKey: .headPosition)
        try container.encodeIfPresent(head?.hash.description, forKey: .headHash)
        try container.encode(minimumGroupSize, forKey: .minimumGroupSize)
        try container.encode(today, forKey: .today)
        try container.encodeIfPresent(matrixRound, forKey: .matrixRound)
        try container.encodeIfPresent(rater, forKey: .rater)
        try container.encode(topGaps, forKey: .topGaps)
        // Absent for an unscoped report, whose provenance is unchanged.
        try container.encodeIfPresent(reportScope.programme, forKey: .programme)
        try container.encodeIfPresent(reportScope.pilot, forKey: .pilot)
    }
}
