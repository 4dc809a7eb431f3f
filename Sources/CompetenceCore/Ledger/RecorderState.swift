import Foundation

/// What the recorder knows: the ``LedgerState`` every rule reads, plus the envelope facts only recording
/// needs — every stored event id (for idempotency and voiding), each stream's version (for expected
/// versions), and the live answers by their natural key (for duplicate answers).
///
/// It folds *every* stored event, also those whose type this version does not know: their ids and stream
/// versions matter to an append even when their payload cannot be read.
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

    /// One rating: a respondent's answer about a competence in a round, by one rater, from one perspective.
    struct AnswerKey: Hashable, Sendable {
        var round: RoundID
        var respondent: PersonID
        var competence: CompetenceID
        var rater: Rater
        var perspective: Perspective

        init(_ answer: SurveyAnswerRecorded) {
            round = answer.round
            respondent = answer.respondent
            competence = answer.competence
            rater = answer.rater
            perspective = answer.perspective
        }
    }

    private(set) var ledger = LedgerState()
    /// The last global position folded.
    private(set) var checkpoint: Int64 = 0
    private(set) var events: [UUID: StoredEvent] = [:]
    private(set) var streamVersions: [StreamName: Int64] = [:]
    private(set) var answerKeys: [AnswerKey: UUID] = [:]

    /// The current version of a stream as far as this state knows (0: no event).
    func version(of stream: StreamName) -> Int64 { streamVersions[stream] ?? 0 }

    /// Folds a stored event; unknown types update only the envelope facts.
    mutating func fold(_ recorded: RecordedEvent) throws(EventDecodingError) {
        let event = try recorded.decoded()
        fold(recorded, event: event)
    }

    /// Folds an event whose payload is already decoded (`nil`: a type outside the catalogue).
    mutating func fold(_ recorded: RecordedEvent, event: CompetenceEvent?) {
        guard recorded.position > checkpoint else { return }
        checkpoint = recorded.position
        streamVersions[recorded.stream] = recorded.version
        events[recorded.id] = StoredEvent(
            stream: recorded.stream, version: recorded.version, position: recorded.position, type: recorded.type,
            isVoidable: event?.isVoidable)
        guard let event else { return }
        switch event {
        case .surveyAnswerRecorded(let answer) where !ledger.voidedEventIDs.contains(recorded.id):
            answerKeys[AnswerKey(answer)] = recorded.id
        case .eventVoided(let voiding):
            if let answer = ledger.answers[eventID: voiding.voidedEventID] {
                answerKeys[AnswerKey(answer.event)] = nil
            }
        default:
            break
        }
        LedgerModel().apply(event, recorded: recorded, to: &ledger)
    }
}
