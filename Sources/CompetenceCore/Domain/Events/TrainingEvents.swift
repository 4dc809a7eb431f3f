// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// A training was procured: jointly for several companies or for one, targeting some competences.
public struct TrainingProcured: LedgerEvent {
    public static let eventType = "TrainingProcured"
    /// Version 2 adds the optional `needs` (version 1 payloads read with none).
    public static let schemaVersion = 2

    /// The training.
    public var training: TrainingID
    /// Its title, e.g. "Excel for production planning".
    public var title: String
    /// Who delivers it.
    public var provider: String
    /// Joint or company-specific.
    public var kind: TrainingKind
    /// The competences it targets.
    public var competences: [CompetenceID]
    /// Its cost in euro cents.
    public var costCents: Int
    /// Its length in hours.
    public var hours: Double
    /// The day it was procured.
    public var procuredOn: CalendarDate
    /// For company-specific trainings, the company; for joint trainings, may be empty (organisations follow from
    /// participation).
    public var organisations: [OrganisationID]
    /// The programme, when known.
    public var programme: ProgrammeID?
    /// The needs it answers, when named (each an organisation's need for one of ``competences``).
    public var needs: [NeedReference]?

    /// Creates the event.
    public init(
        training: TrainingID,
        title: String,
        provider: String,
        kind: TrainingKind,
        competences: [CompetenceID],
        costCents: Int,
        hours: Double,
        procuredOn: CalendarDate,
        organisations: [OrganisationID] = [],
        programme: ProgrammeID? = nil,
        needs: [NeedReference]? = nil
    ) {
        self.training = training
        self.title = title
        self.provider = provider
        self.kind = kind
        self.competences = competences
        self.costCents = costCents
        self.hours = hours
        self.procuredOn = procuredOn
        self.organisations = organisations
        self.programme = programme
        self.needs = needs
    }

    public var stream: StreamName { training.stream }
    public var occurredOn: CalendarDate? { procuredOn }
}

/// A session of a training was held.
public struct TrainingSessionHeld: LedgerEvent {
    public static let eventType = "TrainingSessionHeld"

    /// The training.
    public var training: TrainingID
    /// An id for the session.
    public var session: String
    /// The day.
    public var heldOn: CalendarDate
    /// Its length in hours.
    public var hours: Double
    /// What it covered.
    public var topic: String?

    /// Creates the event.
    public init(
        training: TrainingID,
        session: String,
        heldOn: CalendarDate,
        hours: Double,
        topic: String? = nil
    ) {
        self.training = training
        self.session = session
        self.heldOn = heldOn
        self.hours = hours
        self.topic = topic
    }

    public var stream: StreamName { training.stream }
    public var occurredOn: CalendarDate? { heldOn }
}

/// A person's participation in a training: hours attended and whether they completed it.
public struct ParticipationRecorded: LedgerEvent {
    public static let eventType = "ParticipationRecorded"

    /// The training.
    public var training: TrainingID
    /// The participant (pseudonymous).
    public var person: PersonID
    /// Their organisation.
    public var organisation: OrganisationID
    /// Hours attended.
    public var attendedHours: Double
    /// Whether they completed it.
    public var completed: Bool
    /// The day they completed it.
    public var completedOn: CalendarDate?
    /// The day the participation applies to (the completion day, or the last day attended).
    public var recordedOn: CalendarDate

    /// Creates the event.
    public init(
        training: TrainingID,
        person: PersonID,
        organisation: OrganisationID,
        attendedHours: Double,
        completed: Bool,
        completedOn: CalendarDate? = nil,
        recordedOn: CalendarDate
    ) {
        self.training = training
        self.person = person
        self.organisation = organisation
        self.attendedHours = attendedHours
        self.completed = completed
        self.completedOn = completedOn
        self.recordedOn = recordedOn
    }

    public var stream: StreamName { training.stream }
    public var occurredOn: CalendarDate? { recordedOn }
}

/// A participant rated a training (Kirkpatrick level 1: reaction).
public struct TrainingFeedbackGiven: LedgerEvent {
    public static let eventType = "TrainingFeedbackGiven"
    /// Version 2: `comment` is personal text (version 1 held it in clear).
    public static let schemaVersion = 2

    /// The training.
    public var training: TrainingID
    /// The reaction score, 1–5.
    public var score: Int
    /// The day.
    public var givenOn: CalendarDate
    /// Who gave it, if not anonymous.
    public var person: PersonID?
    /// A free comment: personal text about `person`, or, for anonymous feedback, about the organisation it
    /// came from.
    public var comment: PersonalText?

    /// Creates the event.
    public init(
        training: TrainingID,
        score: Int,
        givenOn: CalendarDate,
        person: PersonID? = nil,
        comment: PersonalText? = nil
    ) {
        self.training = training
        self.score = score
        self.givenOn = givenOn
        self.person = person
        self.comment = comment
    }

    public var stream: StreamName { training.stream }
    public var occurredOn: CalendarDate? { givenOn }
}
