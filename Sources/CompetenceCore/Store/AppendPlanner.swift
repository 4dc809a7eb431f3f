import Foundation

/// Where an already stored event lies; what a backend looks up to recognise a retried append.
public struct StoredEventLocation: Hashable, Sendable {
    /// The stream the event is in.
    public var stream: StreamName
    /// Its version in that stream.
    public var version: Int64
    /// Its global position.
    public var position: Int64

    /// Creates a location.
    public init(stream: StreamName, version: Int64, position: Int64) {
        self.stream = stream
        self.version = version
        self.position = position
    }
}

/// The rules of an append that every backend shares: the shape of a request, retries recognised by event
/// id, expected versions, and the versions and positions new events get.
///
/// Backends that keep their indexes in memory call
/// ``plan(_:nextPosition:recordedAt:maxPayloadBytes:currentVersion:locate:)`` and write what it returns;
/// backends that decide inside a database call ``validate(_:maxPayloadBytes:)`` and
/// ``retryResult(for:stored:)`` and enforce versions with constraints.
public enum AppendPlanner {
    /// The longest stream name any backend accepts, in UTF-8 bytes.
    public static let maxStreamNameBytes = 512

    /// Checks the shape of an append: not empty, no stream twice, no event id twice, valid names and types,
    /// a given recorded time within ``EventTime/supportedRange``, payloads within `maxPayloadBytes` when given.
    public static func validate(_ appends: [StreamAppend], maxPayloadBytes: Int? = nil) throws(EventStoreError) {
        guard appends.contains(where: { !$0.events.isEmpty }) else { throw .emptyAppend }
        var streams = Set<StreamName>()
        var ids = Set<UUID>()
        for part in appends {
            let nameBytes = part.stream.rawValue.utf8.count
            if nameBytes == 0 { throw .invalidStreamName(part.stream.rawValue, reason: "it is empty") }
            if nameBytes > maxStreamNameBytes {
                throw .invalidStreamName(
                    part.stream.rawValue, reason: "it is \(nameBytes) bytes; at most \(maxStreamNameBytes) are allowed")
            }
            if part.stream.rawValue.utf8.contains(0) {
                throw .invalidStreamName(part.stream.rawValue, reason: "it contains a NUL character")
            }
            guard streams.insert(part.stream).inserted else { throw .duplicateStreamInAppend(part.stream) }
            if part.events.isEmpty { throw .emptyAppend }
            for event in part.events {
                guard ids.insert(event.id).inserted else { throw .duplicateEventIDInAppend(event.id) }
                if event.type.isEmpty || event.type.utf8.contains(0) || event.type.utf8.count > 256 {
                    throw .invalidEvent(eventID: event.id, field: "type", reason: "must be 1–256 bytes without NUL")
                }
                if let recordedAt = event.recordedAt, !EventTime.supportedRange.contains(recordedAt) {
                    throw .invalidEvent(
                        eventID: event.id, field: "recordedAt", reason: "must lie in the years 1 to 9999 (UTC)")
                }
                if event.schemaVersion < 1 {
                    throw .invalidEvent(eventID: event.id, field: "schemaVersion", reason: "must be at least 1")
                }
                if let limit = maxPayloadBytes, event.payload.bytes.count > limit {
                    throw .payloadTooLarge(eventID: event.id, bytes: event.payload.bytes.count, limit: limit)
                }
            }
        }
    }

    /// Recognises a retried append. Returns the original outcome when every event of `part` is already
    /// stored, in order, in `part.stream`; returns `nil` when none is; throws when only some are, or when
    /// one lies elsewhere.
    ///
    /// - Parameters:
    ///   - part: one stream's share of the append, as the caller sent it.
    ///   - stored: the stored locations of those of the part's event ids that exist.
    public static func retryResult(
        for part: StreamAppend, stored: [UUID: StoredEventLocation]
    ) throws(EventStoreError) -> AppendResult? {
        var found: [AppendedEvent] = []
        for event in part.events {
            guard let location = stored[event.id] else { continue }
            guard location.stream == part.stream else {
                throw .eventIDConflict(event.id, storedIn: location.stream, version: location.version)
            }
            if let previous = found.last, location.version <= previous.version {
                throw .eventIDConflict(event.id, storedIn: location.stream, version: location.version)
            }
            found.append(AppendedEvent(id: event.id, version: location.version, position: location.position))
        }
        if found.isEmpty { return nil }
        guard found.count == part.events.count else {
            let first = part.events.first { stored[$0.id] != nil }!
            let location = stored[first.id]!
            throw .eventIDConflict(first.id, storedIn: location.stream, version: location.version)
        }
        return AppendResult(stream: part.stream, events: found, wasAlreadyStored: true)
    }

    /// The outcome of planning an append against in-memory indexes.
    public struct Plan: Sendable {
        /// One result per stream share, in the order given.
        public var results: [AppendResult]
        /// The events to write, in global order, with versions, positions and recorded times set.
        public var newEvents: [RecordedEvent]
    }

    /// Plans an append all-or-nothing: validates it, recognises retried shares, checks expected versions and
    /// numbers the new events. Nothing is written; a thrown error means nothing may be written.
    ///
    /// - Parameters:
    ///   - appends: one share per stream, each with its expected version.
    ///   - nextPosition: the global position the first new event gets.
    ///   - recordedAt: the recorded time every new event gets that does not bring its own
    ///     (``NewEvent/recordedAt``, kept as given).
    ///   - maxPayloadBytes: the largest payload accepted, in bytes; `nil`: no limit.
    ///   - currentVersion: a stream's current version (0 when it does not exist).
    ///   - locate: where an event id is stored, if it is.
    public static func plan(
        _ appends: [StreamAppend],
        nextPosition: Int64,
        recordedAt: Date,
        maxPayloadBytes: Int? = nil,
        currentVersion: (StreamName) -> Int64,
        locate: (UUID) -> StoredEventLocation?
    ) throws -> Plan {
        try validate(appends, maxPayloadBytes: maxPayloadBytes)
        var results: [AppendResult] = []
        var newEvents: [RecordedEvent] = []
        var position = nextPosition
        for part in appends {
            var stored: [UUID: StoredEventLocation] = [:]
            for event in part.events { if let location = locate(event.id) { stored[event.id] = location } }
            if let retry = try retryResult(for: part, stored: stored) {
                results.append(retry)
                continue
            }
            let current = currentVersion(part.stream)
            try part.expectedVersion.check(stream: part.stream, currentVersion: current)
            var appended: [AppendedEvent] = []
            for (offset, event) in part.events.enumerated() {
                let version = current + Int64(offset) + 1
                newEvents.append(
                    RecordedEvent(
                        event, stream: part.stream, version: version, position: position, recordedAt: recordedAt))
                appended.append(AppendedEvent(id: event.id, version: version, position: position))
                position += 1
            }
            results.append(AppendResult(stream: part.stream, events: appended, wasAlreadyStored: false))
        }
        return Plan(results: results, newEvents: newEvents)
    }
}
