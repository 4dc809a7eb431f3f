// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// A pilot process started in an organisation.
public struct PilotStarted: LedgerEvent {
    public static let eventType = "PilotStarted"

    /// The pilot.
    public var pilot: PilotID
    /// The organisation.
    public var organisation: OrganisationID
    /// Its theme.
    public var theme: String
    /// The day.
    public var startedOn: CalendarDate
    /// How many employees take part.
    public var employeesInvolved: Int

    /// Creates the event.
    public init(
        pilot: PilotID,
        organisation: OrganisationID,
        theme: String,
        startedOn: CalendarDate,
        employeesInvolved: Int
    ) {
        self.pilot = pilot
        self.organisation = organisation
        self.theme = theme
        self.startedOn = startedOn
        self.employeesInvolved = employeesInvolved
    }

    public var stream: StreamName { pilot.stream }
    public var occurredOn: CalendarDate? { startedOn }
}

/// A pilot process was completed.
public struct PilotCompleted: LedgerEvent {
    public static let eventType = "PilotCompleted"

    /// The pilot.
    public var pilot: PilotID
    /// The day.
    public var completedOn: CalendarDate
    /// How many employees took part.
    public var employeesInvolved: Int
    /// What it achieved.
    public var outcome: String

    /// Creates the event.
    public init(
        pilot: PilotID,
        completedOn: CalendarDate,
        employeesInvolved: Int,
        outcome: String
    ) {
        self.pilot = pilot
        self.completedOn = completedOn
        self.employeesInvolved = employeesInvolved
        self.outcome = outcome
    }

    public var stream: StreamName { pilot.stream }
    public var occurredOn: CalendarDate? { completedOn }
}
