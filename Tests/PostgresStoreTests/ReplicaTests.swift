import CompetenceCore
import Foundation
import Logging
import PostgresStore
import TestSupport
import Testing

/// A primary and a hot standby streaming from it (`pg_basebackup -R`), started once for the suite.
enum ReplicaPair {
    static func get() async throws -> (primary: TestCluster, standby: TestCluster) {
        try await TestCluster.offPool { try result.get() }
    }

    private static let result: Result<(primary: TestCluster, standby: TestCluster), any Error> = Result {
        let primary = try TestCluster.startBlocking(settings: [])
        atexit { try? ReplicaPair.result.get().primary.stop() }
        let standby = try primary.startStandbyBlocking()
        atexit { try? ReplicaPair.result.get().standby.stop() }
        return (primary, standby)
    }
}

/// Analysts read from a streaming replica: replay and subscriptions on a hot standby (issue 15, item 6).
@Suite("PostgresEventStore on a hot standby", .timeLimit(.minutes(10)))
struct ReplicaTests {
    /// A replay from the standby equals one from the primary: every event, every field, in order; stream
    /// reads, versions, head and the bookkeeping check agree too.
    @Test func replayFromTheStandbyEqualsReplayFromThePrimary() async throws {
        let (primary, standby) = try await ReplicaPair.get()
        let schema = TestStores.freshSchema()
        let writer = try await PostgresEventStore(
            configuration: TestStores.configuration(cluster: primary, schema: schema))
        let reader = try await PostgresEventStore(
            configuration: TestStores.configuration(cluster: standby, schema: schema))
        defer {
            writer.close()
            reader.close()
        }
        for batch in 0..<20 {
            let compact = EventPayload(encoding: .compact, bytes: Data([UInt8(batch), 0, 255]))
            let events = (0..<25).map { index in
                index % 5 == 0
                    ? NewEvent(type: "Packed", occurredAt: Date(), payload: compact) : Sample.event("\(batch)-\(index)")
            }
            try await writer.append(events, to: StreamName("replica-\(batch % 3)"), expecting: .any)
        }
        try await standby.waitForReplay(of: primary)
        let onPrimary = try await collect(writer)
        let onStandby = try await collect(reader)
        #expect(onPrimary.count == 500)
        #expect(onStandby == onPrimary)
        #expect(try await reader.readStream("replica-1") == (try await writer.readStream("replica-1")))
        #expect(try await reader.currentVersion(of: "replica-2") == (try await writer.currentVersion(of: "replica-2")))
        #expect(try await reader.headPosition() == 500)
        #expect(try await reader.verify().isIntact)
    }

    /// A subscriber on the standby — where `LISTEN` is not allowed, so it polls — follows a writer on the
    /// primary: every event once, in order, never a gap, while the standby lags behind by whatever it lags.
    /// Appending there is a typed error.
    @Test func aSubscriberOnTheStandbyFollowsWithoutGaps() async throws {
        let (primary, standby) = try await ReplicaPair.get()
        let schema = TestStores.freshSchema()
        let writer = try await PostgresEventStore(
            configuration: TestStores.configuration(cluster: primary, schema: schema))
        try await writer.migrate()
        try await standby.waitForReplay(of: primary)
        let records = RecordingLogHandler.Records()
        let reader = try await PostgresEventStore(
            configuration: TestStores.configuration(
                cluster: standby, schema: schema, pollingInterval: .milliseconds(100)),
            logger: Logger(label: "test.standby") { _ in RecordingLogHandler(records: records) })
        defer {
            writer.close()
            reader.close()
        }
        let total = 600
        let follower = Task { () throws -> [Int64] in
            var positions: [Int64] = []
            for try await event in reader.subscribe(from: 1) {
                positions.append(event.position)
                if positions.count == total { break }
            }
            return positions
        }
        for round in 0..<60 {
            let events = (0..<10).map { Sample.event("\(round)-\($0)") }
            try await writer.append(events, to: StreamName("follow-\(round % 4)"), expecting: .any)
            if round % 10 == 0 { try await Task.sleep(for: .milliseconds(30)) }
        }
        let positions = try await withTimeout(seconds: 120, follower)
        #expect(positions == Array(1...Int64(total)), "every event once, in order")
        #expect(!records.lines.contains { $0.contains("listener lost its connection") }, "\(records.lines)")
        let refused = await #expect(throws: PostgresError.self) {
            try await reader.append([Sample.event()], to: "follow-0", expecting: .any)
        }
        #expect(refused?.sqlState == "25006" && refused?.isRetryable == false, "\(String(describing: refused))")
    }

    /// A standby cannot apply migrations: a schema the primary never created is a typed error there.
    @Test func aSchemaMissingOnTheStandbyIsATypedError() async throws {
        let (_, standby) = try await ReplicaPair.get()
        let reader = try await PostgresEventStore(configuration: TestStores.configuration(cluster: standby))
        defer { reader.close() }
        let error = await #expect(throws: PostgresError.self) { try await reader.headPosition() }
        #expect(
            error?.sqlState == "42P01" && error?.context?.contains("hot standby") == true,
            "\(String(describing: error))")
    }
}

/// Failover (issue 15, item 6): writers with a multi-host URL follow the promotion of the standby.
@Suite("PostgresEventStore across a failover", .timeLimit(.minutes(10)))
struct FailoverTests {
    /// Synchronous replication on: a writer appends through `host=primary,standby` with
    /// `target_session_attrs=read-write`; the primary crashes mid-writing and the standby is promoted. The
    /// writer gets retryable errors, reconnects to the promoted server, retries (idempotent by event id) and
    /// resumes. Not one acknowledged append is lost, none is stored twice, positions stay gap-free.
    @Test func aPromotionInTheMiddleOfWritingLosesNoAcknowledgedAppend() async throws {
        let primary = try await TestCluster.start(settings: ["synchronous_commit=on", "synchronous_standby_names='*'"])
        defer { try? primary.stop() }
        let standby = try await primary.startStandby()
        defer { try? standby.stop() }
        let url =
            "postgresql://postgres@127.0.0.1:\(primary.port),127.0.0.1:\(standby.port)/postgres"
            + "?sslmode=disable&target_session_attrs=read-write&connect_timeout=5"
        let configuration = PostgresConfiguration(
            connectionString: url, schema: TestStores.freshSchema(), poolSize: 2, pollingInterval: .milliseconds(100))
        let writer = try PostgresEventStore(configuration: configuration)
        defer { writer.close() }
        try await writer.migrate()
        let before = 40
        let after = 40
        var acknowledged: [(id: UUID, position: Int64)] = []
        var retries = 0
        var failedOver = false
        let started = ContinuousClock.now
        while acknowledged.count < before + after {
            try #require(ContinuousClock.now - started < .seconds(180), "the writer did not resume")
            if acknowledged.count == before && !failedOver {
                try primary.crash()
                try standby.promote()
                failedOver = true
            }
            let event = Sample.event("append-\(acknowledged.count)")
            var attempt = 0
            while true {
                attempt += 1
                do {
                    let result = try await writer.append(
                        [event], to: StreamName("failover-\(acknowledged.count % 3)"), expecting: .any)
                    acknowledged.append((event.id, result.events[0].position))
                    break
                } catch let error as PostgresError where error.isRetryable {
                    retries += 1
                    try #require(attempt < 2_000, "still failing: \(error)")
                    try await Task.sleep(for: .milliseconds(25))
                }
            }
        }
        #expect(failedOver && retries > 0, "the writer saw the failover")
        let reader = try PostgresEventStore(
            configuration: PostgresConfiguration(connectionString: standby.url, schema: configuration.schema))
        defer { reader.close() }
        let stored = try await collect(reader)
        let storedPositions = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0.position) })
        let lost = acknowledged.filter { storedPositions[$0.id] != $0.position }
        #expect(lost.isEmpty, "acknowledged appends lost or moved: \(lost.count)")
        #expect(stored.map(\.position) == Array(1...Int64(stored.count)), "gap-free, each event once")
        #expect(stored.count == before + after, "no event stored twice")
        #expect(try await reader.verify().isIntact)
    }
}
