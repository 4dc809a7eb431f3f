/// What a sequential read of the log asks for: which store, from where, which events, in what pages.
/// Shared by ``EventLogSequence`` (finite) and ``EventSubscription`` (live).
struct LogReadRequest: Sendable {
    let store: any EventStore
    let start: Int64
    let filter: EventFilter
    let pageSize: Int

    init(store: any EventStore, from start: Int64, filter: EventFilter, pageSize: Int) {
        self.store = store
        self.start = Swift.max(1, start)
        self.filter = filter
        self.pageSize = Swift.max(1, pageSize)
    }

    /// Reads the page that starts at `position`.
    func page(from position: Int64) async throws -> EventPage {
        try await store.readAll(from: position, limit: pageSize, filter: filter)
    }
}
