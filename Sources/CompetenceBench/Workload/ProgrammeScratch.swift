import CompetenceCore
import CompetenceScenario
import FileStore
import Foundation

/// Where the real-path cases' stores live: a generated programme of about `events` events (``ProgrammeShape``)
/// in `base/programme-<events>` (JSON payloads, as the imports write; `-compact` for the same history in the
/// compact form), written once and kept when `base` was given (`--store PATH`), so that later runs (one case
/// per process, for clean peak memory) reuse it; a file `generated` beside the segments marks it complete.
final class ProgrammeScratch: Sendable {
    let base: String
    let events: Int
    let files: ProgrammeFiles

    init(base: String, events: Int) {
        self.base = base
        self.events = events
        files = ProgrammeFiles(shape: .about(events: events))
    }

    /// The programme's store directory (payloads in `encoding`).
    func programmePath(_ encoding: PayloadEncoding = .json) -> String {
        base + "/programme-\(events)" + (encoding == .json ? "" : "-\(encoding)")
    }

    /// The programme's store, written now unless an earlier run left it complete.
    func programme(_ encoding: PayloadEncoding = .json) async throws -> String {
        let programmePath = programmePath(encoding)
        let marker = programmePath + "/generated"
        if FileManager.default.fileExists(atPath: marker) {
            try await refreshSnapshot(programmePath)
            return programmePath
        }
        try? FileManager.default.removeItem(atPath: programmePath)
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let store = try FileEventStore(
            directory: programmePath, options: FileStoreOptions(durability: .batched(interval: .milliseconds(100))))
        let shape = files.shape
        let note = "generating a programme of \(shape.persons) persons, \(shape.organisations) organisations, "
        FileHandle.standardError.write(Data((note + "\(shape.waves) waves into \(programmePath)\n").utf8))
        let (summary, seconds) = try await measure {
            try await ProgrammeGenerator(files: files, encoding: encoding).write(into: store)
        }
        FileHandle.standardError.write(
            Data("generated \(summary.events) events in \(summary.files) files in \(Int(seconds)) s\n".utf8))
        // The snapshot the last import would have left beside the log.
        let (_, snapshotSeconds) = try await measure {
            try await CompetenceLedger(store: store, checkpoints: store).saveSnapshot()
        }
        FileHandle.standardError.write(Data("saved the ledger's snapshot in \(Int(snapshotSeconds)) s\n".utf8))
        try Data().write(to: URL(fileURLWithPath: marker))
        return programmePath
    }

    /// Saves the ledger's snapshot of a kept programme again when this build cannot use the one there (written
    /// by a build with another snapshot format or fold), so that the import case starts from a snapshot as an
    /// import after the last one would.
    private func refreshSnapshot(_ path: String) async throws {
        let store = try FileEventStore(directory: path)
        let ledger = CompetenceLedger(store: store, checkpoints: store)
        _ = try await ledger.state()
        let use = await ledger.snapshotUse
        guard case .log = use else { return }
        FileHandle.standardError.write(Data("saving the ledger's snapshot again (\(use))\n".utf8))
        try await ledger.saveSnapshot()
    }

    /// A new store holding only the programme's definitions (organisations and competences): the "empty"
    /// store an import of survey answers can go into.
    func definitionsOnly() async throws -> String {
        let path = base + "/definitions-\(UUID().uuidString)"
        let store = try FileEventStore(directory: path)
        try await ProgrammeGenerator(files: files).write(into: store, entries: [.organisations, .competences])
        return path
    }

    /// A copy of the programme's store (its segments and anything beside them), for a case that appends.
    func programmeCopy() async throws -> String {
        let source = try await programme()
        let path = base + "/programme-copy-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: source, toPath: path)
        Self.flush(path)
        return path
    }

    /// Writes a copied store's files through to the disk before a case uses them: otherwise the kernel writes
    /// the gigabytes of a 10 M copy back *during* the case, and the case's time measures the copy's writeback.
    private static func flush(_ directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for path in names.map({ directory + "/" + $0 }) + [directory] {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { continue }
            fsync(descriptor)
            close(descriptor)
        }
    }

    /// The survey file the import cases read: `rows` rows (a round of new persons in the first group's
    /// organisations), written to `base` once.
    func importFile(rows: Int) throws -> String {
        let path = base + "/import-survey-\(rows).csv"
        if FileManager.default.fileExists(atPath: path) { return path }
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try files.newcomersSurvey(rows: rows).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Removes a store made for one case.
    func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
