import Foundation

/// An event of the competence ledger's catalogue: a ``DomainEvent`` that knows its stream and its day.
public protocol LedgerEvent: DomainEvent {
    /// True for events that define who or what exists (organisations, competences, persons, frameworks):
    /// identity data that applies whatever the date a report looks at.
    static var isDefinition: Bool { get }
    /// The stream the event is recorded in.
    var stream: StreamName { get }
    /// The day the fact happened in the world; `nil` for definitions without a date.
    var occurredOn: CalendarDate? { get }
}

extension LedgerEvent {
    /// Facts, not definitions, unless the type says otherwise.
    public static var isDefinition: Bool { false }
}
