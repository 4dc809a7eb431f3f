import CompetenceCore

/// One kind of CSV import: which columns it needs and how its rows become ledger events.
package protocol CSVImportKind: Sendable {
    /// The kind's name, as on the command line (`organisations`, `survey`, …); part of every event id.
    var kind: String { get }
    /// Header columns the file must have.
    var requiredColumns: [String] { get }
    /// The options of this kind that change what it records (part of every event id, with the file's content
    /// and the kind; see ``ImportParameters``). None by default.
    var parameters: ImportParameters { get }
    /// The parameters of an import of `table`, for kinds whose reading depends on the file (a survey tool's
    /// profile recognised by the header). ``parameters`` by default.
    func parameters(for table: CSVTable) throws -> ImportParameters
    /// Whether an earlier version of the tool, whose ids did not include ``parameters``, imported `table`
    /// with these same parameters already (`legacy` gives the ids it used). False by default: a kind without
    /// parameters has the same ids as before.
    func wasImportedBefore(_ table: CSVTable, state: LedgerState, legacy: EventIdentity) throws -> Bool
    /// Adds the events of `table` to `batch`, reading what the ledger already holds from `state`; calls
    /// `progress` with the number of rows done.
    func build(from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void) throws
}

extension CSVImportKind {
    package var parameters: ImportParameters { ImportParameters() }

    package func parameters(for table: CSVTable) throws -> ImportParameters { parameters }

    package func wasImportedBefore(_ table: CSVTable, state: LedgerState, legacy: EventIdentity) throws -> Bool {
        false
    }
}
