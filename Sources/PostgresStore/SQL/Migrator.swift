/// Applies ``Migrations`` on one connection, all pending steps in one transaction.
struct Migrator: Sendable {
    let migrations: Migrations
    let statements: Statements

    /// Brings the schema up to date and returns the versions applied now (empty when it already was).
    /// On the connection's queue only.
    func run(on connection: PGConnection) throws(PostgresError) -> [Int] {
        if connection.isHotStandby { return try check(on: connection) }
        _ = try connection.execute(unprepared: "BEGIN")
        do throws(PostgresError) {
            _ = try connection.execute(statements.migrationLock, [.text("competence-ledger:\(migrations.schema.name)")])
            for statement in migrations.bootstrap { _ = try connection.execute(unprepared: statement) }
            let result = try connection.execute(statements.appliedMigrations, [])
            var applied = Set<Int64>()
            for row in 0..<result.rowCount { applied.insert(try result.int64(row, 0)) }
            var now: [Int] = []
            for migration in migrations.all where !applied.contains(Int64(migration.version)) {
                do throws(PostgresError) {
                    for statement in migration.statements { _ = try connection.execute(unprepared: statement) }
                    try migration.work?(connection)
                    for statement in migration.finishing { _ = try connection.execute(unprepared: statement) }
                } catch {
                    throw error.with(context: "migration \(migration.version) (\(migration.name))")
                }
                _ = try connection.execute(
                    statements.recordMigration, [.int64(Int64(migration.version)), .text(migration.name)])
                now.append(migration.version)
            }
            _ = try connection.execute(unprepared: "COMMIT")
            return now
        } catch {
            _ = try? connection.execute(unprepared: "ROLLBACK")
            throw error
        }
    }

    /// On a hot standby nothing can be written: checks that the primary has applied every migration (the
    /// standby replays them) and applies none.
    private func check(on connection: PGConnection) throws(PostgresError) -> [Int] {
        let applied: Set<Int64>
        do throws(PostgresError) {
            let result = try connection.execute(statements.appliedMigrations, [])
            var versions = Set<Int64>()
            for row in 0..<result.rowCount { versions.insert(try result.int64(row, 0)) }
            applied = versions
        } catch {
            throw error.with(context: "reading the migrations of schema \(migrations.schema.name) on a hot standby")
        }
        let missing = migrations.all.map(\.version).filter { !applied.contains(Int64($0)) }
        guard missing.isEmpty else {
            throw PostgresError(
                kind: .invalidConfiguration,
                message:
                    "schema \(migrations.schema.name) on this hot standby lacks migrations \(missing): apply them on "
                    + "the primary (migrate()), then read from the standby once it has replayed them")
        }
        return []
    }
}
