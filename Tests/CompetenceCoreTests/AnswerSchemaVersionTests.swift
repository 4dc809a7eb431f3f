import CompetenceCore
import Foundation
import Testing

/// Schema 2 of the two answer events (issue 11): payloads stored at version 1, JSON and compact, still decode —
/// an answer as a `current` one, a correction as one that keeps the answer's day — and version 2 keeps the
/// perspective through both encodings.
@Suite("Answer events, schema versions 1 and 2")
struct AnswerSchemaVersionTests {
    /// `SurveyAnswerRecorded` as version 1 wrote it: no perspective.
    struct AnswerV1: Encodable {
        var round = "r1", respondent = "p1", organisation = "acme", competence = "excel"
        var current = 3
        var target: Int? = 4
        var importance: Int? = nil
        var answeredOn = "2024-01-10"
        var rater = "manager"
    }

    /// `SurveyAnswerCorrected` as version 1 wrote it: no answeredOn.
    struct CorrectionV1: Encodable {
        var round = "r1"
        var answerEventID = UUID(uuidString: "00000000-0000-4000-8000-000000000005")!
        var current = 2
        var target: Int? = nil
        var importance: Int? = nil
        var correctedOn = "2024-02-01"
        var reason = "typo"
    }

    @Test("version-1 payloads read as current answers and day-keeping corrections, JSON and compact")
    func versionOne() throws {
        let codec = CompetenceEvent.codec
        let answerPayloads = [
            EventPayload(encoding: .json, bytes: try JSONEncoder().encode(AnswerV1())),
            EventPayload(encoding: .compact, bytes: try CompactEncoder().encode(AnswerV1())),
        ]
        for payload in answerPayloads {
            let decoded = try codec.decode(type: "SurveyAnswerRecorded", schemaVersion: 1, payload: payload)
            guard case .surveyAnswerRecorded(let answer)? = decoded else {
                Issue.record("not an answer: \(String(describing: decoded))")
                continue
            }
            #expect(answer.perspective == .current && answer.rater == .manager && answer.current == 3)
            #expect(answer.target == 4 && answer.importance == nil && answer.answeredOn == CalendarDate("2024-01-10"))
        }
        let correctionPayloads = [
            EventPayload(encoding: .json, bytes: try JSONEncoder().encode(CorrectionV1())),
            EventPayload(encoding: .compact, bytes: try CompactEncoder().encode(CorrectionV1())),
        ]
        for payload in correctionPayloads {
            let decoded = try codec.decode(type: "SurveyAnswerCorrected", schemaVersion: 1, payload: payload)
            guard case .surveyAnswerCorrected(let correction)? = decoded else {
                Issue.record("not a correction: \(String(describing: decoded))")
                continue
            }
            #expect(correction.answeredOn == nil && correction.current == 2 && correction.reason == "typo")
        }
        // A version-1 compact answer is not a version-2 one: read as version 2 it is refused, not misread.
        #expect(throws: (any Error).self) {
            try codec.decode(type: "SurveyAnswerRecorded", schemaVersion: 2, payload: answerPayloads[1])
        }
    }

    @Test("version 2 keeps the perspective and a superseding day through JSON and compact")
    func versionTwo() throws {
        let codec = CompetenceEvent.codec
        let answer = SurveyAnswerRecorded(
            round: "r2", respondent: "p1", organisation: "acme", competence: "excel", current: 1,
            answeredOn: CalendarDate("2024-09-10")!, rater: .peer, perspective: .retrospectivePre)
        let correction = SurveyAnswerCorrected(
            round: "r2", answerEventID: UUID(), current: 4, correctedOn: CalendarDate("2024-09-12")!,
            reason: "a later submission supersedes this answer", answeredOn: CalendarDate("2024-09-12")!)
        for encoding in [PayloadEncoding.json, .compact] {
            let decodedAnswer = try codec.decode(
                type: "SurveyAnswerRecorded", schemaVersion: 2, payload: try codec.encode(answer, as: encoding))
            #expect(decodedAnswer == .surveyAnswerRecorded(answer))
            let decodedCorrection = try codec.decode(
                type: "SurveyAnswerCorrected", schemaVersion: 2, payload: try codec.encode(correction, as: encoding))
            #expect(decodedCorrection == .surveyAnswerCorrected(correction))
        }
        #expect(SurveyAnswerRecorded.schemaVersion == 2 && SurveyAnswerCorrected.schemaVersion == 2)
    }
}
