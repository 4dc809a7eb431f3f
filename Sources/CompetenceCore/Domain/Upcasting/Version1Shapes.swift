import Foundation

// The version 1 shapes of the types whose free text became personal in version 2: the same fields in the
// same order (the compact form is positional), with the text as plain strings. Each upcasts to the current
// type, its text recorded in clear and attributed to the subject the payload names, if any.

/// A text of a version 1 payload, as the current type holds it.
private func clear(_ text: String, about subject: DataSubject?) -> PersonalText {
    .recordedInClear(text, about: subject)
}

struct StakeholderV1: Codable, Hashable, Sendable {
    var kind: StakeholderKind
    var name: String
    var organisation: OrganisationID?

    func upcast() -> Stakeholder {
        Stakeholder(
            kind: kind, name: clear(name, about: organisation.map(DataSubject.organisation)), organisation: organisation
        )
    }
}

struct ForumMeetingHeldV1: Codable, Hashable, Sendable {
    var programme: ProgrammeID
    var meeting: String
    var heldOn: CalendarDate
    var stakeholders: [StakeholderV1]
    var topics: [String]
    var decisions: [String]

    func upcast() -> ForumMeetingHeld {
        ForumMeetingHeld(
            programme: programme, meeting: meeting, heldOn: heldOn, stakeholders: stakeholders.map { $0.upcast() },
            topics: topics, decisions: decisions)
    }
}

struct OrganisationWithdrawnV1: Codable, Hashable, Sendable {
    var organisation: OrganisationID
    var withdrawnOn: CalendarDate
    var reason: String?

    func upcast() -> OrganisationWithdrawn {
        OrganisationWithdrawn(
            organisation: organisation, withdrawnOn: withdrawnOn,
            reason: reason.map { clear($0, about: .organisation(organisation)) })
    }
}

struct IdentifiedNeedV1: Codable, Hashable, Sendable {
    var competence: CompetenceID
    var priority: Int
    var note: String?
}

struct ManagementInterviewHeldV1: Codable, Hashable, Sendable {
    var organisation: OrganisationID
    var interview: String
    var heldOn: CalendarDate
    var intervieweeRoles: [PersonRole]
    var identifiedNeeds: [IdentifiedNeedV1]

    func upcast() -> ManagementInterviewHeld {
        ManagementInterviewHeld(
            organisation: organisation, interview: interview, heldOn: heldOn, intervieweeRoles: intervieweeRoles,
            identifiedNeeds: identifiedNeeds.map { need in
                IdentifiedNeed(
                    competence: need.competence, priority: need.priority,
                    note: need.note.map { clear($0, about: .organisation(organisation)) })
            })
    }
}

struct TrainingNeedIdentifiedV1: Codable, Hashable, Sendable {
    var organisation: OrganisationID
    var competence: CompetenceID
    var identifiedOn: CalendarDate
    var source: NeedSource
    var priority: Int
    var note: String?

    func upcast() -> TrainingNeedIdentified {
        TrainingNeedIdentified(
            organisation: organisation, competence: competence, identifiedOn: identifiedOn, source: source,
            priority: priority, note: note.map { clear($0, about: .organisation(organisation)) })
    }
}

struct SparringVisitHeldV1: Codable, Hashable, Sendable {
    var organisation: OrganisationID
    var heldOn: CalendarDate
    var topics: [String]
    var agreedActions: [String]

    func upcast() -> SparringVisitHeld {
        SparringVisitHeld(
            organisation: organisation, heldOn: heldOn, topics: topics,
            agreedActions: agreedActions.map { clear($0, about: .organisation(organisation)) })
    }
}

struct SurveyAnswerCorrectedV1: Codable, Hashable, Sendable {
    var round: RoundID
    var answerEventID: UUID
    var current: Int
    var target: Int?
    var importance: Int?
    var correctedOn: CalendarDate
    var reason: String

    /// The respondent is not in the payload (only the answer's event id), so the reason names no subject.
    func upcast() -> SurveyAnswerCorrected {
        SurveyAnswerCorrected(
            round: round, answerEventID: answerEventID, current: current, target: target, importance: importance,
            correctedOn: correctedOn, reason: clear(reason, about: nil))
    }
}

struct TrainingFeedbackGivenV1: Codable, Hashable, Sendable {
    var training: TrainingID
    var score: Int
    var givenOn: CalendarDate
    var person: PersonID?
    var comment: String?

    func upcast() -> TrainingFeedbackGiven {
        TrainingFeedbackGiven(
            training: training, score: score, givenOn: givenOn, person: person,
            comment: comment.map { clear($0, about: person.map(DataSubject.person)) })
    }
}

struct PlanActionV1: Codable, Hashable, Sendable {
    var action: String
    var competence: CompetenceID
    var description: String
    var targetLevel: Int
    var dueOn: CalendarDate
    var ownerRole: PersonRole
}

struct DevelopmentPlanAdoptedV1: Codable, Hashable, Sendable {
    var plan: PlanID
    var organisation: OrganisationID
    var adoptedOn: CalendarDate
    var actions: [PlanActionV1]

    func upcast() -> DevelopmentPlanAdopted {
        DevelopmentPlanAdopted(
            plan: plan, organisation: organisation, adoptedOn: adoptedOn,
            actions: actions.map { action in
                PlanAction(
                    action: action.action, competence: action.competence,
                    description: clear(action.description, about: .organisation(organisation)),
                    targetLevel: action.targetLevel, dueOn: action.dueOn, ownerRole: action.ownerRole)
            })
    }
}

/// The plan's organisation is not in the payload (only the plan id), so the note names no subject.
struct PlanActionProgressedV1: Codable, Hashable, Sendable {
    var plan: PlanID
    var action: String
    var status: ActionStatus
    var progressedOn: CalendarDate
    var note: String?

    func upcast() -> PlanActionProgressed {
        PlanActionProgressed(
            plan: plan, action: action, status: status, progressedOn: progressedOn,
            note: note.map { clear($0, about: nil) })
    }
}

/// The plan's organisation is not in the payload (only the plan id), so the note names no subject.
struct PlanActionCompletedV1: Codable, Hashable, Sendable {
    var plan: PlanID
    var action: String
    var completedOn: CalendarDate
    var note: String?

    func upcast() -> PlanActionCompleted {
        PlanActionCompleted(
            plan: plan, action: action, completedOn: completedOn, note: note.map { clear($0, about: nil) })
    }
}

/// The released version 1 (issue 14): the profile in clear, about the participant.
struct ParticipantDataRecordedV1: Codable, Hashable, Sendable {
    var person: PersonID
    var stage: ParticipantStage
    var recordedOn: CalendarDate
    var profile: ParticipantProfile

    func upcast() -> ParticipantDataRecorded {
        ParticipantDataRecorded(
            person: person, stage: stage, recordedOn: recordedOn,
            profile: .recordedInClear(profile, about: .person(person)))
    }
}

/// `TrainingProcured` before it named the needs it answers.
struct TrainingProcuredV1: Codable, Hashable, Sendable {
    var training: TrainingID
    var title: String
    var provider: String
    var kind: TrainingKind
    var competences: [CompetenceID]
    var costCents: Int
    var hours: Double
    var procuredOn: CalendarDate
    var organisations: [OrganisationID]
    var programme: ProgrammeID?

    func upcast() -> TrainingProcured {
        TrainingProcured(
            training: training, title: title, provider: provider, kind: kind, competences: competences,
            costCents: costCents, hours: hours, procuredOn: procuredOn, organisations: organisations,
            programme: programme)
    }
}
