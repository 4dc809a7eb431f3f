import Foundation

/// One stream's share of an append: the events and what the stream's version must be before they land.
public struct StreamAppend: Hashable, Sendable {
    /// The stream to append to.
    public var stream: StreamName
    /// The version the stream must be at.
    public var expectedVersion: ExpectedVersion
    /// The events, in order; they get consecutive versions.
    public var events: [NewEvent]

    /// Creates one stream's share of an append.
    public init(stream: StreamName, expectedVersion: ExpectedVersion, events: [NewEvent]) {
        self.stream = stream
        self.expectedVersion = expectedVersion
        self.events = events
    }
}

/// Where one appended event landed.
public struct AppendedEvent: Hashable, Sendable {
    /// The event id.
    public var id: UUID
    /// Its version in its stream.
    public var version: Int64
    /// Its global position.
    public var position: Int64

    /// Creates the landing place of an event.
    public init(id: UUID, version: Int64, position: Int64) {
        self.id = id
        self.version = version
        self.position = position
    }
}

/// The outcome of one stream's share of a successful append.
public struct AppendResult: Hashable, Sendable {
    /// The stream appended to.
    public var stream: StreamName
    /// Each event's version and position, in the order the events were given.
    public var events: [AppendedEvent]
    /// True when every event was already stored (a retried append): nothing new was written and the
    /// original versions and positions are returned.
    public var wasAlreadyStored: Bool

    /// Creates an append outcome.
    public init(stream: StreamName, events: [AppendedEvent], wasAlreadyStored: Bool) {
        self.stream = stream
        self.events = events
        self.wasAlreadyStored = wasAlreadyStored
    }

    /// The stream's version after this append (the version of its last event here).
    public var lastVersion: Int64 { events.last?.version ?? 0 }
    /// The global positions of the events, in order.
    public var positions: [Int64] { events.map(\.position) }
}
