import CompetenceCore
import Foundation

/// The keys of a PostgreSQL store's data subjects: the table `subject_keys` of the store's schema, apart from
/// the log's tables (`Docs/Personal-Data.md`).
///
/// The table is created on the key store's first use, inside a transaction holding an advisory lock, with
/// `REVOKE ALL … FROM PUBLIC`: only its owner (the store's role) and roles granted it explicitly can read it,
/// so read access to the events can be granted without access to the keys. A row holds a subject's 32-byte
/// key, or — once erased — no key and the time of the erasure (a tombstone: no key is made for it again).
///
/// Destroying a key sets it to NULL, waits (up to 30 s) until no session holds a snapshot from before that
/// (PostgreSQL keeps the old row version for such snapshots), then runs `VACUUM FULL` on the table, which
/// writes the live rows into new files and removes the old ones, so the key's bytes are left in no relation
/// file of the database (the write-ahead log keeps them until its segments are recycled; see the erasure page
/// for backups).
public final class PostgresSubjectKeyStore: SubjectKeyStore {
    private let pool: ConnectionPool
    private let schema: SQLIdentifier
    private var table: String { schema.qualify("subject_keys") }

    init(pool: ConnectionPool, schema: SQLIdentifier) {
        self.pool = pool
        self.schema = schema
    }

    public func keys(for subjects: Set<DataSubject>) async throws -> [DataSubject: SubjectKey] {
        let fresh = subjects.map { ($0, SubjectKey.random()) }
        let rows = try await transaction { [table] connection in
            _ = try connection.execute(
                PGStatement(
                    name: "competence_subject_keys_insert",
                    sql: """
                        INSERT INTO \(table) (subject, key)
                        SELECT s, decode(k, 'base64') FROM unnest($1::text[], $2::text[]) AS fresh(s, k)
                        ON CONFLICT (subject) DO NOTHING
                        """, parameterTypes: [PGType.textArray, PGType.textArray]),
                [
                    .textArray(fresh.map(\.0.description)),
                    .textArray(fresh.map { $0.1.bytes.base64EncodedString() }),
                ])
            return try Self.rows(
                connection.execute(
                    self.select(where: "WHERE subject = ANY($1)"), [.textArray(subjects.map(\.description))]))
        }
        var found: [DataSubject: SubjectKey] = [:]
        for row in rows.sorted(by: { $0.subject < $1.subject }) {
            if let time = row.erasedAt { throw PersonalDataError.subjectErased(row.subject, at: time) }
            found[row.subject] = row.key
        }
        return found
    }

    public func keyring() async throws -> SubjectKeyring {
        let rows = try await transaction { connection in try Self.rows(connection.execute(self.select(where: ""), [])) }
        var keys: [DataSubject: SubjectKey] = [:]
        var erased: [DataSubject: Date] = [:]
        for row in rows {
            if let time = row.erasedAt { erased[row.subject] = time } else { keys[row.subject] = row.key }
        }
        return SubjectKeyring(keys: keys, erased: erased)
    }

    public func destroyKey(of subject: DataSubject, at time: Date) async throws -> KeyDestruction {
        let micros = EventTime.microseconds(time)
        let outcome = try await transaction { [table] connection in
            let existing = try Self.rows(
                connection.execute(self.select(where: "WHERE subject = $1 FOR UPDATE"), [.text(subject.description)]))
            if let earlier = existing.first?.erasedAt { return (KeyDestruction.alreadyErased(at: earlier), Int64(0)) }
            _ = try connection.execute(
                PGStatement(
                    name: "competence_subject_keys_destroy",
                    sql: """
                        INSERT INTO \(table) (subject, key, erased_at)
                        VALUES ($1, NULL, to_timestamp($2::bigint / 1000000.0))
                        ON CONFLICT (subject) DO UPDATE SET key = NULL, erased_at = excluded.erased_at
                        """, parameterTypes: [PGType.text, PGType.int8]),
                [.text(subject.description), .int64(micros)])
            let xid = try connection.execute(unprepared: "SELECT (txid_current() % 4294967296)::int8")
            return (existing.isEmpty ? .noKeyHeld : .destroyed, try xid.int64(0, 0))
        }
        if case .alreadyErased = outcome.0 { return outcome.0 }
        try await removeOldRowVersions(after: outcome.1)
        return outcome.0
    }

    /// Waits (up to ``horizonWait``) until no session holds a snapshot older than the erasing transaction
    /// `xid` — until then PostgreSQL must keep the old row version with the key — then runs `VACUUM FULL`,
    /// which writes the live rows into new files and removes the old ones.
    private func removeOldRowVersions(after xid: Int64) async throws {
        let deadline = ContinuousClock.now + Self.horizonWait
        while ContinuousClock.now < deadline {
            let older = try await pool.run { connection in
                try connection.execute(
                    unprepared: """
                        SELECT count(*)::int8 FROM pg_stat_activity
                        WHERE pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
                          AND age(backend_xmin) >= age('\(xid)'::text::xid)
                        """
                ).int64(0, 0)
            }
            if older == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await pool.run { [table] connection in _ = try connection.execute(unprepared: "VACUUM FULL \(table)") }
    }

    /// How long a key's destruction waits for older snapshots to end before rewriting the table.
    static let horizonWait = Duration.seconds(30)

    // MARK: SQL

    private struct Row: Sendable {
        var subject: DataSubject
        var key: SubjectKey?
        var erasedAt: Date?
    }

    private func select(where condition: String) -> PGStatement {
        PGStatement(
            name:
                "competence_subject_keys_select_\(condition.isEmpty ? "all" : condition.contains("ANY") ? "any" : "one")",
            sql: """
                SELECT subject, key, (extract(epoch FROM erased_at) * 1000000)::bigint
                FROM \(table) \(condition)
                """,
            parameterTypes: condition.isEmpty ? [] : condition.contains("ANY") ? [PGType.textArray] : [PGType.text])
    }

    private static func rows(_ result: PGResult) throws -> [Row] {
        try (0..<result.rowCount).map { row in
            let text = result.string(row, 0)
            guard let subject = DataSubject(text) else {
                throw PersonalDataError.keyStorage(place: "subject_keys", reason: "'\(text)' is not a data subject")
            }
            let key = result.isNull(row, 1) ? nil : SubjectKey(bytes: Data(result.bytes(row, 1)))
            let erasedAt = result.isNull(row, 2) ? nil : EventTime.date(microseconds: try result.int64(row, 2))
            guard (key == nil) == (erasedAt != nil) else {
                throw PersonalDataError.keyStorage(
                    place: "subject_keys", reason: "the row of \(subject) has neither a 32-byte key nor a tombstone")
            }
            return Row(subject: subject, key: key, erasedAt: erasedAt)
        }
    }

    /// Runs `body` in a transaction, after making sure the table exists (created with private permissions).
    private func transaction<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let schema = schema
        let table = table
        return try await pool.run { connection in
            _ = try connection.execute(unprepared: "BEGIN")
            do {
                _ = try connection.execute(
                    unprepared: "SELECT pg_advisory_xact_lock(hashtext('\(schema.name).subject_keys')::bigint)")
                let exists = try connection.execute(
                    unprepared: "SELECT count(*)::int8 FROM (SELECT to_regclass('\(table)') AS t) r WHERE t IS NOT NULL"
                )
                if try exists.int64(0, 0) == 0 {
                    for statement in [
                        "CREATE SCHEMA IF NOT EXISTS \(schema.quoted)",
                        """
                        CREATE TABLE IF NOT EXISTS \(table) (
                            subject text PRIMARY KEY,
                            key bytea CHECK (octet_length(key) = 32),
                            erased_at timestamptz,
                            CHECK ((key IS NULL) = (erased_at IS NOT NULL)))
                        """,
                        "REVOKE ALL ON TABLE \(table) FROM PUBLIC",
                    ] {
                        _ = try connection.execute(unprepared: statement)
                    }
                }
                let value = try body(connection)
                _ = try connection.execute(unprepared: "COMMIT")
                return value
            } catch {
                _ = try? connection.execute(unprepared: "ROLLBACK")
                throw error
            }
        }
    }
}
