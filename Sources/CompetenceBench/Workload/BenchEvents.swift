import CompetenceCore
import Foundation

/// Proposed events for benchmarks: realistic survey-answer-sized JSON payloads.
enum BenchEvents {
    static let occurred = Date(timeIntervalSince1970: 1_696_118_400)

    static func batch(_ count: Int, seed: Int) -> [NewEvent] {
        (0..<count).map { index in
            NewEvent(
                type: "BenchEvent", occurredAt: occurred,
                payload: .json(
                    Data(#"{"respondent":"p-\#(seed)-\#(index)","competence":"excel","current":3,"target":4}"#.utf8)))
        }
    }
}

/// Survey answers of the catalogue for benchmarks: the commonest event of a real ledger.
enum BenchAnswers {
    static let competences: [CompetenceID] = [
        "excel", "leadership", "welding", "german", "safety", "sales", "python", "cnc",
    ]
    static let answeredOn = CalendarDate(year: 2024, month: 10, day: 1)!

    /// The `index`-th answer as a proposed event in `encoding`.
    static func event(_ index: Int, encoding: PayloadEncoding = .compact) -> NewEvent {
        let answer = SurveyAnswerRecorded(
            round: "2024-baseline", respondent: PersonID("p-\(index / 8)"),
            organisation: OrganisationID("org-\(index % 100)"),
            competence: competences[index % competences.count], current: index % 5 + 1,
            target: index % 3 == 0 ? nil : 5, importance: index % 4 + 1, answeredOn: answeredOn)
        return try! answer.proposed(encoding: encoding, now: BenchEvents.occurred)
    }
}
