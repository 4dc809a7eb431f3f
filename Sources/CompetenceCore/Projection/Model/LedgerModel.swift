import Crypto
import Foundation

/// The one fold of the whole catalogue: every fact of the ledger, normalised, with corrections applied and
/// voided events removed. Every report, and the recorder's validation, reads this state.
///
/// Corrections and voidings are handled here and nowhere else: a corrected answer carries the corrected
/// levels; a voided event is gone from every collection.
public struct LedgerModel: Projection {
    /// Creates the projection.
    public init() {}

    public func initialState() -> LedgerState { LedgerState() }

    public func apply(_ event: CompetenceEvent, recorded: RecordedEvent, to state: inout LedgerState) {
        state.lastPosition = max(state.lastPosition, recorded.position)
        state.eventCount += 1
        LedgerFingerprint.mix(&state.fingerprint, position: recorded.position, id: recorded.id)
        // An event that decoded has a canonical form; were it ever missing, the hash still moves (by the
        // chain of the empty form), so the provenance cannot match a history without this event.
        state.usedEventsHash =
            (try? HistoryChain.hash(after: state.usedEventsHash, recorded))
            ?? HistoryHash(digest: Array(SHA256.hash(data: state.usedEventsHash.bytes)))
        if state.replayLog.isKept, !event.isStoredAsRow { state.replayLog.append(recorded) }
        state.fold(event, recorded: recorded)
    }
}
