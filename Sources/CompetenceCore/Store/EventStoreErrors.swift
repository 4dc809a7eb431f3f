import Foundation

/// An append was refused because the stream was not at the version the appender expected.
/// Nothing of the append was written.
public struct WrongExpectedVersionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stream whose version did not match.
    public var stream: StreamName
    /// What the appender expected.
    public var expected: ExpectedVersion
    /// The stream's current version when the append was refused (0 when it does not exist).
    public var actual: Int64

    /// Creates the error.
    public init(stream: StreamName, expected: ExpectedVersion, actual: Int64) {
        self.stream = stream
        self.expected = expected
        self.actual = actual
    }

    public var description: String {
        "wrong expected version for stream '\(stream)': expected \(expected), but the stream is at version \(actual)"
    }
}

/// An append or read the store refused for a reason other than a version conflict. Nothing was written.
public enum EventStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The append held no events.
    case emptyAppend
    /// The same stream appeared twice in one multi-stream append.
    case duplicateStreamInAppend(StreamName)
    /// The same event id appeared twice in one append.
    case duplicateEventIDInAppend(UUID)
    /// A stream name is empty or too long.
    case invalidStreamName(String, reason: String)
    /// An event id in the append is already stored elsewhere (another stream, or another place in this
    /// stream), so the append is neither new nor a retry of an earlier one.
    case eventIDConflict(UUID, storedIn: StreamName, version: Int64)
    /// A payload exceeds the store's configured limit.
    case payloadTooLarge(eventID: UUID, bytes: Int, limit: Int)
    /// A field of an event is not valid for storage (e.g. an empty type name).
    case invalidEvent(eventID: UUID, field: String, reason: String)

    public var description: String {
        switch self {
        case .emptyAppend:
            "the append holds no events"
        case .duplicateStreamInAppend(let stream):
            "stream '\(stream)' appears more than once in one append"
        case .duplicateEventIDInAppend(let id):
            "event id \(id) appears more than once in one append"
        case .invalidStreamName(let name, let reason):
            "invalid stream name '\(name)': \(reason)"
        case .eventIDConflict(let id, let stream, let version):
            "event id \(id) is already stored as version \(version) of stream '\(stream)' "
                + "and the append is not a retry of it"
        case .payloadTooLarge(let id, let bytes, let limit):
            "payload of event \(id) is \(bytes) bytes; the limit is \(limit)"
        case .invalidEvent(let id, let field, let reason):
            "event \(id): \(field) \(reason)"
        }
    }
}
