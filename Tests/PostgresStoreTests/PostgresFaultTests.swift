import CompetenceCore
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

@testable import PostgresStore

/// Issue 10's PostgresStore faults, each reproduced against a real server: a forged notification, a session
/// that holds the head lock, passwords in every form of connection string.
@Suite("PostgresEventStore faults: forged notifications, held locks, passwords", .timeLimit(.minutes(10)))
struct PostgresFaultTests {
    // MARK: A notification is only a hint

    /// Any role may `NOTIFY` the store's channel with any payload. One announcing the end of time must not
    /// wake a waiter, nor make a subscription poll the server in a loop: the head is read from the table.
    @Test func aForgedNotificationMovesNothing() async throws {
        let configuration = try await TestStores.configuration(pollingInterval: .milliseconds(200))
        let store = try PostgresEventStore(configuration: configuration)
        defer { store.close() }
        try await store.append([Sample.event("first")], to: "hint-1", expecting: .any)
        let counting = CountingStore(store)
        let received = Mutex<[Int64]>([])
        let follower = Task {
            for try await event in counting.subscribe(from: 2) {
                received.withLock { $0.append(event.position) }
                if event.position == 2 { return }
            }
        }
        let woke = Mutex(false)
        let waiter = Task {
            try await store.waitForEvents(from: 2)
            woke.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(500))  // both are waiting at the head, the listener is up
        let before = counting.pageReads
        let cluster = try await TestCluster.shared()
        _ = try await cluster.psql("NOTIFY \(configuration.schema)_appended, '9223372036854775807'")
        _ = try await cluster.psql("NOTIFY \(configuration.schema)_appended, 'not a number'")
        try await Task.sleep(for: .seconds(1))
        #expect(!woke.withLock { $0 }, "a forged notification woke a waiter")
        // At the 200 ms polling interval, at most a few reads in a second; a loop would make thousands.
        #expect(
            counting.pageReads - before <= 3, "pages read after the forged notification: \(counting.pageReads - before)"
        )
        #expect(received.withLock { $0 }.isEmpty)
        try await store.append([Sample.event("second")], to: "hint-1", expecting: .any)
        try await withTimeout(seconds: 60, waiter)
        try await withTimeout(seconds: 60, follower)
        #expect(received.withLock { $0 } == [2], "the real event still arrives")
    }

    // MARK: Timeouts

    /// Every connection gets a connect timeout, TCP keepalives, `lock_timeout` and `statement_timeout` unless
    /// the URL says otherwise.
    @Test func connectionsHaveSaneDefaultsThatTheURLOverrides() async throws {
        let plain = try await PostgresEventStore(configuration: TestStores.configuration())
        var overridden = try await TestStores.configuration()
        overridden.connectionString +=
            (overridden.connectionString.contains("?") ? "&" : "?")
            + "connect_timeout=3&keepalives_idle=7&options=-c%20lock_timeout%3D250ms%20-c%20statement_timeout%3D9s"
        let custom = try PostgresEventStore(configuration: overridden)
        defer {
            plain.close()
            custom.close()
        }
        let settings = { (store: PostgresEventStore) async throws -> [String] in
            try await store.pool.run { connection in
                [
                    connection.option("connect_timeout") ?? "-", connection.option("keepalives") ?? "-",
                    connection.option("keepalives_idle") ?? "-",
                    try connection.execute(unprepared: "SHOW lock_timeout").string(0, 0),
                    try connection.execute(unprepared: "SHOW statement_timeout").string(0, 0),
                ]
            }
        }
        #expect(try await settings(plain) == ["10", "1", "30", "5s", "30s"])
        #expect(try await settings(custom) == ["3", "1", "7", "250ms", "9s"])
    }

    /// A session that holds the head lock (an administrator's open transaction, a stuck client) no longer
    /// stalls writers forever: each gets a typed, retryable error within its `lock_timeout`, nothing is
    /// written, and the same append succeeds once the lock is gone.
    @Test func aWriterBlockedOnAHeldHeadLockGetsATypedRetryableError() async throws {
        let cluster = try await TestCluster.shared()
        let configuration = try await TestStores.configuration()
        let store = try PostgresEventStore(configuration: configuration)
        var quickConfiguration = configuration
        quickConfiguration.connectionString +=
            (configuration.connectionString.contains("?") ? "&" : "?") + "options=-c%20lock_timeout%3D300ms"
        let quick = try PostgresEventStore(configuration: quickConfiguration)
        defer {
            store.close()
            quick.close()
        }
        try await store.append([Sample.event("before")], to: "lock-1", expecting: .any)
        let application = "holder_\(configuration.schema)"
        let holder = try cluster.psqlSession(
            "BEGIN; SELECT position FROM \(configuration.schema).log_head FOR UPDATE; SELECT pg_sleep(120); COMMIT;",
            application: application)
        defer { holder.killNow() }
        let held =
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(application)' "
            + "AND wait_event = 'PgSleep'"
        let started = ContinuousClock.now
        while try await cluster.psql(held) == "0" {
            try #require(ContinuousClock.now - started < .seconds(60), "the lock holder never started")
            try await Task.sleep(for: .milliseconds(20))
        }
        let blocked = Sample.event("blocked")
        for writer in [quick, store] {  // 300 ms from the URL, then the default of 5 s
            let error = await #expect(throws: PostgresError.self) {
                try await writer.append([blocked], to: "lock-1", expecting: .exact(1))
            }
            #expect(
                error?.kind == .timedOut && error?.sqlState == "55P03" && error?.isRetryable == true,
                "\(String(describing: error))")
        }
        _ = try await cluster.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(application)'")
        #expect(try await store.headPosition() == 1, "nothing of the timed-out appends was written")
        let retried = try await store.append([blocked], to: "lock-1", expecting: .exact(1))
        #expect(retried.events.map(\.position) == [2])
    }

    // MARK: Passwords never shown

    static let secret = "s3cr%ZZet"

    /// Connection strings in every form libpq reads, each carrying the password `s3cr…`.
    static let forms: [(connection: String, kept: [String])] = [
        ("postgresql://ledger:\(secret)@db.example:5432/ledger?sslmode=disable", ["ledger:***@db.example", "sslmode"]),
        ("postgres://ledger@db.example/ledger?sslmode=disable&password=\(secret)", ["password=***", "sslmode"]),
        ("postgresql://ledger@db.example/ledger?password=s3cr%20et&application_name=x", ["password=***&application"]),
        ("postgresql://u:s3cr-a@a.example:5432,b.example:5433/db?target_session_attrs=read-write", ["b.example"]),
        ("host=db.example password=s3cr'et dbname=ledger", ["host=db.example", "dbname=ledger"]),
        ("host=db.example password = 's3cr et \\' more' dbname=ledger", ["password = ***", "dbname=ledger"]),
        ("password=s3cr\\ et host=x", ["host=x"]),
    ]

    @Test func redactionMasksEveryForm() {
        for (connection, kept) in Self.forms {
            let redacted = PostgresConfiguration.redacting(connection)
            #expect(!redacted.contains("s3cr"), "\(redacted)")
            for part in kept { #expect(redacted.contains(part), "\(redacted) keeps \(part)") }
        }
        #expect(PostgresConfiguration.redacting("postgresql://ledger@db/x") == "postgresql://ledger@db/x")
        #expect(PostgresConfiguration.redacting("host=db dbname=x") == "host=db dbname=x")
    }

    /// Printing a configuration in any way shows no password.
    @Test func configurationsPrintWithoutPasswords() {
        for (connection, _) in Self.forms {
            let configuration = PostgresConfiguration(connectionString: connection, schema: "s")
            var dumped = ""
            dump(configuration, to: &dumped)
            for text in [
                "\(configuration)", String(describing: configuration), String(reflecting: configuration), dumped,
            ] {
                #expect(!text.contains("s3cr"), "\(text)")
            }
        }
    }

    /// libpq repeats a malformed part of a URI in its error (`invalid percent-encoded token: "…"`) — the
    /// password, when that is the malformed part. Neither the error nor the listener's log lines show it.
    @Test func errorsAndLogLinesShowNoPassword() async throws {
        let cluster = try await TestCluster.shared()
        let url = try #require(URLComponents(string: cluster.url))
        let port = url.port ?? 5432
        let records = RecordingLogHandler.Records()
        let logger = Logger(label: "test.redaction") { _ in RecordingLogHandler(records: records) }
        let connections = [
            "postgresql://postgres:\(Self.secret)@127.0.0.1:\(port)/postgres",
            "postgresql://postgres@127.0.0.1:\(port)/postgres?password=\(Self.secret)",
            "host=127.0.0.1 port=\(port) user=postgres password='\(Self.secret)' dbname=postgres sslmode=bogus",
        ]
        for connection in connections {
            let store = try PostgresEventStore(
                configuration: PostgresConfiguration(
                    connectionString: connection, schema: TestStores.freshSchema(), pollingInterval: .milliseconds(50),
                    migratesAutomatically: false),
                logger: logger)
            defer { store.close() }
            let waiter = Task { try await store.waitForEvents(from: 1) }  // starts the listener, which retries
            let error = await #expect(throws: PostgresError.self) { try await store.headPosition() }
            #expect(error?.kind == .connectionFailed, "\(String(describing: error))")
            #expect(!"\(String(describing: error))".contains("s3cr"), "\(String(describing: error))")
            let logged = records.lines.count
            let started = ContinuousClock.now
            while !records.lines.dropFirst(logged).contains(where: { $0.contains("listener lost its connection") }) {
                try #require(ContinuousClock.now - started < .seconds(60), "the listener logged no failure")
                try await Task.sleep(for: .milliseconds(20))
            }
            waiter.cancel()
        }
        let lines = records.lines
        #expect(lines.contains { $0.contains("listener lost its connection") }, "the listener logged its failures")
        for line in lines { #expect(!line.contains("s3cr"), "\(line)") }
    }
}

/// Counts the pages a subscription reads.
final class CountingStore: EventStore, Sendable {
    let base: any EventStore
    private let reads = Mutex(0)
    var pageReads: Int { reads.withLock { $0 } }

    init(_ base: any EventStore) { self.base = base }

    func append(_ appends: [StreamAppend]) async throws -> [AppendResult] { try await base.append(appends) }

    func readStream(
        _ stream: StreamName, from version: Int64, direction: ReadDirection, limit: Int
    ) async throws -> [RecordedEvent] {
        try await base.readStream(stream, from: version, direction: direction, limit: limit)
    }

    func currentVersion(of stream: StreamName) async throws -> Int64 { try await base.currentVersion(of: stream) }

    func readAll(from position: Int64, limit: Int, filter: EventFilter) async throws -> EventPage {
        reads.withLock { $0 += 1 }
        return try await base.readAll(from: position, limit: limit, filter: filter)
    }

    func headPosition() async throws -> Int64 { try await base.headPosition() }

    func waitForEvents(from position: Int64) async throws { try await base.waitForEvents(from: position) }
}
