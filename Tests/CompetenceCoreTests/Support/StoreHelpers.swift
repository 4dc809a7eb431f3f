import CompetenceCore

/// Every event in the store, in global order.
func allEvents(_ store: any EventStore) async throws -> [RecordedEvent] {
    var events: [RecordedEvent] = []
    for try await event in store.events() { events.append(event) }
    return events
}
