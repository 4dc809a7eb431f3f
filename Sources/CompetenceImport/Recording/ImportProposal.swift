import CompetenceCore
import Foundation

/// What one import would append, built without the ledger: the same events, ids, metadata, payload encoding
/// and grouping into streams that ``CSVImporter/run(_:file:)`` records, but not validated.
///
/// For generating large programmes quickly (benchmarks, tests): a generator that appends these must make
/// valid files, and is checked once against the validating path (the same history, event for event).
package struct ImportProposal: Sendable {
    /// The events, in file order.
    package let events: [any LedgerEvent]
    /// The appends, grouped by stream as the ledger groups them, each expecting the version in `versions`.
    package let appends: [StreamAppend]

    /// Builds the events of `data` (a file named `file`) imported as `kind` against `state`.
    ///
    /// - Parameters:
    ///   - versions: each stream's current version (absent: 0), which the appends expect.
    ///   - encoding: the payload encoding (the imports' ledger writes JSON).
    ///   - now: the ledger's clock: `occurredAt` of definitions without a day.
    ///   - options: the command's options that change what is recorded (as ``CSVImporter/run(_:file:options:)``
    ///     takes them): with the kind's parameters, part of the events' identity.
    package init(
        _ kind: some CSVImportKind, data: Data, file: String, state: LedgerState, recordedBy: String?,
        versions: [StreamName: Int64], encoding: PayloadEncoding = .json, now: Date,
        options: ImportParameters = ImportParameters()
    ) throws {
        let table = try CSVTable(data: data, file: file)
        try table.require(kind.requiredColumns)
        guard !table.rows.isEmpty else { throw ImportFileError.noRows(file: file) }
        // The parameters as `CSVImporter.run` takes them (a survey's depend on the table: its profile).
        var batch = ImportBatch(
            table: table, kind: kind.kind, parameters: try kind.parameters(for: table).merging(options),
            recordedBy: recordedBy)
        try kind.build(from: table, state: state, into: &batch) { _ in }
        let proposed = try batch.events.indices.map { index in
            try batch.events[index].proposed(
                id: batch.ids[index], encoding: encoding, metadata: batch.metadata[index], now: now)
        }
        events = batch.events
        appends = CompetenceLedger.appends(proposed, streams: batch.events.map(\.stream), expected: versions)
    }
}
