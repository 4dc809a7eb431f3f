import Foundation
import TestSupport
import Testing

/// A temporary directory with the fixture files and a file store, and helpers to run the tool on them.
final class Programme {
    let directory: TemporaryDirectory
    /// `--store` for the directory's file store.
    let store: String

    init() throws {
        directory = try TemporaryDirectory("competence-cli")
        store = directory.path("ledger.store")
        try ProgrammeFiles.write(into: directory)
    }

    /// Runs the tool against this programme's store.
    @discardableResult
    func run(_ arguments: [String]) async throws -> Tool.Run {
        try await Tool.run(arguments + ["--store", store], in: directory.url)
    }

    /// Runs and expects success.
    @discardableResult
    func succeed(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Tool.Run {
        let run = try await run(arguments)
        #expect(
            run.status == 0, "competence \(arguments.joined(separator: " ")) failed: \(run.stderr)",
            sourceLocation: sourceLocation)
        return run
    }

    /// Imports every fixture kind in dependency order.
    func importAll() async throws {
        try await succeed(["import", "organisations", "organisations.csv"])
        try await succeed(["import", "competences", "competences.csv"])
        try await succeed(["import", "survey", "baseline.csv", "--round", "2024-baseline", "--kind", "baseline"])
        try await succeed(["import", "survey", "followup.csv", "--round", "2024-follow-up", "--kind", "follow-up"])
        try await succeed(["import", "trainings", "trainings.csv"])
        try await succeed(["import", "participation", "participation.csv"])
    }

    /// The store's history as exported NDJSON event lines (the summary line left out), each parsed.
    func history(store: String? = nil) async throws -> [[String: Any]] {
        let run = try await Tool.run(["export", "--store", store ?? self.store], in: directory.url)
        #expect(run.status == 0, "export failed: \(run.stderr)")
        #expect(run.stdout.split(separator: "\n").last?.hasPrefix("{\"summary\":") == true)
        return try run.stdout.split(separator: "\n").filter { !$0.hasPrefix("{\"summary\":") }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}
