import CompetenceCore
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import CompetenceImport

/// A temporary directory holding the programme's import files (``ProgrammeFiles``), an in-memory store, and
/// the importer over it: the in-process counterpart of `competence import … --store memory:`.
final class ImportWorkspace: Sendable {
    let directory: TemporaryDirectory
    let store: InMemoryEventStore
    let importer: CSVImporter
    /// Every progress call of the importer.
    let progress = ProgressLog()

    static let baseline = SurveyImport(round: "2024-baseline", roundKind: .baseline, mapping: nil)
    static let followUp = SurveyImport(round: "2024-follow-up", roundKind: .followUp, mapping: nil)

    init() throws {
        directory = try TemporaryDirectory("competence-import")
        try ProgrammeFiles.write(into: directory)
        let store = InMemoryEventStore()
        self.store = store
        let progress = self.progress
        importer = CSVImporter(store: store, recordedBy: "analyst") { file, done, total in
            progress.calls.withLock { $0.append((file, done, total)) }
        }
    }

    /// The full path of a file of the workspace.
    func path(_ name: String) -> String { directory.path(name) }

    /// Imports the file `name` as `kind`.
    @discardableResult
    func run(_ kind: some CSVImportKind, _ name: String) async throws -> CSVImporter.Outcome {
        try await importer.run(kind, file: path(name))
    }

    /// Organisations and competences: what every survey import needs first.
    func importReferenceData() async throws {
        try await run(OrganisationsImport(), "organisations.csv")
        try await run(CompetenceDefinitionsImport(), "competences.csv")
    }

    /// Every long-format file, in dependency order (20 events).
    func importAll() async throws {
        try await importReferenceData()
        try await run(Self.baseline, "baseline.csv")
        try await run(Self.followUp, "followup.csv")
        try await run(TrainingsImport(), "trainings.csv")
        try await run(ParticipationImport(), "participation.csv")
    }

    /// The store's log.
    func recorded() async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        for try await event in store.events() { events.append(event) }
        return events
    }

    /// The store's log, decoded.
    func typed() async throws -> [CompetenceEvent] {
        try await recorded().map { try #require(try $0.decoded()) }
    }

    /// Writes `text` as `name` (when given), imports it as `kind`, and expects a refusal of type `Failure`
    /// that leaves the store exactly as it was. Returns the error.
    func refusal<Failure: Error>(
        _ type: Failure.Type, _ kind: some CSVImportKind, _ name: String, _ text: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Failure {
        if let text { try directory.write(name, text) }
        let before = try await store.headPosition()
        let error = try await #require(throws: Failure.self, sourceLocation: sourceLocation) {
            try await self.run(kind, name)
        }
        let after = try await store.headPosition()
        #expect(after == before, "a refused file appended \(after - before) events", sourceLocation: sourceLocation)
        return error
    }

    /// A refusal of one cell: checks its file, row, column, value and message.
    func rowRefusal(
        _ kind: some CSVImportKind, _ name: String, _ text: String? = nil, row: Int, column: String, value: String,
        saying message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let error = try await refusal(ImportRowError.self, kind, name, text, sourceLocation: sourceLocation)
        #expect(error.file == path(name), sourceLocation: sourceLocation)
        #expect(error.row == row, sourceLocation: sourceLocation)
        #expect(error.column == column, sourceLocation: sourceLocation)
        #expect(error.value == value, sourceLocation: sourceLocation)
        #expect(
            error.description.hasPrefix("\(path(name)), row \(row), column '\(column)': "),
            "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.contains(message), "\(error)", sourceLocation: sourceLocation)
        #expect(
            error.description.hasSuffix("; nothing of the file was imported"), "\(error)",
            sourceLocation: sourceLocation)
    }
}

/// The progress calls an importer made: file name, rows done, rows in all.
final class ProgressLog: Sendable {
    let calls = Mutex<[(file: String, done: Int, total: Int)]>([])

    /// The calls so far.
    var all: [(file: String, done: Int, total: Int)] { calls.withLock { $0 } }
}
