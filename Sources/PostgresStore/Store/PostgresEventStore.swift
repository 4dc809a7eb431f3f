import CompetenceCore
import Foundation
import Logging
import Synchronization

/// An `EventStore` in a PostgreSQL database, reached through libpq: the store for teams that share one
/// database, with many application processes appending and subscribing at once.
///
/// - Appends are atomic transactions — one round trip: a server-side function checks ids and versions
///   under the head lock and writes — durable when they return (as durable as the server's
///   `synchronous_commit` makes them). Appends that arrive while another is being written share the next
///   call and its commit (group commit), each keeping its own outcome. Large appends travel by `COPY`.
/// - Global positions are gap-free and in commit order across every process: each append updates a
///   single-row head counter first, which serialises appenders until they commit (see `Docs/PostgresStore.md`).
/// - Subscriptions wake on `LISTEN/NOTIFY` (a notification is only a hint: the head is read from the table
///   before it is trusted) and fall back to polling every ``PostgresConfiguration/pollingInterval``. On a hot
///   standby (a streaming replica) they poll, and reads stay gap-free whatever the replica's lag.
/// - Errors are typed: `WrongExpectedVersionError` and `EventStoreError` for the log's rules,
///   ``PostgresError`` for the database (with ``PostgresError/isRetryable`` for connection loss and restarts).
///
/// Migrations run on first use unless ``PostgresConfiguration/migratesAutomatically`` is false.
public final class PostgresEventStore: SubjectKeyHolding, HistoryChainStoring {
    /// The configuration the store was created with.
    public let configuration: PostgresConfiguration

    let schema: SQLIdentifier
    let statements: Statements
    private let migrations: Migrations
    let pool: ConnectionPool
    private let notifier = AppendNotifier()
    private let gate = MigrationGate()
    private let listener = Mutex<Listener?>(nil)
    private let logger: Logger
    private let committer: GroupCommitter
    /// The keys of the store's data subjects: the table `subject_keys` of its schema, apart from the log's
    /// tables, readable by its owner only (``PostgresSubjectKeyStore``).
    public let postgresSubjectKeys: PostgresSubjectKeyStore
    /// ``postgresSubjectKeys`` as the ledger and the reports find it (``SubjectKeyHolding``).
    public var subjectKeys: any SubjectKeyStore { postgresSubjectKeys }

    /// Creates a store. No connection is opened until the first operation.
    ///
    /// - Throws: ``PostgresError`` (`invalidConfiguration`) when the schema name or a limit is invalid.
    public init(
        configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "competence.postgres")
    ) throws(PostgresError) {
        try configuration.validate()
        self.configuration = configuration
        self.logger = logger
        schema = try SQLIdentifier(configuration.schema)
        statements = Statements(schema: schema)
        migrations = Migrations(schema: schema)
        pool = ConnectionPool(
            connectionString: configuration.connectionString, size: configuration.poolSize, logger: logger)
        postgresSubjectKeys = PostgresSubjectKeyStore(pool: pool, schema: schema)
        let notifier = notifier
        committer = GroupCommitter(
            pool: pool,
            executor: AppendExecutor(statements: statements, maxPayloadBytes: configuration.maxPayloadBytes),
            committed: { notifier.advance(to: $0) })
    }

    deinit {
        listener.withLock { $0?.stop() }
        pool.close()
    }

    /// Stops the listener and closes every connection. Operations after this throw ``PostgresError`` (`closed`).
    public func close() {
        listener.withLock { $0?.stop() }
        pool.close()
    }

    /// Creates the schema and applies every pending migration, in one transaction; a no-op when the schema is
    /// up to date. Safe to call from several processes at once.
    ///
    /// - Returns: the migration versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let migrator = Migrator(migrations: migrations, statements: statements)
        let applied = try await pool.run { try migrator.run(on: $0) }
        if !applied.isEmpty { logger.info("applied migrations \(applied) in schema \(schema.name)") }
        gate.markDone()
        return applied
    }

    /// Applies the migrations up to `version` only, leaving the later ones pending (tests build an older
    /// schema with it, as a process of an older library version left it).
    func migrate(through version: Int) async throws -> [Int] {
        var older = migrations
        older.through = version
        let migrator = Migrator(migrations: older, statements: statements)
        return try await pool.run { try migrator.run(on: $0) }
    }

    func ready() async throws {
        guard configuration.migratesAutomatically else { return }
        try await gate.ensure { [self] in _ = try await migrate() }
    }

    // MARK: Appending

    public func append(_ appends: [StreamAppend]) async throws -> [AppendResult] {
        try AppendPlanner.validate(appends, maxPayloadBytes: configuration.maxPayloadBytes)
        try await ready()
        return try await committer.append(appends)
    }

    // MARK: Reading

    public func readStream(
        _ stream: StreamName, from version: Int64, direction: ReadDirection, limit: Int
    ) async throws -> [RecordedEvent] {
        guard limit > 0 else { return [] }
        try await ready()
        let statement = direction == .forwards ? statements.readStreamForwards : statements.readStreamBackwards
        let parameters: [PGParameter] = [.text(stream.rawValue), .int64(version), .int64(Int64(limit))]
        return try await pool.run { try EventRowDecoder.events($0.execute(statement, parameters)) }
    }

    public func currentVersion(of stream: StreamName) async throws -> Int64 {
        try await ready()
        let statement = statements.currentVersion
        return try await pool.run { connection in
            let result = try connection.execute(statement, [.text(stream.rawValue)])
            return result.rowCount == 0 ? 0 : try result.int64(0, 0)
        }
    }

    public func readAll(from position: Int64, limit: Int, filter: EventFilter) async throws -> EventPage {
        let start = max(position, 1)
        guard limit > 0 else { return EventPage(events: [], nextPosition: start) }
        try await ready()
        let statement = filter.isAll ? statements.readAll : statements.readAllFiltered
        var parameters: [PGParameter] = [.int64(start), .int64(Int64(limit))]
        if !filter.isAll {
            parameters += [.optionalTextArray(filter.types), .optionalTextArray(filter.categories)]
        }
        let arguments = parameters
        return try await pool.run { connection in
            let result = try connection.execute(statement, arguments)
            let head = try result.int64(0, 0)
            // One row with NULL event columns when nothing matched.
            let events = result.isNull(0, 1) ? [] : try EventRowDecoder.events(result, offset: 1)
            let next = events.count == limit ? events[events.count - 1].position + 1 : max(head + 1, start)
            return EventPage(events: events, nextPosition: next)
        }
    }

    public func headPosition() async throws -> Int64 {
        try await ready()
        let statement = statements.head
        let head = try await pool.run { try $0.execute(statement, []).int64(0, 0) }
        notifier.advance(to: head)
        return head
    }

    // MARK: Waiting

    public func waitForEvents(from position: Int64) async throws {
        try Task.checkCancellation()
        try await ready()
        startListener()
        // Read the head after starting the listener: whatever commits from now on either shows in this
        // read, or reaches the listener (by notification or, at the latest, by its next poll).
        let visible = try await headPosition()
        if visible >= position { return }
        if notifier.head >= position {
            // This store knows of the event (its own append, or a head read on another connection), but the
            // connection just read from does not see it yet: a replica that lags (after a failover, or with
            // a multi-host URL). Poll rather than spin.
            try await Task.sleep(for: configuration.pollingInterval)
            return
        }
        try await notifier.wait(from: position)
    }

    private func startListener() {
        listener.withLock { listener in
            guard listener == nil else { return }
            listener = Listener(
                connectionString: configuration.connectionString, channel: migrations.channel,
                headStatement: statements.head, notifier: notifier,
                pollingInterval: configuration.pollingInterval, logger: logger)
        }
    }
}
