import CompetenceCore
import Foundation

/// `export --tables DIR`: every ``TidyTable`` of a state as `NAME.csv` and the `datapackage.json` describing
/// them, written into a ``TableDirectory`` (all or nothing: on an error the files written are removed).
package enum TablesExport {
    /// Writes the tables of `state` into `directory`; returns them.
    @discardableResult
    package static func write(
        _ state: LedgerState, keyring: SubjectKeyring = .empty, into directory: TableDirectory
    ) throws -> [TidyTable] {
        let tables = TidyTables.tables(of: state, keyring: keyring)
        do {
            for table in tables { try directory.write(table.name + ".csv", Data(TableCSV.render(table).utf8)) }
            try directory.write(
                "datapackage.json",
                DataPackage.json(for: tables, title: "Competence Ledger: tidy tables (pseudonymous, person-level)"))
        } catch {
            directory.discard()
            throw error
        }
        return tables
    }
}
