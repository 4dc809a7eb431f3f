import CompetenceCore
import Foundation

/// Runs one CSV import: reads the file, builds every event of it, and records them all in ONE call to the
/// ledger, so the file lands whole or not at all. A refusal is reported as the file's row and column.
package struct CSVImporter: Sendable {
    /// The store written to.
    package let store: any EventStore
    /// Who records, for the events' metadata.
    package let recordedBy: String?
    /// Told how far the building of events has got: the file's name, rows done, rows in all.
    package let progress: @Sendable (_ file: String, _ done: Int, _ total: Int) -> Void
    /// The ledger's `checkpointGrowth`: how much the history must have grown since the last snapshot for the
    /// import to save a new one.
    package let checkpointGrowth: Double

    /// An importer into `store`.
    package init(
        store: any EventStore, recordedBy: String?,
        checkpointGrowth: Double = CompetenceLedger.defaultCheckpointGrowth,
        progress: @escaping @Sendable (_ file: String, _ done: Int, _ total: Int) -> Void = { _, _, _ in }
    ) {
        self.store = store
        self.recordedBy = recordedBy
        self.checkpointGrowth = checkpointGrowth
        self.progress = progress
    }

    /// What an import did.
    package struct Outcome: Sendable {
        /// The file, as given.
        package var file: String
        /// Its data rows.
        package var rows: Int
        /// The events it records.
        package var events: Int
        /// True when the same file was imported before: nothing was added.
        package var alreadyImported: Bool
        /// The store's last position after the import.
        package var lastPosition: Int64
        /// Survey answers recorded as corrections of an earlier answer they supersede (see ``DuplicatePolicy``).
        package var superseded = 0
        /// Survey answers not recorded because the same answer counts already.
        package var repeated = 0
        /// Survey answers not recorded because a later answer is recorded already.
        package var outdated = 0

        /// One line for people: what was recorded where, or that nothing was added; and what became of duplicate
        /// survey answers, when there were any.
        package func summary(storeName: String) -> String {
            if alreadyImported { return "\(file): already imported (same content); nothing added" }
            var line =
                "\(file): \(rows) rows → \(events) events recorded in \(storeName) (last position \(lastPosition))"
            func answers(_ count: Int) -> String { count == 1 ? "1 answer" : "\(count) answers" }
            if superseded > 0 {
                line += "; \(answers(superseded)) superseded an earlier answer (recorded as corrections)"
            }
            if repeated > 0 { line += "; \(answers(repeated)) already recorded, not recorded again" }
            if outdated > 0 { line += "; \(answers(outdated)) older than the answer recorded, not recorded" }
            return line
        }
    }

    /// Imports `file` — CSV, or a workbook's first sheet or the one `sheet` names — as `kind`: the file lands
    /// whole, or nothing of it does.
    ///
    /// The import's identity is the file's content, the kind, the kind's ``CSVImportKind/parameters(for:)``, the
    /// sheet of a workbook and `options` (the options every kind takes that change what is recorded): the same
    /// file with the same identity again adds nothing (`alreadyImported`); anything else records.
    package func run(
        _ kind: some CSVImportKind, file: String, sheet: String? = nil, options: ImportParameters = ImportParameters()
    ) async throws -> Outcome {
        // The validation state is checkpointed in the store when it can keep checkpoints: the next import starts
        // from the last snapshot an import left (once per `checkpointGrowth` of the history) instead of replaying
        // the whole history.
        let ledger = CompetenceLedger(
            store: store, recordedBy: recordedBy, checkpoints: store as? any CheckpointStore,
            checkpointGrowth: checkpointGrowth)
        // The file's rows and the state are read in `prepare` and released before recording: the batch holds
        // what recording needs, and a state held across `record` would have every structure the recorder then
        // changes copied whole beside it.
        var (batch, outcome) = try await prepare(kind, file: file, sheet: sheet, options: options, ledger: ledger)
        guard let batch, batch.count > 0 else { return outcome }
        let receipt: RecordingReceipt
        do {
            receipt = try await ledger.record(batch.events, ids: batch.ids, metadata: batch.metadata)
        } catch let error as LedgerValidationError {
            throw LedgerErrorMapping.rowError(error, in: batch)
        }
        outcome.alreadyImported = receipt.alreadyRecorded
        outcome.lastPosition = receipt.lastPosition
        return outcome
    }

    /// The batch the file records and the outcome before recording it; no batch when the same file was imported
    /// with the same identity before.
    private func prepare(
        _ kind: some CSVImportKind, file: String, sheet: String?, options: ImportParameters, ledger: CompetenceLedger
    ) async throws -> (ImportBatch?, Outcome) {
        // The ledger's state — a snapshot restored and the log after it caught up, seconds at millions of events —
        // is read while the file is parsed, on the other core. (A file refused here is reported once that read
        // has ended too: it only reads.)
        async let caughtUp = ledger.state()
        let table = try CSVTable(path: file, sheet: sheet)
        try table.require(kind.requiredColumns)
        guard !table.rows.isEmpty else { throw ImportFileError.noRows(file: file) }
        let state = try await caughtUp
        var parameters = try kind.parameters(for: table)
        if let sheet = table.sheet { parameters.set("sheet", sheet) }
        parameters = parameters.merging(options)
        var batch = ImportBatch(table: table, kind: kind.kind, parameters: parameters, recordedBy: recordedBy)
        if !parameters.isEmpty,
            try kind.wasImportedBefore(table, state: state, legacy: batch.identity.legacy)
        {
            let outcome = Outcome(
                file: file, rows: table.rows.count, events: 0, alreadyImported: true, lastPosition: state.lastPosition)
            return (nil, outcome)
        }
        let total = table.rows.count
        let name = table.fileName
        try kind.build(from: table, state: state, into: &batch) { progress(name, $0, total) }
        let outcome = Outcome(
            file: file, rows: table.rows.count, events: batch.count, alreadyImported: false,
            lastPosition: state.lastPosition, superseded: batch.superseded, repeated: batch.repeated,
            outdated: batch.outdated)
        return (batch, outcome)
    }
}
