import CompetenceCore
import Foundation
import Synchronization

/// An ``EventStore`` over an in-memory store that counts the read calls it receives, so a test can check how
/// often a reader goes to the store (one round trip per call on PostgreSQL).
final class CountingStore: EventStore {
    let base: InMemoryEventStore
    private let counts = Mutex((readAll: 0, headPosition: 0))

    init(base: InMemoryEventStore) { self.base = base }

    /// `readAll` calls so far.
    var readAllCalls: Int { counts.withLock { $0.readAll } }
    /// `headPosition` calls so far.
    var headPositionCalls: Int { counts.withLock { $0.headPosition } }

    func append(_ appends: [StreamAppend]) async throws -> [AppendResult] { try await base.append(appends) }

    func readStream(
        _ stream: StreamName, from version: Int64, direction: ReadDirection, limit: Int
    ) async throws -> [RecordedEvent] {
        try await base.readStream(stream, from: version, direction: direction, limit: limit)
    }

    func currentVersion(of stream: StreamName) async throws -> Int64 { try await base.currentVersion(of: stream) }

    func readAll(from position: Int64, limit: Int, filter: EventFilter) async throws -> EventPage {
        counts.withLock { $0.readAll += 1 }
        return try await base.readAll(from: position, limit: limit, filter: filter)
    }

    func headPosition() async throws -> Int64 {
        counts.withLock { $0.headPosition += 1 }
        return try await base.headPosition()
    }

    func waitForEvents(from position: Int64) async throws { try await base.waitForEvents(from: position) }
}
