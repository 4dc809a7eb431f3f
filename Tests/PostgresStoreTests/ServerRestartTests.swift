import CompetenceCore
import Dispatch
import Foundation
import PostgresStore
import Synchronization
import TestSupport
import Testing

/// `pg_ctl restart` while a writer appends and a subscriber follows: on a cluster of its own, so the
/// restart does not disturb the other tests.
@Suite("PostgresEventStore across a server restart", .timeLimit(.minutes(10)))
struct ServerRestartTests {
    @Test func writerGetsRetryableErrorsAndNothingIsHalfWrittenOrMissed() async throws {
        let cluster = try await TestCluster.start()
        defer { try? cluster.stop() }
        let store = try await PostgresEventStore(configuration: TestStores.configuration(cluster: cluster, poolSize: 2))
        defer { store.close() }
        let minimumBatches = 200
        let batchSize = 5

        // The subscriber resumes from where it stopped whenever the store reports a retryable failure, and
        // ends at the writer's closing sentinel.
        let subscriber = Task { () throws -> (events: [RecordedEvent], interruptions: Int) in
            var seen: [RecordedEvent] = []
            var interruptions = 0
            while seen.last?.type != "RestartProbeDone" {
                do {
                    for try await event in store.subscribe(from: (seen.last?.position ?? 0) + 1, pageSize: 32) {
                        seen.append(event)
                        if event.type == "RestartProbeDone" { break }
                    }
                } catch let error as PostgresError where error.isRetryable {
                    interruptions += 1
                    try await Task.sleep(for: .milliseconds(50))
                }
                try Task.checkCancellation()
            }
            return (Array(seen.dropLast()), interruptions)
        }

        // 0: writing, 1: the writer asks for the restart, 2: the server is back. The restart starts only once
        // the writer has landed some batches, and the writer keeps a paced stream of appends until the server
        // is back (and at least `minimumBatches` in all), so its appends always span the restart, however
        // loaded the machine is.
        let phase = Atomic<Int>(0)
        let restarted = Task.detached { () throws -> Void in
            while phase.load(ordering: .sequentiallyConsistent) == 0 { try await Task.sleep(for: .milliseconds(5)) }
            try await Self.offPool { try cluster.restart() }
            phase.store(2, ordering: .sequentiallyConsistent)
        }

        var retryableErrors: [PostgresError] = []
        var otherErrors: [any Error] = []
        var batchEvents: [[NewEvent]] = []
        let deadline = ContinuousClock.now + .seconds(90)
        while batchEvents.count < minimumBatches || phase.load(ordering: .sequentiallyConsistent) < 2 {
            let batch = batchEvents.count
            let events = (0..<batchSize).map { index in
                NewEvent(
                    type: "RestartProbe", occurredAt: Date(),
                    payload: .json(Data(#"{"batch":\#(batch),"index":\#(index)}"#.utf8)))
            }
            batchEvents.append(events)
            while true {
                do {
                    // The same event ids on every try: a retry after a lost commit returns the original landing.
                    try await store.append(events, to: StreamName("restart-\(batch % 4)"), expecting: .any)
                    break
                } catch let error as PostgresError where error.isRetryable {
                    retryableErrors.append(error)
                    #expect(ContinuousClock.now < deadline, "the store did not come back: \(error)")
                    if ContinuousClock.now >= deadline { throw error }
                    try await Task.sleep(for: .milliseconds(50))
                } catch {
                    otherErrors.append(error)
                    throw error
                }
            }
            if batch == 10 { phase.store(1, ordering: .sequentiallyConsistent) }
            if phase.load(ordering: .sequentiallyConsistent) < 2 { try await Task.sleep(for: .milliseconds(15)) }
        }
        try await restarted.value
        let total = batchEvents.count * batchSize
        try await store.append(
            [NewEvent(type: "RestartProbeDone", occurredAt: Date(), payload: .json(Data("{}".utf8)))],
            to: "restart-done",
            expecting: .noStream)

        #expect(phase.load(ordering: .sequentiallyConsistent) == 2)
        #expect(!retryableErrors.isEmpty, "the writer saw the restart as a typed, retryable error")
        #expect(otherErrors.isEmpty)

        let log = try await collect(store).filter { $0.type == "RestartProbe" }
        #expect(log.count == total, "every batch landed exactly once: \(log.count) of \(total)")
        #expect(log.map(\.position) == Array(1...Int64(log.count)), "positions are gap-free")
        let positionsByID = Dictionary(uniqueKeysWithValues: log.map { ($0.id, $0.position) })
        for events in batchEvents {
            let positions = events.compactMap { positionsByID[$0.id] }
            #expect(positions.count == batchSize, "a batch is all or nothing")
            if let first = positions.first {
                #expect(positions == Array(first..<(first + Int64(batchSize))), "a batch is contiguous")
            }
        }
        let followed = try await withTimeout(seconds: 60, subscriber)
        #expect(followed.events.map(\.position) == log.map(\.position), "the subscription resumed without loss")
        #expect(followed.events.map(\.id) == log.map(\.id))
    }

    /// Runs blocking work (here `pg_ctl`) on a dispatch thread rather than the cooperative pool.
    static func offPool(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
