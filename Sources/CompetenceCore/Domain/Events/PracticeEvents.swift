// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// A good practice that emerged was documented and modelled for others.
public struct GoodPracticeDocumented: LedgerEvent {
    public static let eventType = "GoodPracticeDocumented"

    /// The practice.
    public var practice: PracticeID
    /// Its title.
    public var title: String
    /// Its theme.
    public var theme: String
    /// The organisation it came from.
    public var origin: OrganisationID
    /// What it is and how to use it.
    public var summary: String
    /// The day.
    public var documentedOn: CalendarDate

    /// Creates the event.
    public init(
        practice: PracticeID,
        title: String,
        theme: String,
        origin: OrganisationID,
        summary: String,
        documentedOn: CalendarDate
    ) {
        self.practice = practice
        self.title = title
        self.theme = theme
        self.origin = origin
        self.summary = summary
        self.documentedOn = documentedOn
    }

    public var stream: StreamName { practice.stream }
    public var occurredOn: CalendarDate? { documentedOn }
}

/// A documented practice was published to a free catalogue (e.g. SoteNavi).
public struct GoodPracticePublished: LedgerEvent {
    public static let eventType = "GoodPracticePublished"

    /// The practice.
    public var practice: PracticeID
    /// The catalogue.
    public var catalogue: String
    /// The day.
    public var publishedOn: CalendarDate
    /// Where it can be read.
    public var link: String?

    /// Creates the event.
    public init(
        practice: PracticeID,
        catalogue: String,
        publishedOn: CalendarDate,
        link: String? = nil
    ) {
        self.practice = practice
        self.catalogue = catalogue
        self.publishedOn = publishedOn
        self.link = link
    }

    public var stream: StreamName { practice.stream }
    public var occurredOn: CalendarDate? { publishedOn }
}

/// An organisation adopted a good practice.
public struct GoodPracticeAdopted: LedgerEvent {
    public static let eventType = "GoodPracticeAdopted"

    /// The practice.
    public var practice: PracticeID
    /// The adopting organisation.
    public var organisation: OrganisationID
    /// The day.
    public var adoptedOn: CalendarDate
    /// A note.
    public var note: String?

    /// Creates the event.
    public init(
        practice: PracticeID,
        organisation: OrganisationID,
        adoptedOn: CalendarDate,
        note: String? = nil
    ) {
        self.practice = practice
        self.organisation = organisation
        self.adoptedOn = adoptedOn
        self.note = note
    }

    public var stream: StreamName { practice.stream }
    public var occurredOn: CalendarDate? { adoptedOn }
}

/// An organisation outside the programme (not enrolled) that adopted a good practice: dissemination beyond the
/// programme's own organisations. Its own ids are not in the ledger, so it is named and described here.
public struct OutsideOrganisation: Hashable, Sendable, Codable {
    /// Its name, e.g. "Hoivakoti Esimerkki Oy".
    public var name: String
    /// Enterprise or third sector.
    public var kind: OrganisationKind
    /// Its sector, e.g. "elderly care".
    public var sector: String
    /// Its region, e.g. "Kymenlaakso".
    public var region: String

    /// Creates the description.
    public init(name: String, kind: OrganisationKind, sector: String, region: String) {
        self.name = name
        self.kind = kind
        self.sector = sector
        self.region = region
    }
}

/// An organisation outside the programme adopted a good practice (no enrolment needed). The practice
/// catalogue and the indicators count these apart from adoptions by enrolled organisations
/// (``GoodPracticeAdopted``).
public struct GoodPracticeAdoptedOutside: LedgerEvent {
    public static let eventType = "GoodPracticeAdoptedOutside"

    /// The practice.
    public var practice: PracticeID
    /// The adopting organisation, outside the programme.
    public var adopter: OutsideOrganisation
    /// The day.
    public var adoptedOn: CalendarDate
    /// A note.
    public var note: String?

    /// Creates the event.
    public init(practice: PracticeID, adopter: OutsideOrganisation, adoptedOn: CalendarDate, note: String? = nil) {
        self.practice = practice
        self.adopter = adopter
        self.adoptedOn = adoptedOn
        self.note = note
    }

    public var stream: StreamName { practice.stream }
    public var occurredOn: CalendarDate? { adoptedOn }
}
