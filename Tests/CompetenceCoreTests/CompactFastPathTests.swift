import CompetenceCore
import Foundation
import Testing

/// Decodes through `Decodable` only (the generic constraint hides the `CompactDecodable` overload).
private func viaDecodable<T: Decodable>(_ type: T.Type, _ bytes: Data) throws -> T {
    try CompactDecoder().decode(T.self, from: bytes)
}

@Suite("Compact fast paths")
struct CompactFastPathTests {
    /// Answers with every combination of optional fields, odd ids, every rater and many dates.
    static let answers: [SurveyAnswerRecorded] = {
        var generator = SystemRandomNumberGenerator()
        var answers: [SurveyAnswerRecorded] = []
        let ids = ["r", "päijät-häme-2023", String(repeating: "x", count: 300), "a;b'\"c", "🙂"]
        for index in 0..<400 {
            answers.append(
                SurveyAnswerRecorded(
                    round: RoundID(ids[index % ids.count]), respondent: PersonID("p-\(index)"),
                    organisation: OrganisationID(ids[(index + 1) % ids.count]),
                    competence: CompetenceID("c\(index % 7)"),
                    current: Int.random(in: -3...200_000, using: &generator),
                    target: index % 3 == 0 ? nil : Int.random(in: 0...5, using: &generator),
                    importance: index % 5 == 0 ? nil : Int.random(in: .min ... .max, using: &generator),
                    answeredOn: CalendarDate(year: 1990 + index % 60, month: 1 + index % 12, day: 1 + index % 28)!,
                    rater: Rater.allCases[index % Rater.allCases.count],
                    perspective: Perspective.allCases[index / 2 % Perspective.allCases.count]))
        }
        return answers
    }()

    @Test func surveyAnswersReadTheSameAsThroughDecodable() throws {
        for answer in Self.answers {
            let bytes = try CompactEncoder().encode(answer)
            let fast = try CompactDecoder().decode(SurveyAnswerRecorded.self, from: bytes)
            #expect(fast == answer)
            #expect(fast == (try viaDecodable(SurveyAnswerRecorded.self, bytes)))
        }
    }

    @Test func theCodecTakesTheFastPathAndAgreesWithJSON() throws {
        for answer in Self.answers.prefix(50) {
            for encoding in [PayloadEncoding.compact, .json] {
                let payload = try CompetenceEvent.codec.encode(answer, as: encoding)
                let decoded = try CompetenceEvent.codec.decode(
                    type: SurveyAnswerRecorded.eventType, schemaVersion: SurveyAnswerRecorded.schemaVersion,
                    payload: payload)
                guard case .surveyAnswerRecorded(let event)? = decoded else {
                    Issue.record("not decoded as an answer: \(String(describing: decoded))")
                    continue
                }
                #expect(event == answer)
            }
        }
    }

    @Test(arguments: [1, 5, 17])
    func truncatedOrLongerBytesAreRefusedLikeTheDecodablePath(cut: Int) throws {
        let bytes = try CompactEncoder().encode(Self.answers[1])
        let truncated = bytes.prefix(bytes.count - cut)
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(SurveyAnswerRecorded.self, from: truncated) }
        #expect(throws: DecodingError.self) { try viaDecodable(SurveyAnswerRecorded.self, truncated) }
        let longer = bytes + Data(repeating: 0, count: cut)
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(SurveyAnswerRecorded.self, from: longer) }
        #expect(throws: DecodingError.self) { try viaDecodable(SurveyAnswerRecorded.self, longer) }
    }

    @Test func aDayThatDoesNotExistOrAnUnknownRaterIsRefused() throws {
        struct Forged: Encodable {
            var round = "r", respondent = "p", organisation = "o", competence = "c"
            var current = 3
            var target: Int? = nil
            var importance: Int? = nil
            var answeredOn: String
            var rater: String
            var perspective = "current"
        }
        let badDay = try CompactEncoder().encode(Forged(answeredOn: "2023-02-30", rater: "self"))
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(SurveyAnswerRecorded.self, from: badDay) }
        #expect(throws: DecodingError.self) { try viaDecodable(SurveyAnswerRecorded.self, badDay) }
        let badRater = try CompactEncoder().encode(Forged(answeredOn: "2023-02-28", rater: "robot"))
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(SurveyAnswerRecorded.self, from: badRater) }
        #expect(throws: DecodingError.self) { try viaDecodable(SurveyAnswerRecorded.self, badRater) }
        let good = try CompactEncoder().encode(Forged(answeredOn: "2023-02-28", rater: "manager"))
        #expect(try CompactDecoder().decode(SurveyAnswerRecorded.self, from: good).rater == .manager)
    }
}
