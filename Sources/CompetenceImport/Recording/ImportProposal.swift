import CompetenceCore
import Dispatch
import Foundation
import Synchronization

/// What one import would append, built without the ledger: the same events, ids, metadata, payload encoding
/// and grouping into streams that ``CSVImporter/run(_:file:)`` records, but not validated.
///
/// For generating large programmes quickly (benchmarks, tests): a generator that appends these must make
/// valid files, and is checked once against the validating path (the same history, event for event).
package struct ImportProposal: Sendable {
    /// The events, in file order.
    package let events: [any LedgerEvent]
    /// The events as they would be appended (encoded), in file order.
    package let proposed: [NewEvent]
    /// The appends, grouped by stream as the ledger groups them, each expecting the version in `versions`.
    package var appends: [StreamAppend] { appends(expecting: versions) }
    private let versions: [StreamName: Int64]

    /// Builds the events of `data` (a file named `file`) imported as `kind` against `state`.
    ///
    /// - Parameters:
    ///   - versions: each stream's current version (absent: 0), which ``appends`` expect.
    ///   - encoding: the payload encoding (the imports' ledger writes JSON).
    ///   - now: the ledger's clock: `occurredAt` of definitions without a day.
    ///   - options: the command's options that change what is recorded (as ``CSVImporter/run(_:file:options:)``
    ///     takes them): with the kind's parameters, part of the events' identity.
    package init(
        _ kind: some CSVImportKind, data: Data, file: String, state: LedgerState, recordedBy: String?,
        versions: [StreamName: Int64] = [:], encoding: PayloadEncoding = .json, now: Date,
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
        events = batch.events
        proposed = try Self.encode(batch, encoding: encoding, now: now)
        self.versions = versions
    }

    /// The appends, grouped by stream as the ledger groups them, each expecting the version in `versions`
    /// (absent: 0): for a caller that learns the versions only after building (while the file before is
    /// still being appended).
    package func appends(expecting versions: [StreamName: Int64]) -> [StreamAppend] {
        CompetenceLedger.appends(proposed, streams: events.map(\.stream), expected: versions)
    }

    /// Encodes the batch's events, in slices on every core (each event's encoding depends on that event
    /// alone, so the result is the same as one by one).
    private static func encode(_ batch: ImportBatch, encoding: PayloadEncoding, now: Date) throws -> [NewEvent] {
        let count = batch.events.count
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, count / 16))
        let results = Mutex([Result<[NewEvent], any Error>?](repeating: nil, count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (count * slice / slices)..<(count * (slice + 1) / slices)
            let result = Result(catching: {
                try range.map { index in
                    try batch.events[index].proposed(
                        id: batch.ids[index], encoding: encoding, metadata: batch.metadata[index], now: now)
                }
            })
            results.withLock { $0[slice] = result }
        }
        var proposed: [NewEvent] = []
        proposed.reserveCapacity(count)
        for result in results.withLock({ $0 }) { proposed += try result!.get() }
        return proposed
    }
}
