import Foundation
import Testing

@testable import CompetenceCore

/// An event that writes its own JSON payload (``JSONFastEncodable``) writes exactly `JSONEncoder`'s bytes, and
/// holds no personal data: the ledger neither encodes it through `JSONEncoder` nor looks in it for subjects to
/// seal.
@Suite("JSON fast encoding")
struct JSONFastEncodingTests {
    /// Texts that need no escaping, and texts that do (quotes, backslashes, control characters, slashes,
    /// beyond ASCII): the fast path writes the first and leaves the second to `JSONEncoder`.
    private static let plainTexts = ["r1", "org-0068", "2023-03-baseline-g001", "c24", "a b", "x/y", "", "=SUM(A1)"]
    private static let escapedTexts = [
        "quo\"te", "back\\slash", "tab\there", "line\nbreak", "ä", "😀", "\u{7F}", "\u{2028}",
    ]

    private static func answer(_ random: inout SplitMix64) -> SurveyAnswerRecorded {
        func text() -> String {
            (Int.random(in: 0..<10, using: &random) < 9 ? plainTexts : escapedTexts).randomElement(using: &random)!
        }
        func number() -> Int {
            [0, 1, 5, -1, 42, Int.max, Int.min, Int.random(in: -1_000_000...1_000_000, using: &random)]
                .randomElement(using: &random)!
        }
        let days = Int.random(in: -800_000...800_000, using: &random)
        return SurveyAnswerRecorded(
            round: RoundID(text()), respondent: PersonID(text()), organisation: OrganisationID(text()),
            competence: CompetenceID(text()), current: number(), target: Bool.random(using: &random) ? number() : nil,
            importance: Bool.random(using: &random) ? number() : nil,
            answeredOn: CalendarDate(year: 1970, month: 1, day: 1)!.adding(days: days),
            rater: Rater.allCases.randomElement(using: &random)!,
            perspective: Perspective.allCases.randomElement(using: &random)!)
    }

    @Test func aSurveyAnswerWritesJSONEncodersBytesOrLeavesThemToIt() throws {
        var random = SplitMix64(seed: 0x5EED_0A15)
        var fast = 0
        for _ in 0..<5_000 {
            let event = Self.answer(&random)
            let reference = try JSONPayloadCoding.encode(event)
            let payload = try CompetenceEvent.codec.encode(event, as: .json)
            #expect(payload.bytes == reference, "\(String(decoding: reference, as: UTF8.self))")
            if let bytes = event.fastJSON() {
                fast += 1
                #expect(Data(bytes) == reference)
            } else {
                let plain = [
                    event.round.rawValue, event.respondent.rawValue, event.organisation.rawValue,
                    event.competence.rawValue,
                ].allSatisfy { text in
                    text.utf8.allSatisfy {
                        $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
                    }
                }
                #expect(!plain, "only a text that needs escaping leaves the fast path")
            }
        }
        #expect(fast > 2_500, "the fast path wrote \(fast) of 5,000")
    }

    /// Every stored member of a fast-encoded event is of a type that cannot hold personal data; a member of
    /// another type (a `PersonalText`, say, even optional and unset) fails here, so that it is not skipped by
    /// the search for subjects to seal nor written in clear.
    @Test func aFastEncodedEventHoldsOnlyMembersThatCannotBePersonal() {
        var random = SplitMix64(seed: 7)
        let allowed: Set<ObjectIdentifier> = [
            ObjectIdentifier(RoundID.self), ObjectIdentifier(PersonID.self), ObjectIdentifier(OrganisationID.self),
            ObjectIdentifier(CompetenceID.self), ObjectIdentifier(Int.self), ObjectIdentifier(Int?.self),
            ObjectIdentifier(CalendarDate.self), ObjectIdentifier(Rater.self), ObjectIdentifier(Perspective.self),
        ]
        let samples: [any JSONFastEncodable] = [Self.answer(&random)]
        for sample in samples {
            for child in Mirror(reflecting: sample).children {
                let type = Swift.type(of: child.value)
                #expect(
                    allowed.contains(ObjectIdentifier(type)),
                    "\(Swift.type(of: sample)).\(child.label ?? "?") is a \(type): review it for personal data")
            }
        }
    }

    @Test func theLedgerLooksForSubjectsOnlyInEventsThatMayHoldThem() throws {
        var random = SplitMix64(seed: 11)
        let answer = Self.answer(&random)
        #expect(try PersonalDataSealer.subjectsToSeal(in: [answer]).isEmpty)
        let correction = SurveyAnswerCorrected(
            round: "r1", answerEventID: UUID(), current: 3, correctedOn: CalendarDate(year: 2024, month: 1, day: 2)!,
            reason: PersonalText("typo", about: .person("p1")))
        #expect(try PersonalDataSealer.subjectsToSeal(in: [answer, correction]) == [.person("p1")])
    }
}
