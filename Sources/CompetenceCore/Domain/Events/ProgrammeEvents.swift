// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// A programme was set up: its name, funder, regions and period. Every later date must fall within the period.
public struct ProgrammeSetUp: LedgerEvent {
    public static let eventType = "ProgrammeSetUp"

    /// The programme.
    public var programme: ProgrammeID
    /// Its name, e.g. "LOSSI".
    public var name: String
    /// Who funds it, e.g. "ESF+ 2021–2027".
    public var funder: String?
    /// The regions it serves.
    public var regions: [String]
    /// The first day of the programme.
    public var startsOn: CalendarDate
    /// The last day of the programme.
    public var endsOn: CalendarDate

    /// Creates the event.
    public init(
        programme: ProgrammeID,
        name: String,
        funder: String? = nil,
        regions: [String] = [],
        startsOn: CalendarDate,
        endsOn: CalendarDate
    ) {
        self.programme = programme
        self.name = name
        self.funder = funder
        self.regions = regions
        self.startsOn = startsOn
        self.endsOn = endsOn
    }

    public var stream: StreamName { programme.stream }
    public var occurredOn: CalendarDate? { startsOn }
}

/// The regional forum of companies, schools and employment services met.
public struct ForumMeetingHeld: LedgerEvent {
    public static let eventType = "ForumMeetingHeld"
    /// Version 2: each stakeholder's `name` is personal text (version 1 held it in clear).
    public static let schemaVersion = 2

    /// The programme the forum belongs to.
    public var programme: ProgrammeID
    /// An id for the meeting.
    public var meeting: String
    /// The day it met.
    public var heldOn: CalendarDate
    /// Who took part, by kind.
    public var stakeholders: [Stakeholder]
    /// What was discussed.
    public var topics: [String]
    /// What was decided.
    public var decisions: [String]

    /// Creates the event.
    public init(
        programme: ProgrammeID,
        meeting: String,
        heldOn: CalendarDate,
        stakeholders: [Stakeholder],
        topics: [String] = [],
        decisions: [String] = []
    ) {
        self.programme = programme
        self.meeting = meeting
        self.heldOn = heldOn
        self.stakeholders = stakeholders
        self.topics = topics
        self.decisions = decisions
    }

    public var stream: StreamName { programme.stream }
    public var occurredOn: CalendarDate? { heldOn }
}

/// A thematic workshop for all participating organisations was held to share experiences and good practice.
public struct ThematicWorkshopHeld: LedgerEvent {
    public static let eventType = "ThematicWorkshopHeld"

    /// The programme.
    public var programme: ProgrammeID
    /// An id for the workshop.
    public var workshop: String
    /// The day it was held.
    public var heldOn: CalendarDate
    /// Its theme, e.g. "well-being at work".
    public var theme: String
    /// The organisations that took part.
    public var organisations: [OrganisationID]
    /// How many persons took part.
    public var participants: Int
    /// Good practices presented.
    public var practicesShared: [PracticeID]

    /// Creates the event.
    public init(
        programme: ProgrammeID,
        workshop: String,
        heldOn: CalendarDate,
        theme: String,
        organisations: [OrganisationID],
        participants: Int,
        practicesShared: [PracticeID] = []
    ) {
        self.programme = programme
        self.workshop = workshop
        self.heldOn = heldOn
        self.theme = theme
        self.organisations = organisations
        self.participants = participants
        self.practicesShared = practicesShared
    }

    public var stream: StreamName { programme.stream }
    public var occurredOn: CalendarDate? { heldOn }
}
