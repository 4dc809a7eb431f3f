import Foundation
import TestSupport
import Testing

@Suite("CSV reports and the indicators JSON carry stamps that verify-report checks")
struct StampSidecarTests {
    @Test("a CSV report's stamp and withheld counts are in FILE.stamp (0600); its columns are unchanged")
    func csvSidecar() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try await programme.succeed(["report", "matrix", "--format", "csv", "--min-group", "1", "--output", "m.csv"])
        let csv = try programme.directory.read("m.csv")
        let onStdout = try await programme.succeed(["report", "matrix", "--format", "csv", "--min-group", "1"])
        #expect(csv == onStdout.stdout)
        // On stdout the CSV has no file beside it: the withheld counts and the missing stamp are said on stderr.
        #expect(onStdout.stderr.contains("withheld for privacy: 0 cells as primary, 0 as complement"))
        #expect(onStdout.stderr.contains("this CSV carries no stamp"))
        let sidecar = try programme.directory.read("m.csv.stamp")
        #expect(sidecar.hasPrefix("competence-report-stamp: {"))
        #expect(sidecar.contains("\nwithheld for privacy: 0 cells as primary, 0 as complement\n"))
        let mode =
            try FileManager.default.attributesOfItem(atPath: programme.directory.path("m.csv.stamp"))[
                .posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try await programme.succeed(["verify-report", "m.csv"]).stdout.contains("matches"))

        // A changed figure is found.
        try programme.directory.write("m.csv", csv.replacingOccurrences(of: "2.000", with: "2.500"))
        let changed = try await programme.run(["verify-report", "m.csv"])
        #expect(changed.status != 0)
        #expect(changed.stdout.contains("differs") || changed.stderr.contains("differs"))
        // Without its stamp a CSV cannot be checked, and the message says where the stamp should be.
        try FileManager.default.removeItem(atPath: programme.directory.path("m.csv.stamp"))
        let unstamped = try await programme.run(["verify-report", "m.csv"])
        #expect(unstamped.status != 0)
        #expect(unstamped.stderr.contains("FILE.stamp"))
    }

    @Test("the indicators JSON keeps its fields and adds its stamp, which verify-report checks")
    func indicatorsStamp() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try await programme.succeed(["report", "indicators", "--format", "json", "--output", "i.json"])
        let text = try programme.directory.read("i.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["organisations"] as? Int == 2)
        #expect((object["stamp"] as? [String: Any])?["report"] as? String == "indicators")
        #expect((object["withheld"] as? [String: Any])?["primary"] is Int)
        #expect(try await programme.succeed(["verify-report", "i.json"]).stdout.contains("matches"))
        try programme.directory.write(
            "i.json", text.replacingOccurrences(of: "\"organisations\" : 2", with: "\"organisations\" : 3"))
        #expect(try await programme.run(["verify-report", "i.json"]).status != 0)
    }

    /// (This programme is too short for an import to keep a snapshot — one is saved from 10,000 events on — so
    /// both read the whole log here; reports that start from a snapshot are checked on both backends in
    /// `FileStoreTests` and `PostgresStoreTests`, and over random histories in `ReportStartTests`.)
    @Test("report --full-replay is accepted and gives the same bytes as the default, stamp included")
    func fullReplayGivesTheSameReport() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try await programme.succeed(["report", "effect", "--format", "csv", "--min-group", "1", "--output", "a.csv"])
        try await programme.succeed([
            "report", "effect", "--format", "csv", "--min-group", "1", "--full-replay", "--output", "b.csv",
        ])
        #expect(try programme.directory.read("a.csv") == programme.directory.read("b.csv"))
        #expect(try programme.directory.read("a.csv.stamp") == programme.directory.read("b.csv.stamp"))
        #expect(try await programme.succeed(["verify-report", "a.csv"]).stdout.contains("matches"))
    }
}
