// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// A competence framework (a tree of competences with a default scale) was defined.
public struct CompetenceFrameworkDefined: LedgerEvent {
    public static let eventType = "CompetenceFrameworkDefined"
    public static let isDefinition = true

    /// The framework.
    public var framework: FrameworkID
    /// Its name.
    public var name: String
    /// The default rating scale.
    public var scale: LevelScale

    /// Creates the event.
    public init(
        framework: FrameworkID,
        name: String,
        scale: LevelScale
    ) {
        self.framework = framework
        self.name = name
        self.scale = scale
    }

    public var stream: StreamName { framework.stream }
    public var occurredOn: CalendarDate? { nil }
}

/// A competence that can be surveyed, trained and planned for was defined.
public struct CompetenceDefined: LedgerEvent {
    public static let eventType = "CompetenceDefined"
    public static let isDefinition = true

    /// The competence.
    public var competence: CompetenceID
    /// Its name, e.g. "Excel".
    public var name: String
    /// Its category, e.g. "digital skills".
    public var category: String
    /// The scale it is rated on.
    public var scale: LevelScale
    /// The framework it belongs to, if any.
    public var framework: FrameworkID?
    /// The ESCO skill URI, e.g. http://data.europa.eu/esco/skill/….
    public var escoURI: String?

    /// Creates the event.
    public init(
        competence: CompetenceID,
        name: String,
        category: String,
        scale: LevelScale,
        framework: FrameworkID? = nil,
        escoURI: String? = nil
    ) {
        self.competence = competence
        self.name = name
        self.category = category
        self.scale = scale
        self.framework = framework
        self.escoURI = escoURI
    }

    public var stream: StreamName { competence.stream }
    public var occurredOn: CalendarDate? { nil }
}

/// A competence is no longer surveyed or planned for. Its history stays.
public struct CompetenceRetired: LedgerEvent {
    public static let eventType = "CompetenceRetired"

    /// The competence.
    public var competence: CompetenceID
    /// The day it was retired.
    public var retiredOn: CalendarDate
    /// Why.
    public var reason: String?

    /// Creates the event.
    public init(
        competence: CompetenceID,
        retiredOn: CalendarDate,
        reason: String? = nil
    ) {
        self.competence = competence
        self.retiredOn = retiredOn
        self.reason = reason
    }

    public var stream: StreamName { competence.stream }
    public var occurredOn: CalendarDate? { retiredOn }
}

/// A person was registered under a pseudonymous id, with their organisation and role. No names or e-mail addresses.
public struct PersonRegistered: LedgerEvent {
    public static let eventType = "PersonRegistered"
    public static let isDefinition = true

    /// The pseudonymous id.
    public var person: PersonID
    /// Their organisation.
    public var organisation: OrganisationID
    /// Their role.
    public var role: PersonRole

    /// Creates the event.
    public init(
        person: PersonID,
        organisation: OrganisationID,
        role: PersonRole
    ) {
        self.person = person
        self.organisation = organisation
        self.role = role
    }

    public var stream: StreamName { person.stream }
    public var occurredOn: CalendarDate? { nil }
}
