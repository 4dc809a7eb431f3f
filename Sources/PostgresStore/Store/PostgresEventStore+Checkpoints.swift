import CompetenceCore
import Foundation

/// Checkpoints live in the store's schema, in `checkpoints (name, part, bytes)`: a checkpoint is split into
/// parts of at most 64 MiB (a `bytea` holds at most 1 GiB) and saved in one transaction that first deletes the
/// old parts, so a reader sees the old checkpoint or the new one, whole. The table is created on the first
/// save, outside the versioned event schema (`Migrations`): it holds only caches, which may be dropped at any
/// time; a store without it (or a read-only standby) loads nothing.
extension PostgresEventStore: CheckpointStore {
    /// The most bytes of one part.
    static let checkpointPartSize = 64 << 20

    public func loadCheckpoint(named name: String) async throws -> Data? {
        try CheckpointName.check(name)
        try await ready()
        let statements = CheckpointStatements(schema: schema)
        return try await pool.run { connection -> Data? in
            let exists = try connection.execute(statements.tableExists, [])
            guard !exists.isNull(0, 0) else { return nil }
            // One snapshot of the table for every part, so that a save in between cannot mix two checkpoints.
            _ = try connection.execute(unprepared: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? connection.execute(unprepared: "COMMIT") }
            let parts = Int(try connection.execute(statements.partCount, [.text(name)]).int64(0, 0))
            guard parts > 0 else { return nil }
            var blob = Data()
            for part in 0..<parts {
                // One part per statement, so that no more than one part is held twice.
                let result = try connection.execute(statements.loadPart, [.text(name), .int64(Int64(part))])
                guard result.rowCount == 1 else { return nil }
                blob.append(result.data(0, 0))
            }
            return blob
        }
    }

    public func saveCheckpoint(_ blob: Data, named name: String) async throws {
        try await saveCheckpoint(blob, named: name, partSize: Self.checkpointPartSize)
    }

    /// Saves in parts of at most `size` bytes.
    func saveCheckpoint(_ blob: Data, named name: String, partSize size: Int) async throws {
        try CheckpointName.check(name)
        try await ready()
        let statements = CheckpointStatements(schema: schema)
        try await pool.run { connection in
            let exists = try connection.execute(statements.tableExists, [])
            if exists.isNull(0, 0) { _ = try connection.execute(unprepared: statements.createTable) }
            _ = try connection.execute(unprepared: "BEGIN")
            do {
                _ = try connection.execute(statements.delete, [.text(name)])
                var part = 0
                var offset = blob.startIndex
                repeat {
                    let end = blob.index(offset, offsetBy: size, limitedBy: blob.endIndex) ?? blob.endIndex
                    let bytes = PGParameter(type: PGType.bytea, bytes: [UInt8](blob[offset..<end]))
                    _ = try connection.execute(statements.insertPart, [.text(name), .int64(Int64(part)), bytes])
                    part += 1
                    offset = end
                } while offset < blob.endIndex
                _ = try connection.execute(unprepared: "COMMIT")
            } catch {
                _ = try? connection.execute(unprepared: "ROLLBACK")
                throw error
            }
        }
    }

    public func removeCheckpoint(named name: String) async throws {
        try CheckpointName.check(name)
        try await ready()
        let statements = CheckpointStatements(schema: schema)
        try await pool.run { connection in
            let exists = try connection.execute(statements.tableExists, [])
            guard !exists.isNull(0, 0) else { return }
            _ = try connection.execute(statements.delete, [.text(name)])
        }
    }
}

/// The statements of the checkpoint table, for one schema.
private struct CheckpointStatements {
    let createTable: String
    let tableExists: PGStatement
    let partCount: PGStatement
    let loadPart: PGStatement
    let delete: PGStatement
    let insertPart: PGStatement

    init(schema: SQLIdentifier) {
        let table = schema.qualify("checkpoints")
        createTable = """
            CREATE TABLE IF NOT EXISTS \(table) (
                name text NOT NULL,
                part integer NOT NULL,
                bytes bytea NOT NULL,
                saved_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (name, part))
            """
        let quotedTable = table.replacingOccurrences(of: "'", with: "''")
        tableExists = PGStatement(
            name: "checkpoint_table_exists", sql: "SELECT to_regclass('\(quotedTable)')::oid::int8", parameterTypes: [])
        partCount = PGStatement(
            name: "checkpoint_part_count", sql: "SELECT count(*)::int8 FROM \(table) WHERE name = $1",
            parameterTypes: [PGType.text])
        loadPart = PGStatement(
            name: "checkpoint_load_part", sql: "SELECT bytes FROM \(table) WHERE name = $1 AND part = $2",
            parameterTypes: [PGType.text, PGType.int8])
        delete = PGStatement(
            name: "checkpoint_delete", sql: "DELETE FROM \(table) WHERE name = $1", parameterTypes: [PGType.text])
        insertPart = PGStatement(
            name: "checkpoint_insert_part", sql: "INSERT INTO \(table) (name, part, bytes) VALUES ($1, $2, $3)",
            parameterTypes: [PGType.text, PGType.int8, PGType.bytea])
    }
}
