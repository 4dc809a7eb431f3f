import CompetenceCore
import EventStoreConformance
import Foundation
import PostgresStore
import Testing

@Suite("PostgresEventStore conformance (real server)", .timeLimit(.minutes(10)))
struct PostgresConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func conformance(_ check: EventStoreConformance.Check) async throws {
        try await check.run { try await TestStores.make() }
    }
}
