// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// A survey round was opened: baseline or follow-up, for some organisations, asking about some competences.
public struct SurveyRoundOpened: LedgerEvent {
    public static let eventType = "SurveyRoundOpened"

    /// The round.
    public var round: RoundID
    /// Baseline or follow-up.
    public var kind: RoundKind
    /// Who is surveyed.
    public var organisations: [OrganisationID]
    /// What is asked.
    public var competences: [CompetenceID]
    /// The first day answers are taken.
    public var opensOn: CalendarDate
    /// The programme, when known.
    public var programme: ProgrammeID?

    /// Creates the event.
    public init(
        round: RoundID,
        kind: RoundKind,
        organisations: [OrganisationID],
        competences: [CompetenceID],
        opensOn: CalendarDate,
        programme: ProgrammeID? = nil
    ) {
        self.round = round
        self.kind = kind
        self.organisations = organisations
        self.competences = competences
        self.opensOn = opensOn
        self.programme = programme
    }

    public var stream: StreamName { round.stream }
    public var occurredOn: CalendarDate? { opensOn }
}

/// A survey round was closed; it takes no more answers.
public struct SurveyRoundClosed: LedgerEvent {
    public static let eventType = "SurveyRoundClosed"

    /// The round.
    public var round: RoundID
    /// The day it closed.
    public var closedOn: CalendarDate

    /// Creates the event.
    public init(
        round: RoundID,
        closedOn: CalendarDate
    ) {
        self.round = round
        self.closedOn = closedOn
    }

    public var stream: StreamName { round.stream }
    public var occurredOn: CalendarDate? { closedOn }
}

/// A respondent rated one competence: current level, target level and importance.
///
/// Schema version 2 added ``perspective``; answers stored at version 1 read as `current` (see `Upcasters`).
public struct SurveyAnswerRecorded: LedgerEvent {
    public static let eventType = "SurveyAnswerRecorded"
    public static let schemaVersion = 2

    /// The round.
    public var round: RoundID
    /// Who answered (pseudonymous).
    public var respondent: PersonID
    /// Their organisation.
    public var organisation: OrganisationID
    /// The competence rated.
    public var competence: CompetenceID
    /// The current level, on the competence's scale.
    public var current: Int
    /// The level needed, on the same scale.
    public var target: Int?
    /// How important the competence is (1–5).
    public var importance: Int?
    /// The day of the answer.
    public var answeredOn: CalendarDate
    /// Who rated.
    public var rater: Rater
    /// Whether `current` is the level now or, in a then-test, the level before the training.
    public var perspective: Perspective

    /// Creates the event.
    public init(
        round: RoundID,
        respondent: PersonID,
        organisation: OrganisationID,
        competence: CompetenceID,
        current: Int,
        target: Int? = nil,
        importance: Int? = nil,
        answeredOn: CalendarDate,
        rater: Rater = .`self`,
        perspective: Perspective = .current
    ) {
        self.round = round
        self.respondent = respondent
        self.organisation = organisation
        self.competence = competence
        self.current = current
        self.target = target
        self.importance = importance
        self.answeredOn = answeredOn
        self.rater = rater
        self.perspective = perspective
    }

    public var stream: StreamName { round.stream }
    public var occurredOn: CalendarDate? { answeredOn }
}

/// An answer was corrected — or superseded by a later submission of the same person (a duplicate in a survey
/// tool's export), whose day ``answeredOn`` then gives. The original stays in the history; readers use the
/// correction.
///
/// Schema version 2 made ``reason`` personal text; version 3 added ``answeredOn``. Corrections stored at
/// versions 1 and 2 read with none (see `Upcasters`).
public struct SurveyAnswerCorrected: LedgerEvent {
    public static let eventType = "SurveyAnswerCorrected"
    /// Version 2: `reason` is personal text about the respondent (version 1 held it in clear); version 3:
    /// `answeredOn`, the day of a superseding submission.
    public static let schemaVersion = 3

    /// The round of the answer.
    public var round: RoundID
    /// The event id of the answer being corrected.
    public var answerEventID: UUID
    /// The corrected current level.
    public var current: Int
    /// The corrected target level.
    public var target: Int?
    /// The corrected importance.
    public var importance: Int?
    /// The day of the correction.
    public var correctedOn: CalendarDate
    /// Why: personal text about the respondent of the corrected answer.
    public var reason: PersonalText
    /// When a later submission supersedes the answer: the day of that submission, which becomes the answer's
    /// day. `nil`: the answer keeps its day (a correction of the answer itself).
    public var answeredOn: CalendarDate?

    /// Creates the event.
    public init(
        round: RoundID,
        answerEventID: UUID,
        current: Int,
        target: Int? = nil,
        importance: Int? = nil,
        correctedOn: CalendarDate,
        reason: PersonalText,
        answeredOn: CalendarDate? = nil
    ) {
        self.round = round
        self.answerEventID = answerEventID
        self.current = current
        self.target = target
        self.importance = importance
        self.correctedOn = correctedOn
        self.reason = reason
        self.answeredOn = answeredOn
    }

    public var stream: StreamName { round.stream }
    public var occurredOn: CalendarDate? { correctedOn }
}
