import CompetenceCore
import EventStoreConformance
import Foundation
import Testing

@Suite("InMemoryEventStore conformance")
struct InMemoryConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func conformance(_ check: EventStoreConformance.Check) async throws {
        try await check.run { InMemoryEventStore() }
    }

    @Test func payloadLimitIsEnforced() async throws {
        let store = InMemoryEventStore(maxPayloadBytes: 8)
        let event = NewEvent(type: "Big", occurredAt: .now, payload: .json(Data(#"{"a":"0123456789"}"#.utf8)))
        await #expect(throws: EventStoreError.payloadTooLarge(eventID: event.id, bytes: 18, limit: 8)) {
            try await store.append([event], to: "big-1", expecting: .any)
        }
        #expect(try await store.headPosition() == 0)
    }
}
