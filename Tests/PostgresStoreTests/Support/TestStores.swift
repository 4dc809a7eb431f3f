import Foundation
import Logging
import PostgresStore
import TestSupport

/// Stores for tests, each in a new schema of the shared test server, so tests never see each other's events.
enum TestStores {
    /// A new schema name: `t_` and 16 random hex digits.
    static func freshSchema() -> String {
        "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    }

    /// A configuration for a new, empty schema on `cluster` (the shared test server by default).
    static func configuration(
        cluster: TestCluster? = nil, schema: String = freshSchema(), poolSize: Int = 4,
        maxPayloadBytes: Int? = 1 << 20, pollingInterval: Duration = .milliseconds(200)
    ) async throws -> PostgresConfiguration {
        let server: TestCluster
        if let cluster { server = cluster } else { server = try await TestCluster.shared() }
        return PostgresConfiguration(
            connectionString: server.url, schema: schema, poolSize: poolSize,
            maxPayloadBytes: maxPayloadBytes, pollingInterval: pollingInterval)
    }

    /// A store on a new, empty schema of the shared test server.
    static func make(poolSize: Int = 4, maxPayloadBytes: Int? = 1 << 20) async throws -> PostgresEventStore {
        try PostgresEventStore(configuration: await configuration(poolSize: poolSize, maxPayloadBytes: maxPayloadBytes))
    }
}
