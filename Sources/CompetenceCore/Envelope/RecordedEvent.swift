import Foundation

/// An event as the store holds it: immutable, with its place in its stream and in the whole log.
public struct RecordedEvent: Hashable, Sendable, Identifiable {
    /// The client-chosen event id (the idempotency key).
    public var id: UUID
    /// The stream the event belongs to.
    public var stream: StreamName
    /// The event's version within its stream: 1 for the first event, then +1 for each.
    public var version: Int64
    /// The event's position in the whole log: 1 for the first event, gap-free and strictly increasing in
    /// commit order.
    public var position: Int64
    /// The event type name.
    public var type: String
    /// The payload's schema version for ``type``.
    public var schemaVersion: Int
    /// When the fact happened in the world.
    public var occurredAt: Date
    /// When the store recorded the event.
    public var recordedAt: Date
    /// Provenance and causality.
    public var metadata: EventMetadata
    /// The encoded payload, returned exactly as appended.
    public var payload: EventPayload

    /// Creates a recorded event; stores call this when they read an event back.
    public init(
        id: UUID,
        stream: StreamName,
        version: Int64,
        position: Int64,
        type: String,
        schemaVersion: Int,
        occurredAt: Date,
        recordedAt: Date,
        metadata: EventMetadata,
        payload: EventPayload
    ) {
        self.id = id
        self.stream = stream
        self.version = version
        self.position = position
        self.type = type
        self.schemaVersion = schemaVersion
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.metadata = metadata
        self.payload = payload
    }

    /// Creates the recorded form of a proposed event: recorded at the event's own ``NewEvent/recordedAt`` when
    /// it has one, else at `recordedAt`.
    public init(_ event: NewEvent, stream: StreamName, version: Int64, position: Int64, recordedAt: Date) {
        self.init(
            id: event.id, stream: stream, version: version, position: position, type: event.type,
            schemaVersion: event.schemaVersion, occurredAt: event.occurredAt,
            recordedAt: event.recordedAt ?? recordedAt,
            metadata: event.metadata, payload: event.payload)
    }
}
