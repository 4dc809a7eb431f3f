import Foundation

// The version 2 shapes of the types whose fields changed again in version 3. Each upcasts to the current type.

/// `SurveyAnswerCorrected` as stored at schema version 2: `reason` personal text, no `answeredOn` (the shape
/// the ledger writes as version 2). A version 2 payload with `reason` in clear and an `answeredOn` (the survey
/// import's interim version 2, never released beside the first) reads as well, its reason recorded in clear.
enum SurveyAnswerCorrectedV2: Codable, Hashable, Sendable {
    /// The released version 2.
    case personal(Personal)
    /// The interim version 2 of the survey import.
    case superseding(Superseding)

    struct Personal: Codable, Hashable, Sendable {
        var round: RoundID
        var answerEventID: UUID
        var current: Int
        var target: Int?
        var importance: Int?
        var correctedOn: CalendarDate
        var reason: PersonalText
    }

    struct Superseding: Codable, Hashable, Sendable {
        var round: RoundID
        var answerEventID: UUID
        var current: Int
        var target: Int?
        var importance: Int?
        var correctedOn: CalendarDate
        var reason: String
        var answeredOn: CalendarDate?
    }

    private enum CodingKeys: String, CodingKey {
        case round, answerEventID, current, target, importance, correctedOn, reason, answeredOn
    }

    /// Reads one keyed container: a `reason` that is not sealed but a string is the interim shape.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let round = try container.decode(RoundID.self, forKey: .round)
        let answerEventID = try container.decode(UUID.self, forKey: .answerEventID)
        let current = try container.decode(Int.self, forKey: .current)
        let target = try container.decodeIfPresent(Int.self, forKey: .target)
        let importance = try container.decodeIfPresent(Int.self, forKey: .importance)
        let correctedOn = try container.decode(CalendarDate.self, forKey: .correctedOn)
        do {
            self = .personal(
                Personal(
                    round: round, answerEventID: answerEventID, current: current, target: target,
                    importance: importance, correctedOn: correctedOn,
                    reason: try container.decode(PersonalText.self, forKey: .reason)))
        } catch {
            // Not sealed: the interim shape (read from JSON; its compact form is not told apart).
            guard let reason = try? container.decode(String.self, forKey: .reason) else { throw error }
            self = .superseding(
                Superseding(
                    round: round, answerEventID: answerEventID, current: current, target: target,
                    importance: importance, correctedOn: correctedOn, reason: reason,
                    answeredOn: try container.decodeIfPresent(CalendarDate.self, forKey: .answeredOn)))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .personal(let shape): try shape.encode(to: encoder)
        case .superseding(let shape): try shape.encode(to: encoder)
        }
    }

    /// The respondent is not in the payload (only the answer's event id), so a reason in clear names no subject.
    func upcast() -> SurveyAnswerCorrected {
        switch self {
        case .personal(let old):
            SurveyAnswerCorrected(
                round: old.round, answerEventID: old.answerEventID, current: old.current, target: old.target,
                importance: old.importance, correctedOn: old.correctedOn, reason: old.reason, answeredOn: nil)
        case .superseding(let old):
            SurveyAnswerCorrected(
                round: old.round, answerEventID: old.answerEventID, current: old.current, target: old.target,
                importance: old.importance, correctedOn: old.correctedOn,
                reason: .recordedInClear(old.reason, about: nil), answeredOn: old.answeredOn)
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

    /// Read as a `current` answer (the only perspective before version 2).
    func upcast() -> SurveyAnswerRecorded {
        SurveyAnswerRecorded(
            round: round, respondent: respondent, organisation: organisation, competence: competence,
            current: current, target: target, importance: importance, answeredOn: answeredOn, rater: rater,
            perspective: .current)
    }
}

/// `DevelopmentPlanAdopted` as stored at schema version 2: actions without `training` and `need`.
struct DevelopmentPlanAdoptedV2: Codable, Hashable, Sendable {
    struct Action: Codable, Hashable, Sendable {
        var action: String
        var competence: CompetenceID
        var description: PersonalText
        var targetLevel: Int
        var dueOn: CalendarDate
        var ownerRole: PersonRole
    }

    var plan: PlanID
    var organisation: OrganisationID
    var adoptedOn: CalendarDate
    var actions: [Action]

    func upcast() -> DevelopmentPlanAdopted {
        DevelopmentPlanAdopted(
            plan: plan, organisation: organisation, adoptedOn: adoptedOn,
            actions: actions.map { action in
                PlanAction(
                    action: action.action, competence: action.competence, description: action.description,
                    targetLevel: action.targetLevel, dueOn: action.dueOn, ownerRole: action.ownerRole)
            })
    }
}
