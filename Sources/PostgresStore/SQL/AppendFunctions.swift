/// The SQL of the single-round-trip append: one PL/pgSQL body, written once here, from which two functions
/// are made — one whose events arrive as array parameters (every append of up to
/// ``AppendFunctions/copyThreshold`` events), and one whose events were first copied with binary `COPY` into
/// a temporary staging table of the same transaction (large imports). Migration 3 made them as `append_group`
/// and `append_staged`; migration 4 makes the chained pair `append_chained` and `append_chained_staged`,
/// which also store the history chain, and turns the older functions into refusals (``refusals(schema:)``).
///
/// One call appends a **group** of independent appends (members) in one statement and one commit. Each
/// member's shares (one per stream) carry the range of current versions their expected version allows
/// (`.any` 0…max, `.noStream` 0…0, `.streamExists` 1…max, `.exact(n)` n…n). Under the head lock the
/// function reads every share's current version and every event id already stored; a member with an id
/// already stored or a stream outside its range is **refused** (nothing of it written) and the facts come
/// back, so `AppendPlanner` decides in Swift — a retry answered with the original positions, or a typed
/// `WrongExpectedVersionError` — without a second lookup. The other members are written: positions from the
/// head on in argument order, versions from each stream's current version on, one `streams` upsert, one
/// `NOTIFY`. The caller never puts two members on one stream or one event id into a group, so members are
/// independent and the set-based checks hold.
///
/// The function plans its statements once per session and keeps the plans (`force_generic_plan`, overriding
/// the connections' `force_custom_plan`): planning them at every call cost half of a single append's server
/// time. So that a plan made while the tables were still empty cannot stay a sequential scan as they grow,
/// the planner may only use their indexes (sequential scans, hash and merge joins are off inside it).
///
/// Position, version and recorded time are all assigned inside this one statement, under the head lock, in
/// commit order; so is the history chain (`Docs/Architecture.md`, "The history chain"; migration 4). The
/// head row keeps the head hash (`log_head.chain`), so an append never reads the last event row; each event
/// carries its canonical client-known tail (``CompetenceCore/CanonicalEvent/tail(of:in:)``) as one more
/// `bytea` element, and the function folds
/// `sha256(previous ‖ int8send(position) ‖ int8send(version) ‖ int8send(recorded_at µs) ‖ tail)` over the
/// written events in position order before the insert, storing each hash in `events.chain` — no extra round
/// trip. A missing tail (NULL) makes the hash NULL, which `events.chain NOT NULL` refuses: no row is ever
/// written without its chain.
enum AppendFunctions {
    /// Appends with at least this many events go through `COPY` into the staging table.
    static let copyThreshold = 1_000

    /// The staging table's columns (in `COPY` order) and their types.
    static let stagingColumns: [(name: String, type: String)] = [
        ("ord", "bigint"), ("share", "integer"), ("step", "integer"), ("id", "uuid"), ("type", "text"),
        ("schema_version", "integer"), ("occurred", "timestamptz"), ("recorded", "timestamptz"),
        ("correlation_id", "uuid"), ("causation_id", "uuid"), ("recorded_by", "text"), ("origin_source", "text"),
        ("origin_row", "bigint"), ("origin_hash", "text"), ("payload", "jsonb"), ("compact", "bytea"),
        ("tail", "bytea"),
    ]

    /// The statement that creates the staging table for one transaction.
    static var createStaging: String {
        "CREATE TEMPORARY TABLE competence_staging ("
            + stagingColumns.map { "\($0.name) \($0.type)" }.joined(separator: ", ") + ") ON COMMIT DROP"
    }

    /// The statement that starts the binary `COPY` into the staging table.
    static var copyIntoStaging: String {
        "COPY pg_temp.competence_staging (" + stagingColumns.map(\.name).joined(separator: ", ")
            + ") FROM STDIN (FORMAT binary)"
    }

    /// The parameters every variant takes: the shares, one element per stream share.
    private static let shareParameters = """
        share_members integer[], share_streams text[], share_categories text[], share_lowest bigint[],
            share_highest bigint[], share_sizes integer[]
        """

    /// The parameters of `append_group` after the shares: the events, one element each, in global order.
    private static let eventParameters = """
        event_shares integer[], event_steps integer[], event_ids uuid[], event_types text[],
            event_schema_versions integer[], event_occurred timestamptz[], event_recorded timestamptz[],
            event_correlations uuid[], event_causations uuid[], event_recorders text[], event_origin_sources text[],
            event_origin_rows bigint[], event_origin_hashes text[], event_payloads jsonb[], event_compacts bytea[]
        """

    /// The parameter after the events of `append_chained`: each event's canonical tail.
    private static let tailParameter = "event_tails bytea[]"

    private static let results = """
        OUT base_position bigint, OUT written_count bigint, OUT share_versions bigint[],
            OUT refused_members integer[], OUT stored_ordinals bigint[], OUT stored_streams text[],
            OUT stored_versions bigint[], OUT stored_positions bigint[]
        """

    /// Where a variant finds its events: a relation with the staging table's column names.
    private struct EventSource {
        /// How many events there are.
        let count: String
        /// A `FROM` item with columns `ord, share, step, id, type, …` named `ev`.
        let rows: String
        /// A `FROM` item with at least the columns `ord, share, id`, named `ev`.
        let keys: String
    }

    /// The event arrays of `append_chained`: those of `append_group` and the tails.
    private static let chainedArrays = EventSource(
        count: "cardinality(event_ids)",
        rows: """
            unnest(event_shares, event_steps, event_ids, event_types, event_schema_versions, event_occurred,
                    event_recorded, event_correlations, event_causations, event_recorders, event_origin_sources,
                    event_origin_rows, event_origin_hashes, event_payloads, event_compacts, event_tails)
                WITH ORDINALITY AS ev(share, step, id, type, schema_version, occurred, recorded, correlation_id,
                    causation_id, recorded_by, origin_source, origin_row, origin_hash, payload, compact, tail, ord)
            """,
        keys: "unnest(event_ids, event_shares) WITH ORDINALITY AS ev(id, share, ord)")

    private static let arrays = EventSource(
        count: "cardinality(event_ids)",
        rows: """
            unnest(event_shares, event_steps, event_ids, event_types, event_schema_versions, event_occurred,
                    event_recorded, event_correlations, event_causations, event_recorders, event_origin_sources,
                    event_origin_rows, event_origin_hashes, event_payloads, event_compacts)
                WITH ORDINALITY AS ev(share, step, id, type, schema_version, occurred, recorded, correlation_id,
                    causation_id, recorded_by, origin_source, origin_row, origin_hash, payload, compact, ord)
            """,
        keys: "unnest(event_ids, event_shares) WITH ORDINALITY AS ev(id, share, ord)")

    private static let staged = EventSource(
        count: "(SELECT count(*) FROM pg_temp.competence_staging)", rows: "pg_temp.competence_staging AS ev",
        keys: "pg_temp.competence_staging AS ev")

    /// `CREATE FUNCTION` statements for both chained variants in `schema` (migration 4), notifying on `channel`.
    static func createChained(schema s: SQLIdentifier, channel: String) -> [String] {
        [
            function(
                name: s.qualify("append_chained"),
                parameters: shareParameters + ",\n    " + eventParameters + ",\n    " + tailParameter,
                source: chainedArrays, schema: s, channel: channel, chained: true),
            function(
                name: s.qualify("append_chained_staged"), parameters: shareParameters, source: staged, schema: s,
                channel: channel, chained: true),
        ]
    }

    /// `CREATE OR REPLACE FUNCTION` statements (migration 4) that turn every append function of migrations 1–3
    /// into a refusal: a process of an older library version cannot compute the history chain, so it must not
    /// write; it gets SQLSTATE `55000` (not retryable) with a message that says to upgrade it.
    static func refusals(schema s: SQLIdentifier) -> [String] {
        // A string literal of fixed words and the validated schema name: no quote to double.
        let message =
            "'schema \(s.name) stores the history chain (migration 4): this append function of an older version "
            + "of the library cannot compute it and writes nothing; upgrade the process'"
        func refusal(_ signature: String, returns: String) -> String {
            """
            CREATE OR REPLACE FUNCTION \(signature)
            \(returns) LANGUAGE plpgsql AS $body$
            BEGIN
                RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state', MESSAGE = \(message);
            END
            $body$
            """
        }
        let eventsVersion1 = """
            ids uuid[], streams text[], categories text[], versions bigint[], types text[],
                schema_versions integer[], occurred timestamptz[], correlation_ids uuid[],
                causation_ids uuid[], recorded_by text[], origin_sources text[], origin_rows bigint[],
                origin_hashes text[], payloads jsonb[], compact_payloads bytea[],
                stream_names text[], stream_categories text[], stream_versions bigint[]
            """
        return [
            refusal("\(s.qualify("append_events"))(\n    \(eventsVersion1))", returns: "RETURNS bigint"),
            refusal(
                "\(s.qualify("append_events"))(\n    \(eventsVersion1),\n    recorded timestamptz[])",
                returns: "RETURNS bigint"),
            refusal(
                "\(s.qualify("append_group"))(\n    \(shareParameters),\n    \(eventParameters),\n    \(results))",
                returns: ""),
            refusal("\(s.qualify("append_staged"))(\n    \(shareParameters),\n    \(results))", returns: ""),
        ]
    }

    /// `CREATE FUNCTION` statements for both unchained variants in `schema` (migration 3, as released),
    /// notifying on `channel`.
    static func create(schema s: SQLIdentifier, channel: String) -> [String] {
        [
            function(
                name: s.qualify("append_group"), parameters: shareParameters + ",\n    " + eventParameters,
                source: arrays, schema: s, channel: channel),
            function(
                name: s.qualify("append_staged"), parameters: shareParameters, source: staged, schema: s,
                channel: channel),
        ]
    }

    /// One variant's `CREATE FUNCTION`. Without `chained` the text is migration 3's, byte for byte (a test
    /// holds it); `chained` adds the history chain (the head's hash read with the head lock, the fold, the
    /// `chain` column and the head's new hash).
    private static func function(
        name: String, parameters: String, source: EventSource, schema s: SQLIdentifier, channel: String,
        chained: Bool = false
    ) -> String {
        let columns =
            """
            position, id, stream, category, version, type, schema_version, occurred_at, recorded_at, correlation_id,
                    causation_id, recorded_by, origin_source, origin_row, origin_content_hash, payload, payload_compact
            """ + (chained ? ", chain" : "")
        func values(position: String, chain: String) -> String {
            """
            \(position), ev.id, share_streams[ev.share], share_categories[ev.share],
                        share_versions[ev.share] + ev.step, ev.type, ev.schema_version, ev.occurred,
                        coalesce(ev.recorded, statement_timestamp()), ev.correlation_id, ev.causation_id, ev.recorded_by,
                        ev.origin_source, ev.origin_row, ev.origin_hash, ev.payload, ev.compact
            """ + (chained ? ", \(chain)" : "")
        }
        let declarations =
            chained
            ? """

                previous bytea;
                chains bytea[] := '{}';
                folded integer := 0;
                r record;
            """ : ""
        let headReturns =
            chained
            ? "position - proposed, chain INTO base_position, previous" : "position - proposed INTO base_position"
        // The fold: every event to be written, in position order, hashed onto the head's hash.
        let fold =
            chained
            ? """

                FOR r IN
                    SELECT coalesce(ev.recorded, statement_timestamp()) AS recorded,
                            share_versions[ev.share] + ev.step AS version, ev.tail
                        FROM \(source.rows)
                        WHERE refused_members IS NULL OR NOT (share_members[ev.share] = ANY (refused_members))
                        ORDER BY ev.ord
                LOOP
                    folded := folded + 1;
                    previous := sha256(previous || int8send(base_position + folded) || int8send(r.version)
                        || int8send((extract(epoch FROM r.recorded) * 1000000)::bigint) || r.tail);
                    chains[folded] := previous;
                END LOOP;
            """ : ""
        let newHeadHash =
            chained
            ? """

                    UPDATE \(s.qualify("log_head")) SET chain = previous;
            """ : ""
        return """
            CREATE FUNCTION \(name)(
                \(parameters),
                \(results))
            LANGUAGE plpgsql
            SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off
            SET enable_mergejoin = off
            AS $body$
            DECLARE
                proposed bigint := \(source.count);\(declarations)
            BEGIN
                -- The head lock first: appenders queue here until its holder commits, so everything read below is
                -- committed state, and positions are handed out in commit order, gap-free.
                UPDATE \(s.qualify("log_head")) SET position = position + proposed
                    RETURNING \(headReturns);
                SELECT array_agg(coalesce(st.version, 0) ORDER BY sh.ord),
                        array_agg(DISTINCT share_members[sh.ord]) FILTER (
                            WHERE coalesce(st.version, 0) NOT BETWEEN share_lowest[sh.ord] AND share_highest[sh.ord])
                    INTO share_versions, refused_members
                    FROM unnest(share_streams) WITH ORDINALITY AS sh(name, ord)
                    LEFT JOIN \(s.qualify("streams")) st ON st.name = sh.name;
                SELECT array_agg(ev.ord ORDER BY ev.ord), array_agg(e.stream ORDER BY ev.ord),
                        array_agg(e.version ORDER BY ev.ord), array_agg(e.position ORDER BY ev.ord)
                    INTO stored_ordinals, stored_streams, stored_versions, stored_positions
                    FROM \(source.keys)
                    JOIN \(s.qualify("events")) e ON e.id = ev.id;
                IF stored_ordinals IS NOT NULL THEN
                    refused_members := ARRAY(
                        SELECT DISTINCT m FROM unnest(coalesce(refused_members, '{}'::integer[])) AS m
                        UNION SELECT share_members[ev.share] FROM \(source.keys) WHERE ev.ord = ANY (stored_ordinals));
                END IF;\(fold)
                IF refused_members IS NULL THEN
                    INSERT INTO \(s.qualify("events")) (\(columns))
                    SELECT \(values(position: "base_position + ev.ord", chain: "chains[ev.ord::integer]"))
                    FROM \(source.rows);
                    written_count := proposed;
                ELSE
                    INSERT INTO \(s.qualify("events")) (\(columns))
                    SELECT \(values(
                        position: "base_position + row_number() OVER (ORDER BY ev.ord)",
                        chain: "chains[(row_number() OVER (ORDER BY ev.ord))::integer]"))
                    FROM \(source.rows)
                    WHERE NOT (share_members[ev.share] = ANY (refused_members));
                    GET DIAGNOSTICS written_count = ROW_COUNT;
                    UPDATE \(s.qualify("log_head")) SET position = base_position + written_count;
                END IF;
                IF written_count > 0 THEN
                    INSERT INTO \(s.qualify("streams")) AS st (name, category, version)
                    SELECT share_streams[o], share_categories[o], share_versions[o] + share_sizes[o]
                        FROM generate_subscripts(share_streams, 1) AS o
                        WHERE refused_members IS NULL OR NOT (share_members[o] = ANY (refused_members))
                    ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;\(newHeadHash)
                    PERFORM pg_notify(\(SQLIdentifier.literal(channel)), (base_position + written_count)::text);
                END IF;
            END
            $body$
            """
    }
}
