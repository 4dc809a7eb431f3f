import CompetenceCore

/// The one place where the ledger's refusal of an event becomes an error about a row and column of the file.
enum LedgerErrorMapping {
    /// The ``ImportRowError`` for `error`, found through the batch's sources.
    static func rowError(_ error: LedgerValidationError, in batch: ImportBatch) -> ImportRowError {
        let cell =
            batch.sources.indices.contains(error.eventIndex)
            ? batch.sources[error.eventIndex].cell(for: error.field)
            : CellReference(row: 0, column: error.field)
        return ImportRowError(
            file: batch.file, row: cell.row, column: cell.column, value: error.value, problem: .refused(error.reason))
    }
}
