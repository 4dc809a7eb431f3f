/// The one protocol every storage backend implements: an append-only log of events, organised in streams.
///
/// Promises every conforming store keeps (the `EventStoreConformance` suite checks each):
/// - An append is **all or nothing**, across every stream it names, and returns only once it is durable
///   as far as the backend promises durability.
/// - Each stream's versions run 1, 2, 3… without gaps; an append lands only if every stream's expected
///   version holds, otherwise it throws ``WrongExpectedVersionError`` and writes nothing.
/// - Global positions run 1, 2, 3… without gaps in commit order: a reader that has seen position *p* will
///   never later find an event below *p* that it did not see.
/// - Event ids are unique. Appending events whose ids are all stored already (a retry) writes nothing and
///   returns the original versions and positions.
/// - Reads return events exactly as appended, with payload bytes unchanged.
public protocol EventStore: Sendable {
    /// Appends events to one or more streams atomically.
    ///
    /// - Returns: one result per stream share, in the order given.
    /// - Throws: ``WrongExpectedVersionError`` when a stream is not at its expected version;
    ///   ``EventStoreError`` when the request is malformed; backend errors for I/O and connection faults.
    ///   Whatever is thrown, nothing of the append is visible.
    func append(_ appends: [StreamAppend]) async throws -> [AppendResult]

    /// Reads events of one stream.
    ///
    /// - Parameters:
    ///   - stream: the stream to read.
    ///   - version: forwards, the first version to return (1 for the start); backwards, the highest version to
    ///     return (`Int64.max` for the end).
    ///   - direction: forwards (ascending versions) or backwards (descending).
    ///   - limit: the most events to return.
    /// - Returns: the events in the requested direction; empty when the stream does not exist.
    func readStream(
        _ stream: StreamName, from version: Int64, direction: ReadDirection, limit: Int
    ) async throws -> [RecordedEvent]

    /// The stream's current version: the version of its last event, 0 when it has none.
    func currentVersion(of stream: StreamName) async throws -> Int64

    /// Reads one page of the whole log in global order.
    ///
    /// - Parameters:
    ///   - position: the first global position to look at (1 for the start).
    ///   - limit: the most events to return.
    ///   - filter: which events to return; the others are passed over.
    /// - Returns: up to `limit` matching events in global order. An empty page means that no matching event
    ///   exists at or after `position` now; its ``EventPage/nextPosition`` then lies past the head.
    func readAll(from position: Int64, limit: Int, filter: EventFilter) async throws -> EventPage

    /// The position of the last event readers can see (0 for an empty store).
    func headPosition() async throws -> Int64

    /// Suspends until readers can see an event at `position` or beyond, and returns at once when they
    /// already can. Throws `CancellationError` promptly when the calling task is cancelled.
    ///
    /// Subscriptions are built on this; a backend may wake early, but must not wake late by more than its
    /// documented polling interval.
    func waitForEvents(from position: Int64) async throws
}

extension EventStore {
    /// Appends events to one stream atomically. See ``append(_:)``.
    @discardableResult
    public func append(
        _ events: [NewEvent], to stream: StreamName, expecting expectedVersion: ExpectedVersion
    ) async throws -> AppendResult {
        let results = try await append([StreamAppend(stream: stream, expectedVersion: expectedVersion, events: events)])
        return results[0]
    }

    /// Reads a whole stream forwards from a version.
    public func readStream(_ stream: StreamName, from version: Int64 = 1) async throws -> [RecordedEvent] {
        try await readStream(stream, from: version, direction: .forwards, limit: .max)
    }

    /// Reads the whole log (or the part a filter lets through) in global order, page by page, as an
    /// asynchronous sequence. It ends at the head position seen when the last page is read.
    public func events(
        from position: Int64 = 1, filter: EventFilter = .all, pageSize: Int = 4096
    ) -> EventLogSequence {
        EventLogSequence(store: self, from: position, filter: filter, pageSize: pageSize)
    }

    /// A catch-up subscription: every event from `position` on, then live events as they are appended.
    /// The sequence ends when the iterating task is cancelled.
    public func subscribe(
        from position: Int64 = 1, filter: EventFilter = .all, pageSize: Int = 4096
    ) -> EventSubscription {
        EventSubscription(store: self, from: position, filter: filter, pageSize: pageSize)
    }
}
