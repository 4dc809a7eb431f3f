import Foundation

/// What the recorder knows: the ``LedgerState`` every rule reads, plus the envelope facts only recording
/// needs — every stored event by id (for idempotency and voiding, ``EventDirectory``), each stream's version
/// (for expected versions), and the live answers by their natural key (for duplicate answers).
///
/// It folds *every* stored event, also those whose type this version does not know: their ids and stream
/// versions matter to an append even when their payload cannot be read.
///
/// Kept compact (tens of bytes an event, see ``EventDirectory`` and ``AnswerTable``) and built from chunked
/// storage, so that the copy validation folds a call's events into costs little whatever the history's length.
struct RecorderState: Sendable {
    /// Where an event is stored and what it is.
    struct StoredEvent: Hashable, Sendable {
        var stream: StreamName
        var version: Int64
        var position: Int64
        var type: String
        /// `nil` when the type is not in this version's catalogue.
        var isVoidable: Bool?
    }

    var ledger = LedgerState()
    /// The last global position folded.
    var checkpoint: Int64 = 0
    var directory = EventDirectory()
    var answerKeys = AnswerKeyIndex()
    /// The digest of each event the history chain covered (``ReportProvenance/digest(canonical:)``), positions 1
    /// on, in order: what a report's provenance needs besides the state, so that a report can start from this
    /// state's snapshot instead of reading the whole log (``ReportStart``). Complete only while the chain covered
    /// every event (``digestsAreComplete``); the chain ends at an event without a canonical form, and so do they.
    var eventDigests = ChunkedArray<UInt64>()

    /// Whether ``eventDigests`` holds one digest for every position folded.
    var digestsAreComplete: Bool { eventDigests.count == checkpoint }

    /// The current version of a stream as far as this state knows (0: no event).
    func version(of stream: StreamName) -> Int64 { directory.version(of: stream) }

    /// The stored event with this id.
    func event(_ id: UUID) -> StoredEvent? { directory[id] }

    /// The id of the live answer with the natural key of `answer` (round, respondent, competence, rater).
    func answerID(sameKeyAs answer: SurveyAnswerRecorded) -> UUID? {
        answerKeys.answerID(for: answer, in: ledger.answers)
    }

    /// Folds a stored event; unknown types update only the envelope facts.
    mutating func fold(_ recorded: RecordedEvent) throws(EventDecodingError) {
        let event = try recorded.decoded()
        fold(recorded, event: event)
    }

    /// Folds an event whose payload is already decoded (`nil`: a type outside the catalogue) and continues
    /// `chain`, the history chain over every event folded (``CompetenceLedger``'s snapshot key; `nil` when not
    /// kept), and with it the event digests (``eventDigests``). An event without a canonical form, or out of order,
    /// ends the chain.
    ///
    /// While every event of the chain was folded into the ledger, the ledger's used-events hash *is* the chain's
    /// hash (the same definition over the same events), so it is taken from the chain instead of being hashed a
    /// second time; from the first event passed over (an unknown type) the two part and both are computed.
    mutating func fold(_ recorded: RecordedEvent, event: CompetenceEvent?, continuing chain: inout HistoryChain?) {
        guard var history = chain else {
            fold(recorded, event: event)
            return
        }
        chain = nil
        guard recorded.position == history.head.position + 1, let canonical = try? CanonicalEvent.bytes(recorded)
        else {
            fold(recorded, event: event)
            return
        }
        let inStep = ledger.usedEventsHash == history.head.hash
        history.append(recorded, canonical: canonical)
        chain = history
        let digestsContinue = digestsAreComplete && recorded.position == checkpoint + 1
        fold(recorded, event: event, usedEventsHash: inStep ? history.head.hash : nil)
        if digestsContinue { eventDigests.append(ReportProvenance.digest(canonical: canonical)) }
    }

    /// Folds an event whose payload is already decoded (`nil`: a type outside the catalogue); `usedEventsHash`,
    /// when given, is the ledger's used-events hash after it, which the fold then does not compute.
    mutating func fold(_ recorded: RecordedEvent, event: CompetenceEvent?, usedEventsHash: HistoryHash? = nil) {
        guard recorded.position > checkpoint else { return }
        checkpoint = recorded.position
        directory.add(recorded, isVoidable: event?.isVoidable)
        guard let event else { return }
        if case .eventVoided(let voiding) = event, let row = ledger.answers.row(of: voiding.voidedEventID) {
            answerKeys.remove(keyOf: row, in: ledger.answers)
        }
        let voidedBefore = !ledger.voidedEventIDs.isEmpty && ledger.voidedEventIDs.contains(recorded.id)
        if let usedEventsHash {
            LedgerModel(hashingUsedEvents: false).apply(event, recorded: recorded, to: &ledger)
            ledger.keepUsedEventsHash(usedEventsHash)
        } else {
            LedgerModel().apply(event, recorded: recorded, to: &ledger)
        }
        if case .surveyAnswerRecorded = event, !voidedBefore {
            answerKeys.index(row: Int32(ledger.answers.rows.count - 1), of: ledger.answers)
        }
    }
}
