import CompetenceCore
import CompetenceHistory
import CompetenceImport
import CompetenceOutput
import FileStore
import Foundation
import TestSupport
import Testing

/// A temporary directory with the analysts' import files and a file store holding the programme, and the
/// checks every adversarial case ends with: nothing appended, nothing changed.
final class Workspace {
    let directory: TemporaryDirectory
    /// The file store's directory.
    let storePath: String

    init(imported: Bool = true) async throws {
        directory = try TemporaryDirectory("competence-adversarial")
        storePath = directory.path("ledger.store")
        try ProgrammeFiles.write(into: directory)
        if imported {
            let store = try FileEventStore(directory: storePath)
            try await Self.importProgramme(into: store, from: directory)
        }
    }

    /// Imports every kind of the programme files into `store`.
    static func importProgramme(into store: any EventStore, from directory: TemporaryDirectory) async throws {
        let importer = CSVImporter(store: store, recordedBy: "analyst")
        _ = try await importer.run(OrganisationsImport(), file: directory.path("organisations.csv"))
        _ = try await importer.run(CompetenceDefinitionsImport(), file: directory.path("competences.csv"))
        _ = try await importer.run(
            SurveyImport(round: "2024-baseline", roundKind: .baseline, mapping: nil),
            file: directory.path("baseline.csv"))
        _ = try await importer.run(
            SurveyImport(round: "2024-follow-up", roundKind: .followUp, mapping: nil),
            file: directory.path("followup.csv"))
        _ = try await importer.run(TrainingsImport(), file: directory.path("trainings.csv"))
        _ = try await importer.run(ParticipationImport(), file: directory.path("participation.csv"))
    }

    /// The programme recorded into a new in-memory store.
    static func programme() async throws -> InMemoryEventStore {
        let directory = try TemporaryDirectory("competence-adversarial")
        try ProgrammeFiles.write(into: directory)
        let store = InMemoryEventStore()
        try await importProgramme(into: store, from: directory)
        return store
    }

    /// Every file under `path` (relative name → bytes): a directory's state, to compare before and after.
    static func snapshot(_ path: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: path) else { return files }
        for case let name as String in walker {
            var isDirectory: ObjCBool = false
            let full = path + "/" + name
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            files[name] = isDirectory.boolValue ? Data("<dir>".utf8) : try Data(contentsOf: URL(fileURLWithPath: full))
        }
        return files
    }

    /// Every event of a store, in order.
    static func events(_ store: any EventStore) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        for try await event in store.events() { events.append(event) }
        return events
    }

    /// The file store opened read-only (the store a case must leave unchanged).
    func store() throws -> FileEventStore {
        try FileEventStore(directory: storePath, options: FileStoreOptions(access: .readOnly))
    }
}

/// Exported histories and their lines, for cases that change them as an attacker or a careless hand would.
enum Histories {
    /// `store` exported to `name` in `directory`; returns the file's lines (the summary line last).
    static func export(
        _ store: any EventStore, to name: String, in directory: TemporaryDirectory
    ) async throws
        -> [String]
    {
        let path = directory.path(name)
        let writer = try OutputTarget(path: path).open()
        _ = try await HistoryExporter(store: store, scope: .everything).export(to: writer)
        try writer.finish()
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Reads `lines` as a history file and appends it to `target`.
    static func importLines(
        _ lines: [String], into target: any EventStore, in directory: TemporaryDirectory, name: String = "h.ndjson",
        allowingUnknownTypes: Bool = false
    ) async throws -> HistoryAppender.Outcome {
        let path = try directory.write(name, lines.joined(separator: "\n") + "\n")
        let file = try HistoryReader(path: path).read()
        return try await HistoryAppender(store: target, file: path, allowsUnknownTypes: allowingUnknownTypes)
            .append(file)
    }
}
