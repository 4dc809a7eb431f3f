import Crypto
import Foundation

/// The one fold of the whole catalogue: every fact of the ledger, normalised, with corrections applied and
/// voided events removed. Every report, and the recorder's validation, reads this state.
///
/// Corrections and voidings are handled here and nowhere else: a corrected answer carries the corrected
/// levels; a voided event is gone from every collection.
public struct LedgerModel: Projection {
    /// Whether ``apply(_:recorded:to:)`` chains each event into ``LedgerState/usedEventsHash``.
    let hashesUsedEvents: Bool

    /// Creates the projection.
    public init() { hashesUsedEvents = true }

    /// A projection that leaves ``LedgerState/usedEventsHash`` to the caller (``LedgerState/usedEventsHashIsKept``
    /// is then `false`): for a replay whose provenance is not shown (`competence replay`, the bench), or whose
    /// caller computes it from the history chain it makes anyway (``AnalyticsReports/replay(_:scope:options:keys:through:)``).
    /// Hashing every event is most of a replay's cost.
    package init(hashingUsedEvents: Bool) { hashesUsedEvents = hashingUsedEvents }

    public func initialState() -> LedgerState { LedgerState() }

    /// Sizes the answers' id index for `events` more answers at most (every event an answer), so that it is not
    /// rehashed as it grows: at 10 million events each growth rehashed millions of rows on the fold's thread while
    /// the replay's other stages, at most two pages ahead, waited.
    public func reserve(_ state: inout LedgerState, forEvents events: Int) {
        state.answers.reserve(answers: state.answers.rows.count + events)
    }

    public func apply(_ event: CompetenceEvent, recorded: RecordedEvent, to state: inout LedgerState) {
        // The answer's slot in the id index loads while the rest of this event's work runs.
        if case .surveyAnswerRecorded = event { state.answers.prefetchAppending(recorded.id) }
        state.lastPosition = max(state.lastPosition, recorded.position)
        state.eventCount += 1
        LedgerFingerprint.mix(&state.fingerprint, position: recorded.position, id: recorded.id)
        // An event that decoded has a canonical form; were it ever missing, the hash still moves (by the
        // chain of the empty form), so the provenance cannot match a history without this event.
        if hashesUsedEvents {
            state.usedEventsHash = Self.chainUsed(recorded, after: state.usedEventsHash)
        } else {
            state.usedEventsHashIsKept = false
        }
        if state.replayLog.isKept, !event.isStoredAsRow { state.replayLog.append(recorded) }
        state.fold(event, recorded: recorded)
    }

    /// The used-events hash after `recorded`, given the hash before it (``LedgerState/usedEventsHash``); `canonical`
    /// when the caller made the event's canonical bytes already.
    static func chainUsed(
        _ recorded: RecordedEvent, after previous: HistoryHash, canonical: [UInt8]? = nil
    ) -> HistoryHash {
        if let canonical { return HistoryChain.hash(after: previous, canonical: canonical) }
        return (try? HistoryChain.hash(after: previous, recorded))
            ?? HistoryHash(SHA256.hash(data: previous.bytes))
    }

    /// ``chainUsed(_:after:canonical:)`` for canonical bytes in a buffer shared with other events'.
    static func chainUsed(
        _ recorded: RecordedEvent, after previous: HistoryHash, canonical: UnsafeRawBufferPointer
    ) -> HistoryHash {
        HistoryChain.hash(after: previous, canonical: canonical)
    }
}
