// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// An earlier event was declared void (recorded in error). It stays in the history; readers ignore it.
public struct EventVoided: LedgerEvent {
    public static let eventType = "EventVoided"

    /// The event id of the voided event.
    public var voidedEventID: UUID
    /// The stream it is in (this event is recorded there too).
    public var voidedStream: StreamName
    /// The day.
    public var voidedOn: CalendarDate
    /// Why.
    public var reason: String

    /// Creates the event.
    public init(
        voidedEventID: UUID,
        voidedStream: StreamName,
        voidedOn: CalendarDate,
        reason: String
    ) {
        self.voidedEventID = voidedEventID
        self.voidedStream = voidedStream
        self.voidedOn = voidedOn
        self.reason = reason
    }

    public var stream: StreamName { voidedStream }
    public var occurredOn: CalendarDate? { voidedOn }
}
