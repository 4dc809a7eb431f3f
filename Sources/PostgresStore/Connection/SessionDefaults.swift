/// What every connection of the store is given unless the connection string (or the server's role and
/// database settings) says otherwise, so that neither a dead network nor a session that holds the head
/// lock can stall a writer forever:
///
/// | setting | default | override |
/// |---|---|---|
/// | `connect_timeout` | 10 s | `connect_timeout=…` in the URL |
/// | TCP keepalives | on, idle 30 s, every 10 s, 3 probes | `keepalives…=…` in the URL |
/// | `lock_timeout` | 5 s | `options=-c lock_timeout=…` in the URL (or `ALTER ROLE … SET`) |
/// | `statement_timeout` | 30 s | `options=-c statement_timeout=…` in the URL (or `ALTER ROLE … SET`) |
///
/// A writer that waits for the head lock longer than `lock_timeout` gets ``PostgresError`` of kind
/// `timedOut` (SQLSTATE `55P03`), which is retryable. Large appends that travel by `COPY` lift
/// `statement_timeout` inside their own transaction; `lock_timeout` still bounds their wait.
enum SessionDefaults {
    /// libpq keywords placed before the connection string, which overrides them.
    static let connectionKeywords: [(key: String, value: String)] = [
        ("connect_timeout", "10"), ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"),
        ("keepalives_count", "3"),
    ]

    /// `lock_timeout` when nothing else sets it, in milliseconds.
    static let lockTimeoutMilliseconds = 5_000
    /// `statement_timeout` when nothing else sets it, in milliseconds.
    static let statementTimeoutMilliseconds = 30_000

    /// Run once per connection: the server-side defaults, each only where its value is still the server's
    /// built-in default (so `options=-c …`, `ALTER ROLE/DATABASE … SET` and `postgresql.conf` win), plus two
    /// settings of the store's own. Every execution is planned with its parameters and the tables' current
    /// size: a generic plan cached while the tables were still empty keeps scanning them whole as they grow.
    /// No JIT: it only adds compile time to these short statements.
    static let setUp = """
        SELECT set_config('plan_cache_mode', 'force_custom_plan', false), set_config('jit', 'off', false),
            (SELECT count(set_config(name, CASE name WHEN 'lock_timeout' THEN '\(lockTimeoutMilliseconds)'
                ELSE '\(statementTimeoutMilliseconds)' END, false))
             FROM pg_settings WHERE name IN ('lock_timeout', 'statement_timeout') AND source = 'default')
        """
}
