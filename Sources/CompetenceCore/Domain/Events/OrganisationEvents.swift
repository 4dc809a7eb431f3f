// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// An organisation joined the programme.
public struct OrganisationEnrolled: LedgerEvent {
    public static let eventType = "OrganisationEnrolled"
    public static let isDefinition = true

    /// The organisation.
    public var organisation: OrganisationID
    /// Its name.
    public var name: String
    /// Enterprise or third sector.
    public var kind: OrganisationKind
    /// Its sector, e.g. "metal industry" or "home care".
    public var sector: String
    /// Its size class.
    public var sizeClass: SizeClass
    /// Its region, e.g. "Päijät-Häme".
    public var region: String
    /// The programme it joined, when known.
    public var programme: ProgrammeID?
    /// The day it joined, when known.
    public var enrolledOn: CalendarDate?

    /// Creates the event.
    public init(
        organisation: OrganisationID,
        name: String,
        kind: OrganisationKind,
        sector: String,
        sizeClass: SizeClass,
        region: String,
        programme: ProgrammeID? = nil,
        enrolledOn: CalendarDate? = nil
    ) {
        self.organisation = organisation
        self.name = name
        self.kind = kind
        self.sector = sector
        self.sizeClass = sizeClass
        self.region = region
        self.programme = programme
        self.enrolledOn = enrolledOn
    }

    public var stream: StreamName { organisation.stream }
    public var occurredOn: CalendarDate? { enrolledOn }
}

/// An organisation left the programme. Its history stays.
public struct OrganisationWithdrawn: LedgerEvent {
    public static let eventType = "OrganisationWithdrawn"
    /// Version 2: `reason` is personal text (version 1 held it in clear).
    public static let schemaVersion = 2

    /// The organisation.
    public var organisation: OrganisationID
    /// The day it left.
    public var withdrawnOn: CalendarDate
    /// Why, if said: personal text about the organisation (or a registered person of it).
    public var reason: PersonalText?

    /// Creates the event.
    public init(
        organisation: OrganisationID,
        withdrawnOn: CalendarDate,
        reason: PersonalText? = nil
    ) {
        self.organisation = organisation
        self.withdrawnOn = withdrawnOn
        self.reason = reason
    }

    public var stream: StreamName { organisation.stream }
    public var occurredOn: CalendarDate? { withdrawnOn }
}

/// Management of an organisation was interviewed about competence needs.
public struct ManagementInterviewHeld: LedgerEvent {
    public static let eventType = "ManagementInterviewHeld"
    /// Version 2: each need's `note` is personal text (version 1 held it in clear).
    public static let schemaVersion = 2

    /// The organisation.
    public var organisation: OrganisationID
    /// An id for the interview.
    public var interview: String
    /// The day it was held.
    public var heldOn: CalendarDate
    /// The roles interviewed (no names).
    public var intervieweeRoles: [PersonRole]
    /// The competence needs identified.
    public var identifiedNeeds: [IdentifiedNeed]

    /// Creates the event.
    public init(
        organisation: OrganisationID,
        interview: String,
        heldOn: CalendarDate,
        intervieweeRoles: [PersonRole],
        identifiedNeeds: [IdentifiedNeed]
    ) {
        self.organisation = organisation
        self.interview = interview
        self.heldOn = heldOn
        self.intervieweeRoles = intervieweeRoles
        self.identifiedNeeds = identifiedNeeds
    }

    public var stream: StreamName { organisation.stream }
    public var occurredOn: CalendarDate? { heldOn }
}

/// A foresight workshop produced a vision, a path to it and the future competence needs.
public struct ForesightWorkshopHeld: LedgerEvent {
    public static let eventType = "ForesightWorkshopHeld"

    /// The organisation.
    public var organisation: OrganisationID
    /// An id for the workshop.
    public var workshop: String
    /// The day it was held.
    public var heldOn: CalendarDate
    /// The year the vision looks to, e.g. 2030.
    public var horizonYear: Int
    /// The vision statement.
    public var vision: String
    /// The path to the vision.
    public var milestones: [Milestone]
    /// Competences needed to get there.
    public var futureNeeds: [FutureNeed]

    /// Creates the event.
    public init(
        organisation: OrganisationID,
        workshop: String,
        heldOn: CalendarDate,
        horizonYear: Int,
        vision: String,
        milestones: [Milestone],
        futureNeeds: [FutureNeed]
    ) {
        self.organisation = organisation
        self.workshop = workshop
        self.heldOn = heldOn
        self.horizonYear = horizonYear
        self.vision = vision
        self.milestones = milestones
        self.futureNeeds = futureNeeds
    }

    public var stream: StreamName { organisation.stream }
    public var occurredOn: CalendarDate? { heldOn }
}

/// A training need of an organisation was identified.
public struct TrainingNeedIdentified: LedgerEvent {
    public static let eventType = "TrainingNeedIdentified"
    /// Version 2: `note` is personal text (version 1 held it in clear).
    public static let schemaVersion = 2

    /// The organisation.
    public var organisation: OrganisationID
    /// The competence to train.
    public var competence: CompetenceID
    /// The day it was identified.
    public var identifiedOn: CalendarDate
    /// Where it came from.
    public var source: NeedSource
    /// 1 = most urgent.
    public var priority: Int
    /// A note: personal text about the organisation (or a registered person of it).
    public var note: PersonalText?

    /// Creates the event.
    public init(
        organisation: OrganisationID,
        competence: CompetenceID,
        identifiedOn: CalendarDate,
        source: NeedSource,
        priority: Int,
        note: PersonalText? = nil
    ) {
        self.organisation = organisation
        self.competence = competence
        self.identifiedOn = identifiedOn
        self.source = source
        self.priority = priority
        self.note = note
    }

    public var stream: StreamName { organisation.stream }
    public var occurredOn: CalendarDate? { identifiedOn }
}

/// Representatives of other companies visited a host to learn its competence-management practices.
public struct CompanyVisitMade: LedgerEvent {
    public static let eventType = "CompanyVisitMade"

    /// The organisation visited.
    public var host: OrganisationID
    /// The visiting organisations.
    public var visitors: [OrganisationID]
    /// The day of the visit.
    public var visitedOn: CalendarDate
    /// Practices the visitors saw.
    public var practicesObserved: [String]

    /// Creates the event.
    public init(
        host: OrganisationID,
        visitors: [OrganisationID],
        visitedOn: CalendarDate,
        practicesObserved: [String] = []
    ) {
        self.host = host
        self.visitors = visitors
        self.visitedOn = visitedOn
        self.practicesObserved = practicesObserved
    }

    public var stream: StreamName { host.stream }
    public var occurredOn: CalendarDate? { visitedOn }
}

/// An item was added to an organisation's competence-management portfolio.
public struct PortfolioItemAdded: LedgerEvent {
    public static let eventType = "PortfolioItemAdded"

    /// The organisation.
    public var organisation: OrganisationID
    /// An id for the item.
    public var item: String
    /// What the item is.
    public var kind: PortfolioItemKind
    /// Its title.
    public var title: String
    /// The day it was added.
    public var addedOn: CalendarDate
    /// Where the document is kept.
    public var reference: String?

    /// Creates the event.
    public init(
        organisation: OrganisationID,
        item: String,
        kind: PortfolioItemKind,
        title: String,
        addedOn: CalendarDate,
        reference: String? = nil
    ) {
        self.organisation = organisation
        self.item = item
        self.kind = kind
        self.title = title
        self.addedOn = addedOn
        self.reference = reference
    }

    public var stream: StreamName { organisation.stream }
    public var occurredOn: CalendarDate? { addedOn }
}

/// A sparring visit helped an organisation develop its competence management.
public struct SparringVisitHeld: LedgerEvent {
    public static let eventType = "SparringVisitHeld"
    /// Version 2: `agreedActions` are personal text (version 1 held them in clear).
    public static let schemaVersion = 2

    /// The organisation.
    public var organisation: OrganisationID
    /// The day of the visit.
    public var heldOn: CalendarDate
    /// What was sparred.
    public var topics: [String]
    /// What was agreed (who does what): personal text about the organisation (or a registered person of it).
    public var agreedActions: [PersonalText]

    /// Creates the event.
    public init(
        organisation: OrganisationID,
        heldOn: CalendarDate,
        topics: [String] = [],
        agreedActions: [PersonalText] = []
    ) {
        self.organisation = organisation
        self.heldOn = heldOn
        self.topics = topics
        self.agreedActions = agreedActions
    }

    public var stream: StreamName { organisation.stream }
    public var occurredOn: CalendarDate? { heldOn }
}

/// An organisation-level indicator (well-being, productivity, …) was measured.
public struct IndicatorMeasured: LedgerEvent {
    public static let eventType = "IndicatorMeasured"

    /// The organisation.
    public var organisation: OrganisationID
    /// What was measured.
    public var indicator: IndicatorKind
    /// The measure, e.g. "work ability index".
    public var name: String
    /// The value.
    public var value: Double
    /// Its unit, e.g. "score 0–10".
    public var unit: String
    /// The day (or end of the period) measured.
    public var measuredOn: CalendarDate
    /// How many persons the value rests on, if it is an aggregate of persons.
    public var respondents: Int?

    /// Creates the event.
    public init(
        organisation: OrganisationID,
        indicator: IndicatorKind,
        name: String,
        value: Double,
        unit: String,
        measuredOn: CalendarDate,
        respondents: Int? = nil
    ) {
        self.organisation = organisation
        self.indicator = indicator
        self.name = name
        self.value = value
        self.unit = unit
        self.measuredOn = measuredOn
        self.respondents = respondents
    }

    public var stream: StreamName { organisation.stream }
    public var occurredOn: CalendarDate? { measuredOn }
}
