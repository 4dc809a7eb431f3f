import Foundation
import TestSupport
import Testing

/// `--programme ID` and `--pilot ID` on the reports, through the real `competence` tool on the demo store
/// (two programmes, LOSSI and TULOS): per-programme indicators, scoped reports, the scope in the stamp and in
/// `verify-report`, typed refusals, and a subtraction across programme-scoped public reports that recovers
/// nothing (and does recover from analyst reports, so the test can fail).
@Suite("Reports scoped by programme and pilot")
struct ProgrammeScopeTests {
    private func report(_ arguments: [String], in directory: URL) async throws -> Tool.Run {
        try await Tool.run(
            ["report"] + arguments + ["--store", directory.appendingPathComponent("demo.store").path], in: directory)
    }

    private func json(_ arguments: [String], in directory: URL) async throws -> [String: Any] {
        let run = try await report(arguments + ["--format", "json"], in: directory)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("indicators: one object per programme by default; --programme gives one, named in stamp and provenance")
    func indicators() async throws {
        let directory = try await DemoStore.shared.directoryURL()
        let whole = try await json(["indicators", "--audience", "analyst"], in: directory)
        let programmes = try #require(whole["programmes"] as? [[String: Any]])
        #expect(programmes.compactMap { $0["programme"] as? String } == ["lossi", "tulos"])
        let organisations = programmes.compactMap { $0["organisations"] as? Int }
        #expect(organisations.count == 2 && organisations.reduce(0, +) == whole["organisations"] as? Int)
        let lossi = try await json(["indicators", "--audience", "analyst", "--programme", "lossi"], in: directory)
        #expect(lossi["programmes"] == nil && lossi["organisations"] as? Int == organisations[0])
        #expect((lossi["stamp"] as? [String: Any])?["programme"] as? String == "lossi")
        #expect((lossi["provenance"] as? [String: Any])?["programme"] as? String == "lossi")
        // The text and HTML reports have a section per programme.
        let text = try await report(["indicators"], in: directory)
        #expect(
            text.stdout.contains("Programme indicators: lossi") && text.stdout.contains("Programme indicators: tulos"))
        let html = try await report(["indicators", "--format", "html"], in: directory)
        #expect(html.stdout.contains("Programme indicators: tulos"))
    }

    @Test("a programme's matrix rows are the unscoped report's rows of its organisations, in every format")
    func scopedMatrix() async throws {
        let directory = try await DemoStore.shared.directoryURL()
        let whole = try await report(["matrix", "--format", "csv"], in: directory)
        let tulos = try await report(["matrix", "--format", "csv", "--programme", "tulos"], in: directory)
        #expect(whole.status == 0 && tulos.status == 0, "\(tulos.stderr)")
        let wholeRows = Set(whole.stdout.split(separator: "\n").dropFirst())
        let tulosRows = tulos.stdout.split(separator: "\n").dropFirst()
        #expect(!tulosRows.isEmpty && tulosRows.allSatisfy(wholeRows.contains))
        #expect(tulosRows.count < wholeRows.count)
        for format in ["table", "html"] {
            let run = try await report(["matrix", "--format", format, "--programme", "tulos"], in: directory)
            #expect(run.status == 0 && run.stdout.contains("programme tulos"), "\(format): \(run.stderr)")
        }
    }

    @Test("unknown ids and --pilot where it does not apply are refused by name; a pilot scopes outcomes")
    func refusals() async throws {
        let directory = try await DemoStore.shared.directoryURL()
        let programme = try await report(["matrix", "--programme", "nope"], in: directory)
        #expect(programme.status != 0 && programme.stderr.contains("no programme 'nope'"), "\(programme.stderr)")
        #expect(programme.stderr.contains("known: lossi, tulos"))
        let pilot = try await report(["outcomes", "--pilot", "nope"], in: directory)
        #expect(
            pilot.status != 0 && pilot.stderr.contains("no pilot 'nope'")
                && pilot.stderr.contains("kotihoito-aura-pilot"))
        let misplaced = try await report(["matrix", "--pilot", "kotihoito-aura-pilot"], in: directory)
        #expect(misplaced.status != 0 && misplaced.stderr.contains("--pilot does not apply to the matrix report"))
        let outside = try await report(
            ["outcomes", "--pilot", "kotihoito-aura-pilot", "--programme", "lossi"], in: directory)
        #expect(outside.status != 0 && outside.stderr.contains("not in programme 'lossi'"), "\(outside.stderr)")
        let outcomes = try await report(
            ["outcomes", "--format", "csv", "--pilot", "kotihoito-aura-pilot"], in: directory)
        #expect(outcomes.status == 0, "\(outcomes.stderr)")
        let rows = outcomes.stdout.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("kotihoito-aura") })
    }

    @Test("verify-report recomputes a report in its scope; a stamp whose programme was edited fails")
    func verifyScope() async throws {
        let directory = try await DemoStore.shared.directoryURL()
        let store = directory.appendingPathComponent("demo.store").path
        let output = try TemporaryDirectory("competence-scope")
        let file = output.path("tulos.txt")
        let made = try await report(["matrix", "--programme", "tulos", "--output", file], in: directory)
        #expect(made.status == 0, "\(made.stderr)")
        let verified = try await Tool.run(["verify-report", file, "--store", store], in: directory)
        #expect(verified.status == 0 && verified.stdout.contains("matches"), "\(verified.stdout) \(verified.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\"programme\":\"tulos\""))
        try text.replacingOccurrences(of: "\"programme\":\"tulos\"", with: "\"programme\":\"lossi\"")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let edited = try await Tool.run(["verify-report", file, "--store", store], in: directory)
        #expect(edited.status != 0 && (edited.stdout + edited.stderr).contains("differs"), "\(edited.stdout)")
    }

    @Test("public: persons surveyed overall minus one programme's gives the other's nothing; analyst gives it")
    func subtractionAcrossProgrammes() async throws {
        let directory = try await DemoStore.shared.directoryURL()
        func surveyed(_ extra: [String]) async throws -> Int? {
            try await json(["indicators"] + extra, in: directory)["persons_surveyed"] as? Int
        }
        // The exact counts (analyst, k = 1); then k just above the smaller programme's count withholds it.
        let exact = try await json(["indicators", "--audience", "analyst", "--min-group", "1"], in: directory)
        let counts = try #require(exact["programmes"] as? [[String: Any]]).compactMap { $0["persons_surveyed"] as? Int }
        try #require(counts.count == 2 && counts[0] != counts[1])
        let (small, large) = (counts.min()!, counts.max()!)
        let k = String(small + 1)
        let bigger = counts[0] == large ? "lossi" : "tulos"
        func attack(_ audience: String) async throws -> Int? {
            let options = ["--audience", audience, "--min-group", k]
            guard let all = try await surveyed(options),
                let other = try await surveyed(options + ["--programme", bigger])
            else { return nil }
            return all - other
        }
        #expect(try await attack("analyst") == small)
        #expect(try await attack("public") == nil)
    }
}
