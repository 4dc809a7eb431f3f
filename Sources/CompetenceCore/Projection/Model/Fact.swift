import Foundation

/// A typed event together with where and when it was recorded.
public struct Fact<Event: LedgerEvent>: Hashable, Sendable {
    /// The event id.
    public var eventID: UUID
    /// Its global position.
    public var position: Int64
    /// When it happened.
    public var occurredAt: Date
    /// When it was recorded.
    public var recordedAt: Date
    /// The event.
    public var event: Event

    /// Creates a fact from a recorded event and its decoded payload.
    public init(_ event: Event, recorded: RecordedEvent) {
        self.eventID = recorded.id
        self.position = recorded.position
        self.occurredAt = recorded.occurredAt
        self.recordedAt = recorded.recordedAt
        self.event = event
    }

    /// Creates a fact from its parts.
    init(_ event: Event, eventID: UUID, position: Int64, occurredAt: Date, recordedAt: Date) {
        self.eventID = eventID
        self.position = position
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.event = event
    }
}

/// Facts of one type in global order, addressable by event id so corrections and voidings can reach them.
public struct FactList<Event: LedgerEvent>: Hashable, Sendable, RandomAccessCollection {
    private var facts: [Fact<Event>] = []
    private var indexByID: [UUID: Int] = [:]

    /// An empty list.
    public init() {}

    public var startIndex: Int { facts.startIndex }
    public var endIndex: Int { facts.endIndex }
    public subscript(position: Int) -> Fact<Event> { facts[position] }

    /// The fact with this event id, if present.
    public subscript(eventID id: UUID) -> Fact<Event>? {
        indexByID[id].map { facts[$0] }
    }

    /// Appends a fact (the runner folds in global order, so the list stays ordered).
    mutating func append(_ fact: Fact<Event>) {
        indexByID[fact.eventID] = facts.count
        facts.append(fact)
    }

    /// Changes the event of a stored fact; returns false when the id is not here.
    @discardableResult
    mutating func update(_ id: UUID, _ change: (inout Event) -> Void) -> Bool {
        guard let index = indexByID[id] else { return false }
        change(&facts[index].event)
        return true
    }

    /// Removes the fact with this id; returns false when it is not here.
    @discardableResult
    mutating func remove(_ id: UUID) -> Bool {
        guard let index = indexByID.removeValue(forKey: id) else { return false }
        facts.remove(at: index)
        for position in index..<facts.count { indexByID[facts[position].eventID] = position }
        return true
    }
}
