/// The SQL text of every statement the store runs, for one schema. Only the validated schema identifier is
/// spliced in; every value is a parameter.
struct Statements: Sendable {
    /// The columns of an event row, in the order ``EventRowDecoder`` reads them.
    static let eventColumns = """
        e.position, e.id, e.stream, e.version, e.type, e.schema_version, e.occurred_at, e.recorded_at, \
        e.correlation_id, e.causation_id, e.recorded_by, e.origin_source, e.origin_row, e.origin_content_hash, \
        e.payload, e.payload_compact
        """

    let migrationLock: PGStatement
    let appliedMigrations: PGStatement
    let recordMigration: PGStatement
    let appendGroup: PGStatement
    let appendStaged: PGStatement
    let readStreamForwards: PGStatement
    let readStreamBackwards: PGStatement
    let currentVersion: PGStatement
    let readAll: PGStatement
    let readAllFiltered: PGStatement
    let head: PGStatement
    let checkHead: PGStatement
    let checkStreams: PGStatement
    let checkConstraints: PGStatement
    let readChain: PGStatement
    let headChain: PGStatement
    let chainAt: PGStatement

    init(schema s: SQLIdentifier) {
        let events = s.qualify("events")
        let columns = Self.eventColumns
        migrationLock = PGStatement(
            name: "competence_migration_lock",
            sql: "SELECT pg_advisory_xact_lock(hashtext($1)::bigint)", parameterTypes: [PGType.text])
        appliedMigrations = PGStatement(
            name: "competence_applied_migrations",
            sql: "SELECT version FROM \(s.qualify("schema_migrations")) ORDER BY version", parameterTypes: [])
        recordMigration = PGStatement(
            name: "competence_record_migration",
            sql: "INSERT INTO \(s.qualify("schema_migrations")) (version, name) VALUES ($1::bigint, $2)",
            parameterTypes: [PGType.int8, PGType.text])
        // The single-round-trip append with the history chain (`AppendFunctions`, migration 4): the share
        // arrays, then (for `append_chained`) the event arrays and the tails; one row of results.
        let shareTypes = [
            PGType.int4Array, PGType.textArray, PGType.textArray, PGType.int8Array, PGType.int8Array, PGType.int4Array,
        ]
        let eventTypes = [
            PGType.int4Array, PGType.int4Array, PGType.uuidArray, PGType.textArray, PGType.int4Array,
            PGType.timestamptzArray, PGType.timestamptzArray, PGType.uuidArray, PGType.uuidArray, PGType.textArray,
            PGType.textArray, PGType.int8Array, PGType.textArray, PGType.jsonbArray, PGType.byteaArray,
            PGType.byteaArray,
        ]
        func call(_ function: String, _ count: Int) -> String {
            "SELECT * FROM \(s.qualify(function))(\((1...count).map { "$\($0)" }.joined(separator: ", ")))"
        }
        appendGroup = PGStatement(
            name: "competence_append_chained", sql: call("append_chained", shareTypes.count + eventTypes.count),
            parameterTypes: shareTypes + eventTypes)
        appendStaged = PGStatement(
            name: "competence_append_chained_staged", sql: call("append_chained_staged", shareTypes.count),
            parameterTypes: shareTypes)
        readStreamForwards = PGStatement(
            name: "competence_read_stream_forwards",
            sql:
                "SELECT \(columns) FROM \(events) e WHERE e.stream = $1 AND e.version >= $2 "
                + "ORDER BY e.version LIMIT $3",
            parameterTypes: [PGType.text, PGType.int8, PGType.int8])
        readStreamBackwards = PGStatement(
            name: "competence_read_stream_backwards",
            sql:
                "SELECT \(columns) FROM \(events) e WHERE e.stream = $1 AND e.version <= $2 "
                + "ORDER BY e.version DESC LIMIT $3",
            parameterTypes: [PGType.text, PGType.int8, PGType.int8])
        currentVersion = PGStatement(
            name: "competence_current_version",
            sql: "SELECT version FROM \(s.qualify("streams")) WHERE name = $1", parameterTypes: [PGType.text])
        // The head and the page come from one statement, hence one snapshot: every position up to the head
        // has been looked at when the page is not full.
        let head = s.qualify("log_head")
        readAll = PGStatement(
            name: "competence_read_all",
            sql: """
                SELECT h.position AS head, \(columns) FROM \(head) h LEFT JOIN LATERAL (
                    SELECT * FROM \(events) WHERE position >= $1 ORDER BY position LIMIT $2) e ON true
                ORDER BY e.position
                """,
            parameterTypes: [PGType.int8, PGType.int8])
        readAllFiltered = PGStatement(
            name: "competence_read_all_filtered",
            sql: """
                SELECT h.position AS head, \(columns) FROM \(head) h LEFT JOIN LATERAL (
                    SELECT * FROM \(events) WHERE position >= $1
                        AND ($3::text[] IS NULL OR type = ANY($3))
                        AND ($4::text[] IS NULL OR category = ANY($4))
                    ORDER BY position LIMIT $2) e ON true
                ORDER BY e.position
                """,
            parameterTypes: [PGType.int8, PGType.int8, PGType.textArray, PGType.textArray])
        self.head = PGStatement(
            name: "competence_head", sql: "SELECT position FROM \(head)", parameterTypes: [])
        // Consistency checks (`verifyConsistency()`): the head against the events, the streams table against
        // the events' versions, and the constraints that carry the store's promises.
        checkHead = PGStatement(
            name: "competence_check_head",
            sql: """
                SELECT h.position, coalesce((SELECT max(position) FROM \(events)), 0)::bigint,
                    (SELECT count(*) FROM \(events))::bigint FROM \(head) h
                """,
            parameterTypes: [])
        checkStreams = PGStatement(
            name: "competence_check_streams",
            sql: """
                SELECT coalesce(st.name, m.stream), coalesce(st.version, 0)::bigint, coalesce(m.last, 0)::bigint,
                    coalesce(m.events, 0)::bigint
                FROM \(s.qualify("streams")) st
                FULL JOIN (SELECT stream, max(version) AS last, count(*) AS events FROM \(events) GROUP BY stream) m
                    ON m.stream = st.name
                WHERE st.version IS DISTINCT FROM m.last OR m.events IS DISTINCT FROM m.last
                ORDER BY 1 LIMIT $1
                """,
            parameterTypes: [PGType.int8])
        checkConstraints = PGStatement(
            name: "competence_check_constraints",
            sql: """
                SELECT wanted.name, (c.oid IS NOT NULL)::text, coalesce(c.convalidated, false)::text
                FROM unnest(ARRAY['events_pkey', 'events_id_key', 'events_stream_version_key', 'events_one_payload'])
                    AS wanted(name)
                LEFT JOIN pg_constraint c ON c.conname = wanted.name AND c.conrelid = $1::regclass
                """,
            parameterTypes: [PGType.text])
        // The stored history chain (`verify()`, `storedHistoryAnchor(at:)`): rows with their hash (column 16)
        // in position order, the head row's hash, one row's hash.
        readChain = PGStatement(
            name: "competence_read_chain",
            sql: "SELECT \(columns), e.chain FROM \(events) e WHERE e.position > $1 ORDER BY e.position LIMIT $2",
            parameterTypes: [PGType.int8, PGType.int8])
        headChain = PGStatement(name: "competence_head_chain", sql: "SELECT chain FROM \(head)", parameterTypes: [])
        chainAt = PGStatement(
            name: "competence_chain_at", sql: "SELECT chain FROM \(events) WHERE position = $1",
            parameterTypes: [PGType.int8])
    }
}
