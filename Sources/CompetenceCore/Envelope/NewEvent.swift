import Foundation

/// An event proposed for appending: everything the recorder decides. The store adds the stream version,
/// the global position and the recorded time.
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

    /// Creates a proposed event.
    public init(
        id: UUID = UUID(),
        type: String,
        schemaVersion: Int = 1,
        occurredAt: Date,
        metadata: EventMetadata = .none,
        payload: EventPayload
    ) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.occurredAt = occurredAt
        self.metadata = metadata
        self.payload = payload
    }
}
