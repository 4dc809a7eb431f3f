/// One page of a read of the whole log.
public struct EventPage: Hashable, Sendable {
    /// The matching events, in global order.
    public var events: [RecordedEvent]
    /// Where the next page starts: every position below it has been looked at (with a filter, positions
    /// whose events did not match are passed over, so this can lie beyond the last returned event).
    public var nextPosition: Int64

    /// Creates a page.
    public init(events: [RecordedEvent], nextPosition: Int64) {
        self.events = events
        self.nextPosition = nextPosition
    }
}

/// Which way a stream is read.
public enum ReadDirection: Hashable, Sendable {
    /// From lower versions to higher.
    case forwards
    /// From higher versions to lower.
    case backwards
}
