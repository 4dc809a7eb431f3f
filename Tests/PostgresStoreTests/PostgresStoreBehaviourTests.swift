import CompetenceCore
import Foundation
import Logging
import PostgresStore
import Synchronization
import TestSupport
import Testing

@Suite("PostgresEventStore: bad input, configuration, migrations, notifications", .timeLimit(.minutes(10)))
struct PostgresStoreBehaviourTests {
    static let hostile = [
        #"'; DROP TABLE events; --"#,
        #"Robert'); DELETE FROM streams WHERE ('1'='1"#,
        #"$1 $$ $body$ \x00? \\' \" ; ;; /* comment */ -- trailing"#,
        "E'\\\\x41' || chr(65) ; SELECT pg_sleep(10);",
        "ünïcödé ✓ 𝄞 \u{7F} \t tab \r\n newline",
    ]

    @Test func hostileStringsRoundTripUnchanged() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        var appended: [(StreamName, NewEvent)] = []
        for (index, text) in Self.hostile.enumerated() {
            let stream = StreamName("evil\(text)-\(index)")
            let json = try JSONSerialization.data(
                withJSONObject: ["text": text, "sql": "SELECT * FROM \(text)"], options: [.sortedKeys])
            let event = NewEvent(
                type: "Evil\(text)", schemaVersion: 1, occurredAt: Date(timeIntervalSince1970: 1_700_000_000.654321),
                metadata: EventMetadata(
                    correlationID: UUID(), causationID: nil, recordedBy: text,
                    origin: EventOrigin(source: text, row: index, contentHash: text)),
                payload: .json(json))
            try await store.append([event], to: stream, expecting: .noStream)
            appended.append((stream, event))
        }
        for (stream, event) in appended {
            let read = try await store.readStream(stream)
            let stored = try #require(read.first)
            #expect(read.count == 1)
            #expect(stored.stream == stream)
            #expect(stored.type == event.type)
            #expect(stored.metadata == event.metadata)
            #expect(abs(stored.occurredAt.timeIntervalSince(event.occurredAt)) < 0.000_001)
            let original = try JSONSerialization.jsonObject(with: event.payload.bytes) as? [String: String]
            let roundTripped = try JSONSerialization.jsonObject(with: stored.payload.bytes) as? [String: String]
            #expect(original == roundTripped)
            // Filters carry the hostile strings as parameters too.
            let byType = try await store.readAll(from: 1, limit: 10, filter: .types(event.type))
            #expect(byType.events.map(\.id) == [event.id])
            let byCategory = try await store.readAll(
                from: 1, limit: 10, filter: EventFilter(categories: [stream.category]))
            #expect(byCategory.events.map(\.id) == [event.id])
            #expect(try await store.currentVersion(of: stream) == 1)
        }
        #expect(try await store.headPosition() == Int64(Self.hostile.count), "the tables are intact")
    }

    @Test func compactPayloadBytesRoundTripExactly() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let event = NewEvent(
            type: "Binary", occurredAt: Date(), payload: EventPayload(encoding: .compact, bytes: bytes))
        try await store.append([event], to: "binary-1", expecting: .any)
        let stored = try await store.readStream("binary-1")
        #expect(stored.first?.payload == event.payload)
    }

    @Test func payloadsOverTheLimitAreRefused() async throws {
        let store = try await TestStores.make(maxPayloadBytes: 64)
        defer { store.close() }
        let fits = NewEvent(
            type: "Small", occurredAt: Date(),
            payload: .json(Data(#"{"a":"\#(String(repeating: "x", count: 56))"}"#.utf8)))
        #expect(fits.payload.bytes.count == 64)
        try await store.append([fits], to: "limit-1", expecting: .any)
        let big = NewEvent(
            type: "Big", occurredAt: Date(),
            payload: .json(Data(#"{"a":"\#(String(repeating: "x", count: 57))"}"#.utf8)))
        await #expect(throws: EventStoreError.payloadTooLarge(eventID: big.id, bytes: 65, limit: 64)) {
            try await store.append([Sample.event(), big], to: "limit-1", expecting: .any)
        }
        #expect(try await store.headPosition() == 1, "nothing of the refused append was written")
    }

    @Test func invalidJSONIsATypedServerErrorAndWritesNothing() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        let broken = NewEvent(type: "Broken", occurredAt: Date(), payload: .json(Data("{not json".utf8)))
        let error = await #expect(throws: PostgresError.self) {
            try await store.append([Sample.event(), broken], to: "json-1", expecting: .any)
        }
        #expect(error?.kind == .server && error?.sqlState == "22P02" && error?.isRetryable == false)
        #expect(try await store.headPosition() == 0)
    }

    @Test func concurrentAppendsShareCommitsButKeepTheirOwnOutcomes() async throws {
        let store = try await TestStores.make(poolSize: 4)
        defer { store.close() }
        try await store.append([Sample.event()], to: "group-exact", expecting: .any)
        // Thirty-two appends at once: most are combined into shared transactions. One carries invalid JSON
        // and one a wrong expected version; only those two fail, each with its own error.
        let outcomes = await withTaskGroup(of: (Int, Result<AppendResult, any Error>).self) { group in
            for index in 0..<32 {
                group.addTask {
                    let payload = index == 7 ? Data("{broken".utf8) : Data(#"{"i":\#(index)}"#.utf8)
                    let event = NewEvent(type: "Grouped", occurredAt: Date(), payload: .json(payload))
                    let stream: StreamName = index == 11 ? "group-exact" : StreamName("group-\(index % 4)")
                    let expected: ExpectedVersion = index == 11 ? .exact(5) : .any
                    do {
                        return (index, .success(try await store.append([event], to: stream, expecting: expected)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var all: [Int: Result<AppendResult, any Error>] = [:]
            for await (index, outcome) in group { all[index] = outcome }
            return all
        }
        for (index, outcome) in outcomes {
            switch (index, outcome) {
            case (7, .failure(let error)):
                #expect((error as? PostgresError)?.sqlState == "22P02", "\(error)")
            case (11, .failure(let error)):
                #expect(
                    error as? WrongExpectedVersionError
                        == WrongExpectedVersionError(stream: "group-exact", expected: .exact(5), actual: 1))
            case (7, .success), (11, .success):
                Issue.record("append \(index) should have failed")
            case (_, .failure(let error)):
                Issue.record("append \(index) failed: \(error)")
            case (_, .success):
                break
            }
        }
        let log = try await collect(store)
        #expect(log.count == 31, "the first event and 30 successful appends")
        #expect(log.map(\.position) == Array(1...31))
    }

    @Test func schemaNamesAreValidatedIdentifiers() throws {
        for bad in ["", "1abc", "a-b", "x\"; DROP SCHEMA public; --", String(repeating: "a", count: 49), "ä"] {
            let error = #expect(throws: PostgresError.self) {
                try PostgresEventStore(
                    configuration: PostgresConfiguration(connectionString: "postgresql://localhost", schema: bad))
            }
            #expect(error?.kind == .invalidConfiguration)
        }
        #expect(throws: Never.self) {
            try PostgresEventStore(
                configuration: PostgresConfiguration(connectionString: "postgresql://localhost", schema: "Ledger_2024"))
        }
    }

    @Test func configurationReadsTheEnvironment() throws {
        let configuration = try PostgresConfiguration(
            environment: ["COMPETENCE_DATABASE_URL": "host=/tmp port=5433 dbname=ledger"], schema: "s1")
        #expect(configuration.connectionString == "host=/tmp port=5433 dbname=ledger" && configuration.schema == "s1")
        let error = #expect(throws: PostgresError.self) { try PostgresConfiguration(environment: [:]) }
        #expect(error?.kind == .invalidConfiguration)
    }

    @Test func keyValueConninfoWorksToo() async throws {
        let cluster = try await TestCluster.shared()
        let url = try #require(URLComponents(string: cluster.url))
        let conninfo =
            "host=\(url.host ?? "127.0.0.1") port=\(url.port ?? 5432) user=\(url.user ?? "postgres") dbname=postgres"
        let store = try PostgresEventStore(
            configuration: PostgresConfiguration(connectionString: conninfo, schema: TestStores.freshSchema()))
        defer { store.close() }
        try await store.append([Sample.event()], to: "kv-1", expecting: .noStream)
        #expect(try await store.headPosition() == 1)
    }

    @Test func unreachableServerIsARetryableConnectionError() async throws {
        let store = try PostgresEventStore(
            configuration: PostgresConfiguration(
                connectionString: "postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2", schema: "nowhere"))
        let error = await #expect(throws: PostgresError.self) { try await store.headPosition() }
        #expect(error?.kind == .connectionFailed && error?.isRetryable == true)
    }

    @Test func migrationsAreIdempotentAndSafeConcurrently() async throws {
        let configuration = try await TestStores.configuration()
        let stores = try (0..<4).map { _ in try PostgresEventStore(configuration: configuration) }
        defer {
            for store in stores { store.close() }
        }
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for store in stores { group.addTask { try await store.migrate() } }
            var all: [[Int]] = []
            for try await versions in group { all.append(versions) }
            return all
        }
        #expect(
            applied.filter { !$0.isEmpty } == [[1, 2, 3, 4]], "exactly one migrator applied every version: \(applied)")
        #expect(try await stores[0].migrate() == [], "a second run applies nothing")
        try await stores[1].append([Sample.event()], to: "mig-1", expecting: .any)
        #expect(try await stores[2].headPosition() == 1)
    }

    @Test func withoutAutomaticMigrationAMissingSchemaIsATypedError() async throws {
        var configuration = try await TestStores.configuration()
        configuration.migratesAutomatically = false
        let store = try PostgresEventStore(configuration: configuration)
        defer { store.close() }
        let error = await #expect(throws: PostgresError.self) { try await store.headPosition() }
        #expect(error?.sqlState == "42P01", "undefined table: \(String(describing: error))")
        try await store.migrate()
        #expect(try await store.headPosition() == 0)
    }

    @Test func serverNoticesGoToTheLogger() async throws {
        let recorder = RecordingLogHandler.Records()
        let logger = Logger(label: "test.notices") { _ in RecordingLogHandler(records: recorder) }
        let configuration = try await TestStores.configuration()
        let first = try PostgresEventStore(configuration: configuration)
        try await first.migrate()
        first.close()
        let second = try PostgresEventStore(configuration: configuration, logger: logger)
        defer { second.close() }
        try await second.migrate()  // CREATE SCHEMA IF NOT EXISTS on an existing schema raises a NOTICE
        #expect(recorder.messages.contains { $0.contains("already exists, skipping") }, "\(recorder.messages)")
    }

    @Test func anotherStoreInstanceWakesThroughNotify() async throws {
        // A polling interval far beyond the test's deadline: only LISTEN/NOTIFY can wake the waiter in time.
        let configuration = try await TestStores.configuration(pollingInterval: .seconds(600))
        let writer = try PostgresEventStore(configuration: configuration)
        let reader = try PostgresEventStore(configuration: configuration)
        defer {
            writer.close()
            reader.close()
        }
        try await writer.migrate()
        let waiter = Task { try await reader.waitForEvents(from: 1) }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        try await writer.append([Sample.event()], to: "notify-1", expecting: .any)
        // Generous for a loaded machine, yet far below the 600 s poll: only a notification explains it.
        try await withTimeout(seconds: 60, waiter)
        #expect(ContinuousClock.now - start < .seconds(60))
    }

    /// The reader's connections — its listener among them — are killed by the server (as a failover or an
    /// administrator would) while it follows the log, again and again, with appends in between: notifications
    /// sent while the listener was gone are lost, yet the follower sees every event exactly once and in order,
    /// because the listener reads the head on reconnect and polls, and a follower resumes from its position
    /// after a retryable error.
    @Test func killedReaderConnectionsMissNothing() async throws {
        let writerConfiguration = try await TestStores.configuration(pollingInterval: .seconds(1))
        var readerConfiguration = writerConfiguration
        let application = "reader_\(writerConfiguration.schema)"
        readerConfiguration.connectionString +=
            (readerConfiguration.connectionString.contains("?") ? "&" : "?")
            + "application_name=\(application)"
        let writer = try PostgresEventStore(configuration: writerConfiguration)
        let reader = try PostgresEventStore(configuration: readerConfiguration)
        defer {
            writer.close()
            reader.close()
        }
        try await writer.migrate()
        let rounds = 5
        let follower = Task { () throws -> (events: [RecordedEvent], interruptions: Int) in
            var seen: [RecordedEvent] = []
            var interruptions = 0
            while seen.count < rounds + 1 {
                do {
                    for try await event in reader.subscribe(from: (seen.last?.position ?? 0) + 1) {
                        seen.append(event)
                        if seen.count == rounds + 1 { break }
                    }
                } catch let error as PostgresError where error.isRetryable {
                    interruptions += 1
                }
            }
            return (seen, interruptions)
        }
        try await writer.append([Sample.event("before")], to: "lost-1", expecting: .any)
        let cluster = try await TestCluster.shared()
        let connected = "SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(application)'"
        let started = ContinuousClock.now
        while try await cluster.psql(connected) == "0" {
            #expect(ContinuousClock.now - started < .seconds(60), "the reader never connected")
            if ContinuousClock.now - started >= .seconds(60) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        var terminated = 0
        for round in 0..<rounds {
            let killed = try await cluster.psql(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    + "WHERE application_name = '\(application)'")
            terminated += Int(killed) ?? 0
            try await writer.append([Sample.event("after-\(round)")], to: "lost-1", expecting: .any)
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(terminated >= 1, "the reader's connections were terminated")
        let followed = try await withTimeout(seconds: 60, follower)
        #expect(followed.events.map(\.position) == Array(1...Int64(rounds + 1)), "every event once, in order")
        #expect(String(decoding: followed.events.last!.payload.bytes, as: UTF8.self).contains("after-\(rounds - 1)"))
    }

    /// With a 60 s polling interval, a cancelled waiter ends long before the next poll would come (the bound
    /// is generous, so a loaded machine does not fail it; waiting for the poll would take 60 s).
    @Test func waitingIsCancelledPromptly() async throws {
        let store = try await PostgresEventStore(configuration: TestStores.configuration(pollingInterval: .seconds(60)))
        defer { store.close() }
        try await store.migrate()
        let waiter = Task { try await store.waitForEvents(from: 1_000) }
        try await Task.sleep(for: .milliseconds(200))
        let start = ContinuousClock.now
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(ContinuousClock.now - start < .seconds(15), "cancellation does not wait for a poll or a query")
    }

    @Test func readAllPagesLargeLogsWithBoundedPages() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        for batch in 0..<10 {
            try await store.append(
                (0..<500).map { Sample.event("\(batch)-\($0)") }, to: StreamName("big-\(batch % 3)"), expecting: .any)
        }
        var pages = 0
        var next: Int64 = 1
        var seen = 0
        while true {
            let page = try await store.readAll(from: next, limit: 700, filter: .all)
            if page.events.isEmpty { break }
            #expect(page.events.count <= 700)
            #expect(page.events.first?.position == next)
            seen += page.events.count
            next = page.nextPosition
            pages += 1
        }
        #expect(seen == 5_000 && pages == 8)
        let back = try await store.readStream("big-0", from: .max, direction: .backwards, limit: 3)
        #expect(back.map(\.version) == [2000, 1999, 1998])
    }
}

/// Proposed events for these tests.
enum Sample {
    static func event(_ label: String = "x") -> NewEvent {
        NewEvent(type: "Sampled", occurredAt: Date(), payload: .json(Data(#"{"label":"\#(label)"}"#.utf8)))
    }
}

/// A log handler that keeps every message, for checking what reached the logger.
struct RecordingLogHandler: LogHandler {
    final class Records: Sendable {
        private let storage = Mutex<[(message: String, line: String)]>([])
        /// The messages alone.
        var messages: [String] { storage.withLock { $0.map(\.message) } }
        /// Each message with its metadata, as a log line shows it.
        var lines: [String] { storage.withLock { $0.map(\.line) } }
        func add(_ message: String, line: String) { storage.withLock { $0.append((message, line)) } }
    }

    let records: Records
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        records.add("\(event.message)", line: "\(event.message) \(all)")
    }
}
