import CompetenceCore
import Foundation
import Synchronization

/// An ``EventStore`` over an in-memory store that runs another writer's work just before its next append,
/// so a test can place a concurrent write exactly between a recorder's validation and its append. It counts
/// the version conflicts it passes on.
final class InterleavingStore: SubjectKeyHolding {
    let base = InMemoryEventStore()
    /// The base store's keys.
    var subjectKeys: any SubjectKeyStore { base.subjectKeys }
    private let hook = Mutex<(work: @Sendable () async throws -> Void, repeating: Bool)?>(nil)
    private let conflictCount = Mutex(0)

    /// Runs `work` (which writes to ``base``) just before the next append — or, `repeating`, before every append
    /// from now on (a neighbour that always wins the race).
    func setHook(repeating: Bool = false, _ work: @escaping @Sendable () async throws -> Void) {
        hook.withLock { $0 = (work, repeating) }
    }

    /// Version conflicts thrown so far.
    var conflicts: Int { conflictCount.withLock { $0 } }

    func append(_ appends: [StreamAppend]) async throws -> [AppendResult] {
        if let work = hook.withLock({ hook in
            defer { if hook?.repeating == false { hook = nil } }
            return hook?.work
        }) {
            try await work()
        }
        do {
            return try await base.append(appends)
        } catch let conflict as WrongExpectedVersionError {
            conflictCount.withLock { $0 += 1 }
            throw conflict
        }
    }

    func readStream(
        _ stream: StreamName, from version: Int64, direction: ReadDirection, limit: Int
    ) async throws -> [RecordedEvent] {
        try await base.readStream(stream, from: version, direction: direction, limit: limit)
    }

    func currentVersion(of stream: StreamName) async throws -> Int64 { try await base.currentVersion(of: stream) }

    func readAll(from position: Int64, limit: Int, filter: EventFilter) async throws -> EventPage {
        try await base.readAll(from: position, limit: limit, filter: filter)
    }

    func headPosition() async throws -> Int64 { try await base.headPosition() }

    func waitForEvents(from position: Int64) async throws { try await base.waitForEvents(from: position) }
}
