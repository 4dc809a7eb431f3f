import CompetenceCore
import Foundation

/// Runs one CSV import: reads the file, builds every event of it, and records them all in ONE call to the
/// ledger, so the file lands whole or not at all. A refusal is reported as the file's row and column.
struct CSVImporter: Sendable {
    /// The store written to.
    let opener: StoreOpener
    /// Who records, for the events' metadata.
    let recordedBy: String?

    /// What an import did.
    struct Outcome: Sendable {
        var file: String
        var rows: Int
        var events: Int
        var alreadyImported: Bool
        var lastPosition: Int64
    }

    /// Imports `file` as `kind`.
    func run(_ kind: some CSVImportKind, file: String) async throws -> Outcome {
        let table = try CSVTable(path: file)
        try table.require(kind.requiredColumns)
        guard !table.rows.isEmpty else { throw ImportFileError.noRows(file: file) }
        let store = try opener.open(for: .write)
        let ledger = CompetenceLedger(store: store, recordedBy: recordedBy)
        let state = try await ledger.state()
        var batch = ImportBatch(table: table, kind: kind.kind, recordedBy: recordedBy)
        let bar = ProgressBar(label: table.fileName, total: table.rows.count)
        try kind.build(from: table, state: state, into: &batch, progress: bar.update)
        bar.finish()
        let receipt: RecordingReceipt
        do {
            receipt = try await ledger.record(batch.events, ids: batch.ids, metadata: batch.metadata)
        } catch let error as LedgerValidationError {
            throw LedgerErrorMapping.rowError(error, in: batch)
        }
        return Outcome(
            file: file, rows: table.rows.count, events: batch.count, alreadyImported: receipt.alreadyRecorded,
            lastPosition: receipt.lastPosition)
    }
}
