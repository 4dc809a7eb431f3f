import CompetenceCore
import Crypto
import Foundation

/// `export --xapi FILE`: each survey answer that counts, each participation in a training (`attended`) and each
/// completion (`completed`) as an xAPI 1.0.3 statement, one JSON object per line (NDJSON), in global order.
///
/// - The actor is an `Agent` identified by an `account` on ``homePage`` whose `name` is the pseudonymous person
///   id — never a mailbox.
/// - Verbs are ADL's: `http://adlnet.gov/expapi/verbs/answered`, `…/attended`, `…/completed`.
/// - An answer's result has the level as `score.raw` within the competence's scale (`min`, `max`) and
///   `score.scaled` = (raw − min) / (max − min); an attendance's result has the hours as an ISO 8601 `duration`
///   and `completion`; a completion's `completion: true`.
/// - The context carries the programme and the round twice: as `contextActivities` (`grouping`: the programme,
///   `parent`: the round, for answers) and as `extensions` (`…/xapi/extensions/programme`, `…/round`, and the
///   organisation, rater and perspective), the extension IRIs under ``homePage``.
/// - A statement's `id` is derived from its event id and verb (a name-based UUID, version 8, from SHA-256), so
///   exporting the same history again gives the same bytes; `timestamp` is the day it happened (midnight UTC);
///   `stored` is left to the learning record store.
package struct XAPIStatements: Sendable {
    /// The IRL of the programme's system: the accounts' `homePage` and the base of activity and extension IRIs.
    package var homePage: String

    /// Statements with accounts on `homePage` (a trailing `/` is dropped).
    package init(homePage: String) {
        var home = homePage
        while home.hasSuffix("/") { home.removeLast() }
        self.homePage = home
    }

    /// The ADL verbs used.
    package enum Verb: String, CaseIterable, Sendable {
        /// A survey answer.
        case answered
        /// Taking part in a training.
        case attended
        /// Completing a training.
        case completed

        /// The verb's IRI.
        var id: String { "http://adlnet.gov/expapi/verbs/" + rawValue }
    }

    /// Every statement of `state`, each as one line of JSON (without the line feed).
    package func lines(of state: LedgerState) throws -> [Data] {
        var statements: [(position: Int64, order: Int, statement: Statement)] = []
        for fact in state.answers {
            statements.append((fact.position, 0, answered(fact, state: state)))
        }
        for training in state.trainings.values {
            for fact in training.participations {
                statements.append((fact.position, 0, attended(fact, training: training, state: state)))
                if fact.event.completed {
                    statements.append((fact.position, 1, completed(fact, training: training, state: state)))
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try statements.sorted { ($0.position, $0.order) < ($1.position, $1.order) }.map {
            try encoder.encode($0.statement)
        }
    }

    // MARK: Statements

    private func answered(_ fact: Fact<SurveyAnswerRecorded>, state: LedgerState) -> Statement {
        let answer = fact.event
        let scale = state.competences[answer.competence]?.scale ?? .standard
        let span = Double(scale.maximum - scale.minimum)
        let scaled = span > 0 ? min(1, max(-1, Double(answer.current - scale.minimum) / span)) : 1
        let round = state.rounds[answer.round]
        let programme =
            round?.opening.event.programme
            ?? state.organisations[answer.organisation]?.enrolment.event
            .programme
        var extensions = [
            extensionIRI("round"): answer.round.rawValue, extensionIRI("organisation"): answer.organisation.rawValue,
            extensionIRI("rater"): answer.rater.rawValue, extensionIRI("perspective"): answer.perspective.rawValue,
        ]
        if let kind = round?.kind { extensions[extensionIRI("round-kind")] = kind.rawValue }
        if let programme { extensions[extensionIRI("programme")] = programme.rawValue }
        let name = state.competences[answer.competence]?.definition.event.name ?? answer.competence.rawValue
        return Statement(
            id: Self.id(fact.eventID, .answered), actor: actor(answer.respondent), verb: Verb.answered.statementVerb,
            object: Activity(
                id: "\(homePage)/rounds/\(Self.segment(answer.round.rawValue))/competences/"
                    + Self.segment(answer.competence.rawValue),
                name: "\(name) (\(answer.round.rawValue))", type: "http://adlnet.gov/expapi/activities/question"),
            result: Result(
                score: Score(scaled: scaled, raw: answer.current, min: scale.minimum, max: scale.maximum),
                completion: nil, duration: nil),
            context: Context(
                contextActivities: ContextActivities(
                    parent: [
                        Activity(
                            id: "\(homePage)/rounds/\(Self.segment(answer.round.rawValue))",
                            name: "Survey round \(answer.round.rawValue)",
                            type: "http://adlnet.gov/expapi/activities/assessment")
                    ],
                    grouping: programme.map { [programmeActivity($0)] }),
                extensions: extensions),
            timestamp: Self.timestamp(answer.answeredOn))
    }

    private func attended(
        _ fact: Fact<ParticipationRecorded>, training: TrainingRecord, state: LedgerState
    )
        -> Statement
    {
        let event = fact.event
        return Statement(
            id: Self.id(fact.eventID, .attended), actor: actor(event.person), verb: Verb.attended.statementVerb,
            object: trainingActivity(training),
            result: Result(
                score: nil, completion: event.completed, duration: Self.duration(hours: event.attendedHours)),
            context: trainingContext(training, organisation: event.organisation, state: state),
            timestamp: Self.timestamp(event.recordedOn))
    }

    private func completed(
        _ fact: Fact<ParticipationRecorded>, training: TrainingRecord, state: LedgerState
    )
        -> Statement
    {
        let event = fact.event
        return Statement(
            id: Self.id(fact.eventID, .completed), actor: actor(event.person), verb: Verb.completed.statementVerb,
            object: trainingActivity(training), result: Result(score: nil, completion: true, duration: nil),
            context: trainingContext(training, organisation: event.organisation, state: state),
            timestamp: Self.timestamp(event.completedOn ?? event.recordedOn))
    }

    // MARK: Parts

    private func actor(_ person: PersonID) -> Actor {
        Actor(account: Account(homePage: homePage, name: person.rawValue))
    }

    private func trainingActivity(_ training: TrainingRecord) -> Activity {
        Activity(
            id: "\(homePage)/trainings/\(Self.segment(training.id.rawValue))",
            name: training.procurement.event.title, type: "http://adlnet.gov/expapi/activities/course")
    }

    private func programmeActivity(_ programme: ProgrammeID) -> Activity {
        Activity(
            id: "\(homePage)/programmes/\(Self.segment(programme.rawValue))", name: "Programme \(programme.rawValue)",
            type: "http://adlnet.gov/expapi/activities/course")
    }

    private func trainingContext(
        _ training: TrainingRecord, organisation: OrganisationID, state: LedgerState
    )
        -> Context
    {
        let programme =
            training.procurement.event.programme
            ?? state.organisations[organisation]?.enrolment.event.programme
        var extensions = [extensionIRI("organisation"): organisation.rawValue]
        if let programme { extensions[extensionIRI("programme")] = programme.rawValue }
        return Context(
            contextActivities: programme.map {
                ContextActivities(parent: nil, grouping: [programmeActivity($0)])
            }, extensions: extensions)
    }

    private func extensionIRI(_ name: String) -> String { "\(homePage)/xapi/extensions/\(name)" }

    /// An id as an IRI path segment (percent-encoded where it is not unreserved).
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? text
    }

    /// A name-based UUID (RFC 9562 version 8) from the SHA-256 of the event id and the verb.
    static func id(_ eventID: UUID, _ verb: Verb) -> String {
        var bytes = Array(SHA256.hash(data: Data("xapi:\(eventID.uuidString.lowercased()):\(verb.rawValue)".utf8)))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }

    static func timestamp(_ day: CalendarDate) -> String { "\(day)T00:00:00Z" }

    /// Hours as an ISO 8601 duration: `PT12H`, `PT1.5H`.
    static func duration(hours: Double) -> String? {
        guard hours.isFinite, hours >= 0 else { return nil }
        return "PT" + TidyTables.number(hours) + "H"
    }
}

extension XAPIStatements.Verb {
    var statementVerb: XAPIStatements.StatementVerb {
        XAPIStatements.StatementVerb(id: id, display: ["en-US": rawValue])
    }
}
