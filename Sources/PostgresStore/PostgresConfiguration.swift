import Foundation

/// How a ``PostgresEventStore`` reaches its database and where it keeps its tables.
///
/// Printing a configuration (`description`, `debugDescription`, `dump`) shows the connection string with
/// every password masked (``redacting(_:)``).
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// A libpq connection string: a URI (`postgresql://user@host:5432/db?sslmode=disable`, several hosts as
    /// `host1:5432,host2:5432` with `target_session_attrs=read-write` for failover) or key/value conninfo
    /// (`host=/tmp port=5432 dbname=ledger`). Passed to libpq as given, after the store's defaults for
    /// `connect_timeout` (10 s) and TCP keepalives, which the string overrides; `lock_timeout` (5 s) and
    /// `statement_timeout` (30 s) apply unless `options=-c lock_timeout=…` or the server's settings say
    /// otherwise (`Docs/PostgresStore.md`, "Timeouts").
    public var connectionString: String
    /// The PostgreSQL schema holding the store's tables: 1–48 ASCII letters, digits or underscores, not
    /// starting with a digit. Several stores can share a database in different schemas.
    public var schema: String
    /// The most connections the store opens for appends and reads (the listener uses one more).
    public var poolSize: Int
    /// Payloads larger than this many bytes are refused with `EventStoreError.payloadTooLarge`;
    /// `nil` for no limit (PostgreSQL's own limit of 255 MB for `jsonb` still applies).
    public var maxPayloadBytes: Int?
    /// How often the listener asks for the head position even without a notification, so that a lost
    /// `NOTIFY` delays a waiting subscriber by at most this long.
    public var pollingInterval: Duration
    /// Whether the store applies pending migrations on first use. With `false`, call
    /// ``PostgresEventStore/migrate()`` (or `competence` tooling) before using it.
    public var migratesAutomatically: Bool

    /// The environment variable ``init(environment:schema:)`` reads: `COMPETENCE_DATABASE_URL`.
    public static let environmentVariable = "COMPETENCE_DATABASE_URL"

    /// The schema used when none is given: `competence`.
    public static let defaultSchema = "competence"

    /// Creates a configuration.
    public init(
        connectionString: String,
        schema: String = PostgresConfiguration.defaultSchema,
        poolSize: Int = 8,
        maxPayloadBytes: Int? = 1 << 20,
        pollingInterval: Duration = .milliseconds(500),
        migratesAutomatically: Bool = true
    ) {
        self.connectionString = connectionString
        self.schema = schema
        self.poolSize = poolSize
        self.maxPayloadBytes = maxPayloadBytes
        self.pollingInterval = pollingInterval
        self.migratesAutomatically = migratesAutomatically
    }

    /// Reads the connection string from `COMPETENCE_DATABASE_URL`.
    ///
    /// - Throws: ``PostgresError`` (`invalidConfiguration`) when the variable is unset or empty.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        schema: String = PostgresConfiguration.defaultSchema
    ) throws {
        guard let url = environment[Self.environmentVariable], !url.isEmpty else {
            throw PostgresError(
                kind: .invalidConfiguration, message: "\(Self.environmentVariable) is not set")
        }
        self.init(connectionString: url, schema: schema)
    }

    /// `connectionString` with every password replaced by `***`: the user-info password of a URI
    /// (`postgresql://user:***@host`), its `password=` query parameters, and keyword/value `password=` values,
    /// quoted or not.
    public static func redacting(_ connectionString: String) -> String {
        ConnectionString(connectionString).redacted
    }

    /// The configuration with its connection string's passwords masked.
    public var description: String {
        "PostgresConfiguration(connectionString: \(Self.redacting(connectionString)), schema: \(schema), "
            + "poolSize: \(poolSize), maxPayloadBytes: \(maxPayloadBytes.map(String.init) ?? "nil"), "
            + "pollingInterval: \(pollingInterval), migratesAutomatically: \(migratesAutomatically))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The fields, with the connection string's passwords masked.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "connectionString": Self.redacting(connectionString), "schema": schema, "poolSize": poolSize,
                "maxPayloadBytes": maxPayloadBytes as Any, "pollingInterval": pollingInterval,
                "migratesAutomatically": migratesAutomatically,
            ], displayStyle: .struct)
    }

    /// Throws unless every field is usable.
    func validate() throws(PostgresError) {
        _ = try SQLIdentifier(schema)
        guard poolSize >= 1 else {
            throw PostgresError(kind: .invalidConfiguration, message: "poolSize must be at least 1, got \(poolSize)")
        }
        if let limit = maxPayloadBytes, limit < 1 {
            throw PostgresError(kind: .invalidConfiguration, message: "maxPayloadBytes must be positive, got \(limit)")
        }
        guard pollingInterval > .zero else {
            throw PostgresError(kind: .invalidConfiguration, message: "pollingInterval must be positive")
        }
    }
}
