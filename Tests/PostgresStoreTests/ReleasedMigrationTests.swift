import Crypto
import Foundation
import Testing

@testable import PostgresStore

@Suite("Released migrations stay as they were")
struct ReleasedMigrationTests {
    /// SHA-256 of the statements of migrations 1–3 for schema `competence` (each statement followed by a NUL),
    /// as released: a database that applied them must see the same schema a new one gets.
    static let released = "306f61bc8182b6f475084cbefa1319adaea5cd0786149fee1b2f6b78fcd5560a"

    @Test func migrationsOneToThreeAreByteForByteAsReleased() {
        let migrations = Migrations(schema: try! SQLIdentifier("competence"))
        var hasher = SHA256()
        for migration in migrations.all where migration.version <= 3 {
            for statement in migration.statements {
                hasher.update(data: Data(statement.utf8))
                hasher.update(data: [0])
            }
        }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(hex == Self.released)
    }
}
