/// The versioned schema of the store. Each migration runs once, in order, inside one transaction that also
/// records it in `schema_migrations`; a transaction-level advisory lock keeps concurrent migrators (several
/// processes starting at once) from racing. Running the migrations again is a no-op.
///
/// Never edit a released migration; add a new one.
struct Migrations {
    /// One step of the schema.
    struct Migration: Sendable {
        let version: Int
        let name: String
        /// Statements run in order; each is one SQL statement (no parameters).
        let statements: [String]
        /// Work done in Swift after `statements`, in the same transaction (migration 4 chains the rows already
        /// stored, ``ChainMigration/chainStoredRows(schema:on:)``).
        var work: (@Sendable (PGConnection) throws(PostgresError) -> Void)? = nil
        /// Statements run after `work`.
        var finishing: [String] = []
    }

    let schema: SQLIdentifier
    /// The last migration to apply (every one by default; tests stop earlier to build an older schema).
    var through = Int.max

    /// The channel on which appends announce the new head position (`<schema>_appended`).
    var channel: String { "\(schema.name)_appended" }

    /// Statements that make the bookkeeping table exist (idempotent, before the lock is taken).
    var bootstrap: [String] {
        [
            "CREATE SCHEMA IF NOT EXISTS \(schema.quoted)",
            """
            CREATE TABLE IF NOT EXISTS \(schema.qualify("schema_migrations")) (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """,
        ]
    }

    /// Every migration up to ``through``, in version order.
    var all: [Migration] { released.filter { $0.version <= through } }

    /// Every migration, in version order.
    private var released: [Migration] {
        let s = schema
        return [
            Migration(
                version: 1, name: "events, streams and the log head",
                statements: [
                    // One row holding the last assigned global position. Every append updates it first, so its
                    // row lock serialises appenders until commit: positions are gap-free and in commit order.
                    """
                    CREATE TABLE \(s.qualify("log_head")) (
                        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                        position bigint NOT NULL CHECK (position >= 0))
                    """,
                    "INSERT INTO \(s.qualify("log_head")) (only_row, position) VALUES (true, 0)",
                    """
                    CREATE TABLE \(s.qualify("streams")) (
                        name text PRIMARY KEY,
                        category text NOT NULL,
                        version bigint NOT NULL CHECK (version > 0))
                    """,
                    // A JSON payload lives in `payload` (jsonb, for analysts' SQL); a compact binary payload in
                    // `payload_compact` (bytea). Exactly one of them is set.
                    """
                    CREATE TABLE \(s.qualify("events")) (
                        position bigint NOT NULL CHECK (position > 0),
                        id uuid NOT NULL,
                        stream text NOT NULL,
                        category text NOT NULL,
                        version bigint NOT NULL CHECK (version > 0),
                        type text NOT NULL,
                        schema_version integer NOT NULL CHECK (schema_version > 0),
                        occurred_at timestamptz NOT NULL,
                        recorded_at timestamptz NOT NULL,
                        correlation_id uuid,
                        causation_id uuid,
                        recorded_by text,
                        origin_source text,
                        origin_row bigint,
                        origin_content_hash text,
                        payload jsonb,
                        payload_compact bytea,
                        CONSTRAINT events_pkey PRIMARY KEY (position),
                        CONSTRAINT events_id_key UNIQUE (id),
                        CONSTRAINT events_stream_version_key UNIQUE (stream, version),
                        CONSTRAINT events_one_payload CHECK ((payload IS NULL) <> (payload_compact IS NULL)))
                    """,
                    "CREATE INDEX events_type_position ON \(s.qualify("events")) (type, position)",
                    "CREATE INDEX events_category_position ON \(s.qualify("events")) (category, position)",
                    // The append: one call, one transaction. Versions and the expected-version rules are decided
                    // by the caller; the unique (stream, version) constraint refuses a stale decision.
                    """
                    CREATE FUNCTION \(s.qualify("append_events"))(
                        ids uuid[], streams text[], categories text[], versions bigint[], types text[],
                        schema_versions integer[], occurred timestamptz[], correlation_ids uuid[],
                        causation_ids uuid[], recorded_by text[], origin_sources text[], origin_rows bigint[],
                        origin_hashes text[], payloads jsonb[], compact_payloads bytea[],
                        stream_names text[], stream_categories text[], stream_versions bigint[])
                    RETURNS bigint LANGUAGE plpgsql AS $body$
                    DECLARE
                        base bigint;
                        n bigint := cardinality(ids);
                    BEGIN
                        UPDATE \(s.qualify("log_head")) SET position = position + n RETURNING position - n INTO base;
                        INSERT INTO \(s.qualify("events")) (position, id, stream, category, version, type,
                            schema_version, occurred_at, recorded_at, correlation_id, causation_id, recorded_by,
                            origin_source, origin_row, origin_content_hash, payload, payload_compact)
                        SELECT base + e.ord, e.id, e.stream, e.category, e.version, e.type, e.schema_version,
                            e.occurred, statement_timestamp(), e.correlation_id, e.causation_id, e.recorded_by,
                            e.origin_source, e.origin_row, e.origin_hash, e.payload, e.compact
                        FROM unnest(ids, streams, categories, versions, types, schema_versions, occurred,
                            correlation_ids, causation_ids, recorded_by, origin_sources, origin_rows,
                            origin_hashes, payloads, compact_payloads)
                            WITH ORDINALITY AS e(id, stream, category, version, type, schema_version, occurred,
                                correlation_id, causation_id, recorded_by, origin_source, origin_row,
                                origin_hash, payload, compact, ord);
                        INSERT INTO \(s.qualify("streams")) AS st (name, category, version)
                        SELECT * FROM unnest(stream_names, stream_categories, stream_versions)
                        ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
                        PERFORM pg_notify(\(SQLIdentifier.literal(channel)), (base + n)::text);
                        RETURN base;
                    END
                    $body$
                    """,
                ]),
            Migration(
                version: 2, name: "appends keep a given recorded time",
                statements: [
                    // An overload of append_events with one more array: the recorded time of each event, NULL for
                    // the server's statement time. A history moved from another store keeps its recorded times.
                    """
                    CREATE FUNCTION \(s.qualify("append_events"))(
                        ids uuid[], streams text[], categories text[], versions bigint[], types text[],
                        schema_versions integer[], occurred timestamptz[], correlation_ids uuid[],
                        causation_ids uuid[], recorded_by text[], origin_sources text[], origin_rows bigint[],
                        origin_hashes text[], payloads jsonb[], compact_payloads bytea[],
                        stream_names text[], stream_categories text[], stream_versions bigint[],
                        recorded timestamptz[])
                    RETURNS bigint LANGUAGE plpgsql AS $body$
                    DECLARE
                        base bigint;
                        n bigint := cardinality(ids);
                    BEGIN
                        UPDATE \(s.qualify("log_head")) SET position = position + n RETURNING position - n INTO base;
                        INSERT INTO \(s.qualify("events")) (position, id, stream, category, version, type,
                            schema_version, occurred_at, recorded_at, correlation_id, causation_id, recorded_by,
                            origin_source, origin_row, origin_content_hash, payload, payload_compact)
                        SELECT base + e.ord, e.id, e.stream, e.category, e.version, e.type, e.schema_version,
                            e.occurred, COALESCE(e.recorded, statement_timestamp()), e.correlation_id,
                            e.causation_id, e.recorded_by, e.origin_source, e.origin_row, e.origin_hash, e.payload,
                            e.compact
                        FROM unnest(ids, streams, categories, versions, types, schema_versions, occurred,
                            correlation_ids, causation_ids, recorded_by, origin_sources, origin_rows,
                            origin_hashes, payloads, compact_payloads, recorded)
                            WITH ORDINALITY AS e(id, stream, category, version, type, schema_version, occurred,
                                correlation_id, causation_id, recorded_by, origin_source, origin_row,
                                origin_hash, payload, compact, recorded, ord);
                        INSERT INTO \(s.qualify("streams")) AS st (name, category, version)
                        SELECT * FROM unnest(stream_names, stream_categories, stream_versions)
                        ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
                        PERFORM pg_notify(\(SQLIdentifier.literal(channel)), (base + n)::text);
                        RETURN base;
                    END
                    $body$
                    """
                ]),
            // One round trip per append (or per group of concurrent appends): the version and id checks move
            // under the head lock into the function (`AppendFunctions`); large appends arrive by `COPY`.
            // `append_events` stays for processes still running version 1 of this library.
            Migration(
                version: 3, name: "single-round-trip append of groups, staged import",
                statements: AppendFunctions.create(schema: s, channel: channel)),
            // The history chain on every row (`ChainMigration`): the rows already stored are chained in the same
            // transaction, appends chain in commit order, and the older append functions refuse to write.
            Migration(
                version: 4, name: "the history chain on every event row",
                statements: ChainMigration.statements(schema: s, channel: channel),
                work: { connection throws(PostgresError) in
                    try ChainMigration.chainStoredRows(schema: s, on: connection)
                },
                finishing: ChainMigration.finishing(schema: s)),
        ]
    }
}

extension SQLIdentifier {
    /// A string literal of text made only of identifier characters (so no quote needs doubling).
    static func literal(_ text: String) -> String {
        precondition(
            text.utf8.allSatisfy {
                $0 == UInt8(ascii: "_") || ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122)
            })
        return "'\(text)'"
    }
}
