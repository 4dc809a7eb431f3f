import CompetenceCore
import Foundation

/// A cell of the import file: the data row and the column a value came from.
struct CellReference: Hashable, Sendable {
    var row: Int
    var column: String
}

/// Where one event of a batch came from: its row, and for each of its fields (Swift property names, such as
/// `current` or `organisations[1]`) the cell that gave the value.
struct EventSource: Sendable {
    /// The data row the event records (for events built from many rows, the first of them).
    var row: Int
    /// Field → cell.
    var cells: [String: CellReference]

    /// The cell of a field the ledger named: the exact field, else its base name (`organisations` for
    /// `organisations[1]`, `scale` for `scale.minimum`), else the row with the field's name.
    func cell(for field: String) -> CellReference {
        if let cell = cells[field] { return cell }
        let base = String(field.prefix { $0 != "[" && $0 != "." })
        if let cell = cells[base] { return cell }
        return CellReference(row: row, column: field)
    }
}

/// Everything one import records, in one call: the events with their deterministic ids, their provenance
/// metadata, and where in the file each came from (so a refusal of the ledger names the row and column).
package struct ImportBatch: Sendable {
    /// The file, as given on the command line.
    let file: String
    /// Derives the ids.
    let identity: EventIdentity
    /// The file name and hash recorded as origin.
    let fileName: String
    /// Who records (e.g. the login name), when known.
    let recordedBy: String?

    private(set) var events: [any LedgerEvent] = []
    private(set) var ids: [UUID] = []
    private(set) var metadata: [EventMetadata] = []
    private(set) var sources: [EventSource] = []

    /// Creates an empty batch for `table`, imported as `kind` with `parameters`.
    init(table: CSVTable, kind: String, parameters: ImportParameters = ImportParameters(), recordedBy: String?) {
        file = table.file
        fileName = table.fileName
        identity = EventIdentity(contentHash: table.contentHash, kind: kind, parameters: parameters)
        self.recordedBy = recordedBy
    }

    /// Adds an event recorded from data row `row`; `item` tells apart several events of one row;
    /// `cells` maps the event's fields to the columns (of `row` unless a reference says otherwise).
    mutating func add(
        _ event: some LedgerEvent, row: Int, item: String, columns: [String: String],
        cells: [String: CellReference] = [:]
    ) {
        events.append(event)
        ids.append(identity.id(row: row, item: item))
        metadata.append(
            EventMetadata(
                correlationID: identity.correlationID, recordedBy: recordedBy,
                origin: EventOrigin(source: fileName, row: row, contentHash: identity.contentHash)))
        var references = cells
        for (field, column) in columns where references[field] == nil {
            references[field] = CellReference(row: row, column: column)
        }
        sources.append(EventSource(row: row, cells: references))
    }

    /// The number of events.
    var count: Int { events.count }

    /// Answers recorded as corrections of an earlier answer they supersede.
    private(set) var superseded = 0
    /// Answers not recorded because the same answer counts already (a repeated submission).
    private(set) var repeated = 0
    /// Answers not recorded because a later answer is recorded already.
    private(set) var outdated = 0

    /// Notes what a survey import did with duplicate submissions (see ``DuplicatePolicy``).
    mutating func note(superseded: Int, repeated: Int, outdated: Int) {
        self.superseded += superseded
        self.repeated += repeated
        self.outdated += outdated
    }
}
