import CompetenceCore

/// One kind of CSV import: which columns it needs and how its rows become ledger events.
package protocol CSVImportKind: Sendable {
    /// The kind's name, as on the command line (`organisations`, `survey`, …); part of every event id.
    var kind: String { get }
    /// Header columns the file must have.
    var requiredColumns: [String] { get }
    /// Adds the events of `table` to `batch`, reading what the ledger already holds from `state`; calls
    /// `progress` with the number of rows done.
    func build(from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void) throws
}
