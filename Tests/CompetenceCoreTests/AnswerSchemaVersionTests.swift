import Foundation
import Testing

@testable import CompetenceCore

/// Schema 2 of `SurveyAnswerRecorded` and 3 of `SurveyAnswerCorrected` (issue 11, after issue 13 made the
/// correction's reason personal text in its version 2): payloads stored at older versions, JSON and compact,
/// still decode — an answer as a `current` one, a correction as one that keeps the answer's day — and the
/// current versions keep the perspective and the superseding day through both encodings.
@Suite("Answer events, schema versions 1, 2 and 3")
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
            #expect(correction.answeredOn == nil && correction.current == 2)
            #expect(correction.reason.isRecordedInClear && SubjectKeyring().text(correction.reason) == "typo")
        }
        // A version-1 compact answer is not a version-2 one: read as version 2 it is refused, not misread.
        #expect(throws: (any Error).self) {
            try codec.decode(type: "SurveyAnswerRecorded", schemaVersion: 2, payload: answerPayloads[1])
        }
    }

    /// `correction` with its reason sealed, as the ledger writes it.
    private func sealed(_ correction: SurveyAnswerCorrected) throws -> SurveyAnswerCorrected {
        let sealer = PersonalDataSealer(keys: [.person("p1"): .random()])
        let payload = try CompetenceEvent.codec.encode(correction, as: .json, sealer: sealer)
        return try JSONPayloadCoding.decode(SurveyAnswerCorrected.self, from: payload.bytes)
    }

    @Test("a correction's version 2 (personal reason, no day) reads as one that keeps the answer's day")
    func correctionVersionTwo() throws {
        let codec = CompetenceEvent.codec
        let current = try sealed(
            SurveyAnswerCorrected(
                round: "r1", answerEventID: UUID(), current: 2, correctedOn: CalendarDate("2024-02-01")!,
                reason: PersonalText("typo", about: .person("p1"))))
        #expect(current.reason.isSealed)
        let old = SurveyAnswerCorrectedV2.Personal(
            round: current.round, answerEventID: current.answerEventID, current: 2, target: nil, importance: nil,
            correctedOn: current.correctedOn, reason: current.reason)
        let payloads = [
            EventPayload(encoding: .json, bytes: try JSONPayloadCoding.encode(old)),
            EventPayload(encoding: .compact, bytes: try CompactEncoder().encode(old)),
        ]
        for payload in payloads {
            let decoded = try codec.decode(type: "SurveyAnswerCorrected", schemaVersion: 2, payload: payload)
            #expect(decoded == .surveyAnswerCorrected(current), "\(payload.encoding)")
        }
    }

    @Test("the survey import's interim version 2 (reason in clear, a superseding day) reads with its day")
    func interimCorrectionVersionTwo() throws {
        let old = SurveyAnswerCorrectedV2.Superseding(
            round: "r2", answerEventID: UUID(), current: 4, target: nil, importance: nil,
            correctedOn: CalendarDate("2024-09-12")!, reason: "a later submission supersedes this answer",
            answeredOn: CalendarDate("2024-09-11")!)
        let decoded = try CompetenceEvent.codec.decode(
            type: "SurveyAnswerCorrected", schemaVersion: 2,
            payload: EventPayload(encoding: .json, bytes: try JSONPayloadCoding.encode(old)))
        guard case .surveyAnswerCorrected(let correction)? = decoded else {
            Issue.record("not a correction: \(String(describing: decoded))")
            return
        }
        #expect(correction.answeredOn == CalendarDate("2024-09-11") && correction.current == 4)
        #expect(SubjectKeyring().text(correction.reason) == "a later submission supersedes this answer")
    }

    @Test("the current versions keep the perspective and a superseding day through JSON and compact")
    func currentVersions() throws {
        let codec = CompetenceEvent.codec
        let answer = SurveyAnswerRecorded(
            round: "r2", respondent: "p1", organisation: "acme", competence: "excel", current: 1,
            answeredOn: CalendarDate("2024-09-10")!, rater: .peer, perspective: .retrospectivePre)
        let correction = try sealed(
            SurveyAnswerCorrected(
                round: "r2", answerEventID: UUID(), current: 4, correctedOn: CalendarDate("2024-09-12")!,
                reason: PersonalText("a later submission supersedes this answer", about: .person("p1")),
                answeredOn: CalendarDate("2024-09-12")!))
        for encoding in [PayloadEncoding.json, .compact] {
            let decodedAnswer = try codec.decode(
                type: "SurveyAnswerRecorded", schemaVersion: 2, payload: try codec.encode(answer, as: encoding))
            #expect(decodedAnswer == .surveyAnswerRecorded(answer))
            let decodedCorrection = try codec.decode(
                type: "SurveyAnswerCorrected", schemaVersion: 3, payload: try codec.encode(correction, as: encoding))
            #expect(decodedCorrection == .surveyAnswerCorrected(correction))
        }
        #expect(SurveyAnswerRecorded.schemaVersion == 2 && SurveyAnswerCorrected.schemaVersion == 3)
    }
}
