import Foundation
import TestSupport
import Testing

/// The tidy tables of the demo for analysts: `datapackage.json` passes the reference validator (`frictionless
/// validate`, installed from PyPI into a venv cached under .build/ — a missing tool fails the test), and
/// Docs/examples/effect.py recomputes `report effect --audience analyst` from the tables, row by row, to three
/// decimals.
@Suite("Tidy tables for analysts: the data package and the Python reproduction", .timeLimit(.minutes(10)))
struct TablesReproductionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The columns effect.py recomputes.
    static let recomputed = [
        "paired_n", "baseline_mean", "followup_mean", "mean_change", "trained_n", "trained_change", "untrained_n",
        "untrained_change", "difference_in_differences",
    ]

    /// The demo's tables, written into a new directory under the shared demo's.
    private func tables(_ name: String) async throws -> (directory: URL, tables: String) {
        let directory = try await DemoStore.shared.directoryURL()
        let run = try await Tool.run(
            ["export", "--store", "demo.store", "--tables", name, "--audience", "analyst"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        return (directory, directory.appendingPathComponent(name).path)
    }

    @Test("datapackage.json and the tables pass `frictionless validate` (types, keys, foreign keys)")
    func frictionlessValidates() async throws {
        let (directory, tables) = try await tables("validated")
        let frictionless = try await Self.frictionless()
        let run = try await Tool.spawn(
            frictionless, ["validate", "--json", "datapackage.json"],
            in: URL(
                fileURLWithPath: tables))
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
            "frictionless printed no JSON report: \(run.stderr)")
        #expect(report["valid"] as? Bool == true, "\(run.stdout.prefix(3000))")
        let tasks = report["tasks"] as? [[String: Any]] ?? []
        #expect(tasks.count == 13, "one task per table")
        #expect(run.status == 0)

        // The validator is not a formality: a dangling reference is caught.
        let broken = directory.appendingPathComponent("broken")
        try FileManager.default.copyItem(atPath: tables, toPath: broken.path)
        let answers = broken.appendingPathComponent("answers.csv")
        var lines = try String(contentsOf: answers, encoding: .utf8).split(separator: "\n").map(String.init)
        var first = CSVText.parse(lines[1] + "\n")[0]
        first[3] = "no-such-competence"
        lines[1] = CSVText.line(first)
        try (lines.joined(separator: "\n") + "\n").write(to: answers, atomically: false, encoding: .utf8)
        let caught = try await Tool.spawn(frictionless, ["validate", "--json", "datapackage.json"], in: broken)
        #expect(caught.status != 0 && caught.stdout.contains("no-such-competence"), "\(caught.stdout.prefix(2000))")
    }

    @Test("Docs/examples/effect.py recomputes report effect (analyst, CSV) row by row to 3 decimals")
    func pythonReproducesEffect() async throws {
        let (directory, tables) = try await tables("reproduced")
        let script = Self.repository.appendingPathComponent("Docs/examples/effect.py").path
        let python = try await Tool.spawn("/usr/bin/env", ["python3", script, tables], in: directory)
        try #require(python.status == 0, "\(python.stderr)")
        let recomputed = CSVText.parse(python.stdout)
        for minGroup in ["1", "5"] {
            let report = try await Tool.run(
                [
                    "report", "effect", "--store", "demo.store", "--audience", "analyst", "--format", "csv",
                    "--min-group", minGroup,
                ], in: directory)
            try #require(report.status == 0, "\(report.stderr)")
            let published = CSVText.parse(report.stdout)
            let header = published[0]
            let mine = Dictionary(
                recomputed.dropFirst().map { ("\($0[0])/\($0[1])", $0) }, uniquingKeysWith: { first, _ in first })
            #expect(mine.count == published.count - 1, "the same rows: \(mine.count) vs \(published.count - 1)")
            var compared = 0
            for row in published.dropFirst() {
                let key = "\(row[0])/\(row[1])"
                let other = try #require(mine[key], "effect.py has no row \(key)")
                for column in Self.recomputed {
                    let value = row[try #require(header.firstIndex(of: column))]
                    guard !value.isEmpty else { continue }  // withheld by disclosure control
                    let theirs = other[try #require(recomputed[0].firstIndex(of: column))]
                    #expect(value == theirs, "\(key) \(column): report \(value), effect.py \(theirs)")
                    compared += 1
                }
            }
            #expect(compared > 300, "min-group \(minGroup): \(compared) figures compared")
        }
    }

    /// The `frictionless` command of a venv under .build/ (made and filled from PyPI on first use).
    static func frictionless() async throws -> String {
        let venv = repository.appendingPathComponent(".build/frictionless-venv")
        let tool = venv.appendingPathComponent("bin/frictionless").path
        if FileManager.default.isExecutableFile(atPath: tool) { return tool }
        let made = try await Tool.spawn("/usr/bin/env", ["python3", "-m", "venv", venv.path], in: repository)
        try #require(made.status == 0, "python3 -m venv failed (apt-get install python3-venv): \(made.stderr)")
        let pip = venv.appendingPathComponent("bin/pip").path
        let installed = try await Tool.spawn(pip, ["install", "--quiet", "frictionless"], in: repository)
        try #require(
            installed.status == 0 && FileManager.default.isExecutableFile(atPath: tool),
            "pip install frictionless failed; the data package cannot be validated: \(installed.stderr)")
        return tool
    }
}
