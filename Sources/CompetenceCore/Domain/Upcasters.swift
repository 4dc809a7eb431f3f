import Foundation

/// Readers of older schema versions: when a type's fields change, its `schemaVersion` rises and the old shape
/// is registered here, so that every payload ever stored — JSON or compact (which is positional) — still
/// decodes, into the current type.
///
/// - `SurveyAnswerRecorded` v1 (before `perspective`): read as a `current` answer.
/// - `SurveyAnswerCorrected` v1 (before `answeredOn`): read as a correction that keeps the answer's day.
enum Upcasters {
    static func register(into codec: inout EventCodec<CompetenceEvent>) {
        codec.registerUpcaster(
            from: SurveyAnswerRecordedV1.self, version: 1, to: SurveyAnswerRecorded.self,
            wrap: CompetenceEvent.surveyAnswerRecorded
        ) { old in
            SurveyAnswerRecorded(
                round: old.round, respondent: old.respondent, organisation: old.organisation,
                competence: old.competence, current: old.current, target: old.target, importance: old.importance,
                answeredOn: old.answeredOn, rater: old.rater, perspective: .current)
        }
        codec.registerUpcaster(
            from: SurveyAnswerCorrectedV1.self, version: 1, to: SurveyAnswerCorrected.self,
            wrap: CompetenceEvent.surveyAnswerCorrected
        ) { old in
            SurveyAnswerCorrected(
                round: old.round, answerEventID: old.answerEventID, current: old.current, target: old.target,
                importance: old.importance, correctedOn: old.correctedOn, reason: old.reason, answeredOn: nil)
        }
    }
}

/// `SurveyAnswerRecorded` as stored at schema version 1: the fields, in their order, before `perspective`.
struct SurveyAnswerRecordedV1: Codable, Hashable, Sendable, CompactDecodable {
    var round: RoundID
    var respondent: PersonID
    var organisation: OrganisationID
    var competence: CompetenceID
    var current: Int
    var target: Int?
    var importance: Int?
    var answeredOn: CalendarDate
    var rater: Rater

    /// Reads the fields in declaration order (old stores are mostly answers: they keep the fast path).
    init(compact reader: inout CompactReader) throws {
        round = try reader.read(RoundID.self)
        respondent = try reader.read(PersonID.self)
        organisation = try reader.read(OrganisationID.self)
        competence = try reader.read(CompetenceID.self)
        current = try reader.readInt()
        target = try reader.readOptional { try $0.readInt() }
        importance = try reader.readOptional { try $0.readInt() }
        answeredOn = try reader.read(CalendarDate.self)
        rater = try reader.read(Rater.self)
    }
}

/// `SurveyAnswerCorrected` as stored at schema version 1: the fields, in their order, before `answeredOn`.
struct SurveyAnswerCorrectedV1: Codable, Hashable, Sendable {
    var round: RoundID
    var answerEventID: UUID
    var current: Int
    var target: Int?
    var importance: Int?
    var correctedOn: CalendarDate
    var reason: String
}
