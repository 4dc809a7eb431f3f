import Foundation

/// An event proposed for appending: everything the recorder decides. The store adds the stream version,
/// the global position and — unless the event brings one from another store — the recorded time.
public struct NewEvent: Hashable, Sendable {
    /// Chosen by the client; the idempotency key. Appending an event id that is already stored is a no-op.
    public var id: UUID
    /// The event type name, e.g. `SurveyAnswerRecorded`.
    public var type: String
    /// The version of the payload's schema for ``type``; readers upcast older versions.
    public var schemaVersion: Int
    /// When the fact happened in the world (the day an answer was given, a training held).
    public var occurredAt: Date
    /// Provenance and causality.
    public var metadata: EventMetadata
    /// The encoded payload.
    public var payload: EventPayload
    /// When the event was recorded, for a history moved from another store (an import of an export keeps
    /// every envelope field); `nil`, the usual case, lets the store stamp its own clock. Every backend keeps a
    /// given time to the microsecond (``EventTime/microseconds(_:)``); the conformance suite checks it.
    public var recordedAt: Date?

    /// Creates a proposed event.
    public init(
        id: UUID = UUID(),
        type: String,
        schemaVersion: Int = 1,
        occurredAt: Date,
        metadata: EventMetadata = .none,
        payload: EventPayload,
        recordedAt: Date? = nil
    ) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.occurredAt = occurredAt
        self.metadata = metadata
        self.payload = payload
        self.recordedAt = recordedAt
    }
}
