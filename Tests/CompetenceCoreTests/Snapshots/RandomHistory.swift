import Foundation
import Synchronization

@testable import CompetenceCore

/// A random history for property tests: the ledger fixture's set-up (one of nearly everything), then random
/// steps — answers by several raters, corrections, voidings (of answers, of other facts, of events that are
/// not voidable, of events recorded only later), participations, trainings, interviews, closed rounds, plan
/// progress, new persons and events of types this build does not know — appended one event per append,
/// unvalidated, with payloads in both encodings and recording times an hour (and a fraction of a second) apart.
struct RandomHistory: Sendable, CustomStringConvertible {
    /// One step: what to do (`kind`) and three numbers that choose among people, rounds, days and levels.
    typealias Step = (kind: Int, a: Int, b: Int, c: Int)

    /// The events, in order.
    let events: [NewEvent]
    let description: String

    static let persons: [PersonID] = ["p1", "p2", "p3", "q1", "q2"]
    static let competences: [CompetenceID] = ["excel", "lean", "safety", "sales"]
    static let rounds: [RoundID] = ["r1", "rf"]
    static let key = SubjectKey(bytes: [UInt8](repeating: 7, count: SubjectKey.byteCount))!

    /// The rounds answers go to with `moreRounds`: also the fixture's earlier baseline r0, a later follow-up rg and
    /// rx, a round never opened.
    static let moreRounds: [RoundID] = ["r1", "rf", "r0", "rg", "rx"]

    /// `moreRounds`: answers go to every round of ``moreRounds`` (a second baseline and follow-up, and a round
    /// never opened), not only r1 and rf.
    init(steps: [Step], moreRounds: Bool = false) {
        var events: [NewEvent] = []
        var notes: [String] = []
        func add(_ event: some LedgerEvent, id: UUID? = nil) {
            let index = events.count
            let encoding: PayloadEncoding = index % 3 == 0 ? .compact : .json
            // Personal text is sealed, as only a ledger writes it, with one fixed key for every subject.
            let subjects = try! PersonalDataSealer.subjectsToSeal(in: [event])
            let sealer = PersonalDataSealer(keys: Dictionary(uniqueKeysWithValues: subjects.map { ($0, Self.key) }))
            events.append(
                try! event.proposed(
                    id: id ?? Self.id(index), encoding: encoding, metadata: .none,
                    now: Date(timeIntervalSinceReferenceDate: 721_000_000.123_456_789), sealer: sealer))
        }
        for (index, event) in LedgerFixture.setUp.enumerated() { add(event, id: LedgerFixture.setUpIDs[index]) }
        // A follow-up round next to the fixture's baseline r1, and the persons q1 and q2.
        add(
            SurveyRoundOpened(
                round: "rf", kind: .followUp, organisations: ["acme", "beta"],
                competences: ["excel", "lean", "safety"],
                opensOn: day("2024-09-01"), programme: "lossi"))
        add(PersonRegistered(person: "q1", organisation: "acme", role: .staff))
        add(PersonRegistered(person: "q2", organisation: "beta", role: .staff))
        if moreRounds {
            add(
                SurveyRoundOpened(
                    round: "rg", kind: .followUp, organisations: ["acme", "beta"],
                    competences: ["excel", "lean", "safety", "sales"], opensOn: day("2025-03-01"), programme: "lossi"))
        }
        let rounds = moreRounds ? Self.moreRounds : Self.rounds
        let setUp = events.count
        var answers: [Int] = [LedgerFixture.setUp.firstIndex { $0 is SurveyAnswerRecorded }!]
        for step in steps {
            let person = Self.persons[step.a % Self.persons.count]
            let organisation: OrganisationID = ["p1", "q1"].contains(person) ? "acme" : "beta"
            let competence = Self.competences[step.b % Self.competences.count]
            let round = rounds[step.c % rounds.count]
            let firstDay: [RoundID: String] = [
                "r0": "2023-05-02", "r1": "2023-09-02", "rf": "2024-09-02", "rg": "2025-03-02", "rx": "2024-01-02",
            ]
            let on = day(firstDay[round]!).adding(days: step.c)
            switch step.kind % 12 {
            case 0, 1, 2:
                answers.append(events.count)
                let rater: Rater = step.kind % 12 == 2 ? .manager : .`self`
                // Then-test answers (a flag bit of the answer table's rows) now and then, in the follow-up round.
                let perspective: Perspective =
                    step.kind % 12 == 1 && (round == "rf" || round == "rg") && step.b % 2 == 0
                    ? .retrospectivePre : .current
                add(
                    SurveyAnswerRecorded(
                        round: round, respondent: person, organisation: organisation, competence: competence,
                        current: step.c % 5 + 1, target: step.a % 3 == 0 ? nil : 5,
                        importance: step.b % 4 == 0 ? nil : step.b % 5 + 1, answeredOn: on, rater: rater,
                        perspective: perspective))
                notes.append("answer \(round) \(person) \(competence)")
            case 3:
                let answer = answers[step.a % answers.count]
                add(
                    SurveyAnswerCorrected(
                        round: round, answerEventID: Self.id(answer, setUp: answer < setUp), current: step.b % 5 + 1,
                        target: step.c % 2 == 0 ? nil : 5, importance: 3, correctedOn: on,
                        reason: PersonalText("typo", about: .person(person)),
                        // Some corrections carry a superseding submission's day (the row's day moves).
                        answeredOn: step.b % 3 == 0 ? on : nil))
                notes.append("correct #\(answer)")
            case 4:
                let answer = answers[step.b % answers.count]
                add(
                    EventVoided(
                        voidedEventID: Self.id(answer, setUp: answer < setUp), voidedStream: round.stream,
                        voidedOn: on, reason: "duplicate"))
                notes.append("void answer #\(answer)")
            case 5:
                // Any event: earlier or later, voidable or not.
                let target = (step.a * 7 + step.b * 3 + step.c) % (events.count + 6)
                add(
                    EventVoided(
                        voidedEventID: Self.id(target, setUp: target < setUp), voidedStream: "any-stream", voidedOn: on,
                        reason: "wrong"))
                notes.append("void #\(target)")
            case 6:
                add(
                    ParticipationRecorded(
                        training: step.a % 2 == 0 ? "t1" : "t2", person: person, organisation: organisation,
                        attendedHours: Double(step.b), completed: step.c % 3 != 0,
                        completedOn: step.c % 3 != 0 ? day("2024-03-01").adding(days: step.c) : nil,
                        recordedOn: day("2024-03-01").adding(days: step.c)))
                notes.append("participation \(person)")
            case 7:
                add(
                    TrainingProcured(
                        training: step.a % 2 == 0 ? "t2" : "t3", title: "Training", provider: "LAB", kind: .joint,
                        competences: [competence], costCents: 1_000 * step.b, hours: 10,
                        procuredOn: day("2024-01-01").adding(days: step.c)))
                notes.append("training")
            case 8:
                add(
                    ManagementInterviewHeld(
                        organisation: organisation, interview: "i\(events.count)", heldOn: on,
                        intervieweeRoles: [.manager],
                        identifiedNeeds: [IdentifiedNeed(competence: competence, priority: 1)]
                    ))
                notes.append("interview")
            case 9:
                add(SurveyRoundClosed(round: round, closedOn: on))
                notes.append("close \(round)")
            case 10:
                add(
                    PlanActionProgressed(
                        plan: "plan1", action: "a1", status: step.b % 2 == 0 ? .inProgress : .dropped,
                        progressedOn: on))
                notes.append("plan progress")
            default:
                events.append(
                    NewEvent(
                        id: Self.id(events.count), type: "FromANewerVersion", occurredAt: on.startOfDay,
                        payload: .json(Data(#"{"n":\#(step.c)}"#.utf8))))
                notes.append("unknown type")
            }
        }
        self.events = events
        description = "\(events.count) events: " + notes.joined(separator: ", ")
    }

    /// The id of the event at `index` (set-up events keep the fixture's ids).
    static func id(_ index: Int, setUp: Bool = false) -> UUID {
        if setUp, index < LedgerFixture.setUpIDs.count { return LedgerFixture.setUpIDs[index] }
        return fixedID(100_000 + index)
    }

    /// A store holding the first `count` events, each appended alone, recorded an hour apart from
    /// 2024-06-01 (the same times in every store made from this history).
    func store(first count: Int? = nil) async throws -> InMemoryEventStore {
        let tick = Mutex(0)
        let store = InMemoryEventStore {
            let hour = tick.withLock { hour in
                defer { hour += 1 }
                return hour
            }
            // Times with fractions of a second, as a store's clock gives them: they must survive a snapshot.
            return day("2024-06-01").startOfDay.addingTimeInterval(Double(hour) * 3600 + Double(hour) * 0.001_234_567)
        }
        for (index, event) in events.prefix(count ?? events.count).enumerated() {
            try await store.append([event], to: StreamName("s-\(index % 7)"), expecting: .any)
        }
        return store
    }
}
