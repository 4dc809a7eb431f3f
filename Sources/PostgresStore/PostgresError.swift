/// A failure of the PostgreSQL store that is not a rule of the event log (those are
/// `WrongExpectedVersionError` and `EventStoreError`): the server refused a statement, the connection
/// failed or was lost, or the configuration is invalid.
///
/// Check ``isRetryable`` to decide whether the same operation may simply be tried again. Appends are
/// idempotent by event id, so retrying an append after a retryable error never writes an event twice —
/// even when the connection was lost after the server committed.
public struct PostgresError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Hashable, Sendable {
        /// No connection could be opened (server down, restarting, wrong address or credentials).
        case connectionFailed
        /// An open connection broke while a statement ran; its outcome is unknown.
        case connectionLost
        /// The server answered a statement with an error (see ``PostgresError/sqlState``).
        case server
        /// The server cancelled the statement because it waited for a lock longer than `lock_timeout`
        /// (SQLSTATE `55P03`, e.g. another session holds the log's head lock) or ran longer than
        /// `statement_timeout` (`57014`). Nothing of it was written; trying again may succeed.
        case timedOut
        /// The configuration is invalid (e.g. a schema name that is not a plain identifier).
        case invalidConfiguration
        /// The server answered in a shape the store did not expect (a bug or a foreign schema).
        case unexpectedResponse
        /// The store was closed.
        case closed
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The five-character SQLSTATE code the server sent, when it sent one (e.g. `23505`, `57P01`).
    public var sqlState: String?
    /// The server's (or libpq's) primary message.
    public var message: String
    /// The server's detail line, when it sent one.
    public var detail: String?
    /// The constraint the statement violated, when the server named one.
    public var constraint: String?
    /// What the store was doing, e.g. `append to stream 'a-1'`.
    public var context: String?

    /// Creates an error.
    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, constraint: String? = nil,
        context: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraint = constraint
        self.context = context
    }

    /// True when trying the same operation again may succeed: the connection failed or was lost, a timeout
    /// cancelled the statement (``Kind/timedOut``), the server is shutting down or starting up (class 08, `57P01`–`57P03`), or the transaction lost a serialization
    /// or deadlock race (`40001`, `40P01`). The store opens a new connection for the next operation.
    public var isRetryable: Bool {
        switch kind {
        case .connectionFailed, .connectionLost, .timedOut: return true
        case .invalidConfiguration, .unexpectedResponse, .closed: return false
        case .server:
            guard let code = sqlState else { return false }
            return code.hasPrefix("08") || ["57P01", "57P02", "57P03", "40001", "40P01", "53300"].contains(code)
        }
    }

    /// Returns the error with `context` set, keeping an inner context that is already set.
    func with(context: String) -> PostgresError {
        var copy = self
        copy.context = copy.context.map { "\(context): \($0)" } ?? context
        return copy
    }

    public var description: String {
        var text = "PostgreSQL \(kind)"
        if let sqlState { text += " [\(sqlState)]" }
        if let context { text += " during \(context)" }
        text += ": \(message)"
        if let detail { text += " (\(detail))" }
        if isRetryable { text += " — retryable" }
        return text
    }
}
