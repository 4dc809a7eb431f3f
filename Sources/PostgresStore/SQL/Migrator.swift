/// Applies ``Migrations`` on one connection, all pending steps in one transaction.
struct Migrator: Sendable {
    let migrations: Migrations
    let statements: Statements

    /// Brings the schema up to date and returns the versions applied now (empty when it already was).
    /// On the connection's queue only.
    func run(on connection: PGConnection) throws(PostgresError) -> [Int] {
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
}
