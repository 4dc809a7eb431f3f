import Foundation
import TestSupport
import Testing

/// `competence export`, `import events`, `verify` and `replay`, end to end. Line format, scopes, batching,
/// conflicts and every refusal are checked in-process by `CompetenceHistoryTests` and `CompetenceStoresTests`.
@Suite("competence history", .timeLimit(.minutes(10)))
struct HistoryTests {
    @Test(
        """
        export → import events → export gives the same history and the same reports; a repeat adds nothing; \
        --position limits the export; a damaged file is refused before any store is created
        """)
    func roundTrip() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let written = try await programme.succeed(["export", "--output", "history.ndjson"])
        #expect(written.stdout.isEmpty)
        #expect(written.stderr.contains("exported 20 events to history.ndjson"))
        let copy = programme.directory.path("copy.store")
        let first = try await Tool.run(
            ["import", "events", "history.ndjson", "--store", copy], in: programme.directory.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("appended 20 events"))
        let original = try await programme.history()
        let copied = try await programme.history(store: copy)
        #expect(original.count == 20)
        #expect(copied.count == original.count)
        for (a, b) in zip(original, copied) {
            for field in [
                "id", "stream", "version", "position", "type", "schema_version", "occurred_at", "payload_encoding",
            ] {
                #expect("\(a[field]!)" == "\(b[field]!)", "field \(field) differs at position \(a["position"]!)")
            }
            #expect(
                NSDictionary(dictionary: a["metadata"] as! [String: Any])
                    == NSDictionary(dictionary: b["metadata"] as! [String: Any]))
            #expect(
                NSDictionary(dictionary: a["payload"] as! [String: Any])
                    == NSDictionary(dictionary: b["payload"] as! [String: Any]))
        }
        let again = try await Tool.run(
            ["import", "events", "history.ndjson", "--store", copy], in: programme.directory.url)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already in"))
        #expect(try await programme.history(store: copy).count == 20)
        // Reports on the copy equal reports on the original.
        let reportOriginal = try await programme.succeed(["report", "effect", "--format", "csv", "--min-group", "1"])
            .stdout
        let reportCopy = try await Tool.run(
            ["report", "effect", "--format", "csv", "--min-group", "1", "--store", copy], in: programme.directory.url
        ).stdout
        #expect(reportOriginal == reportCopy)

        // --position reaches the exporter.
        let early = try await programme.succeed(["export", "--position", "3"])
        let lines = early.stdout.split(separator: "\n")
        #expect(lines.count == 4, "three events and the summary line")
        #expect(lines.last?.hasPrefix("{\"summary\":{\"chain_version\":1,\"count\":3,\"head_position\":3,") == true)
        #expect(
            lines.first?.hasPrefix("{\"id\":") == true
                && lines.first?.contains("\"stream\":\"organisation-acme\"") == true)

        // A damaged line: named on stderr, and the target store is never created.
        var damaged = try programme.directory.read("history.ndjson").split(separator: "\n").map(String.init)
        damaged[4] = damaged[4].replacingOccurrences(of: "\"schema_version\":1", with: "\"schema_version\":\"one\"")
        try programme.directory.write("damaged.ndjson", damaged.joined(separator: "\n") + "\n")
        let other = programme.directory.path("other.store")
        let refused = try await Tool.run(
            ["import", "events", "damaged.ndjson", "--store", other], in: programme.directory.url)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("damaged.ndjson, line 5: the field 'schema_version' has the wrong type"))
        #expect(!FileManager.default.fileExists(atPath: other))
    }

    @Test("verify passes a sound store and names the fault after a byte is corrupted; replay counts and times")
    func verifyAndReplay() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let replay = try await programme.succeed(["replay", "--projection", "ledger"])
        #expect(replay.stdout.contains("events read: 20, folded: 20"))
        #expect(replay.stdout.contains("events/s"))
        let unknown = try await programme.run(["replay", "--projection", "nope"])
        #expect(unknown.status != 0)

        let sound = try await programme.succeed(["verify"])
        #expect(sound.stdout.contains("sound"))
        let segments = try FileManager.default.contentsOfDirectory(atPath: programme.store).filter {
            !$0.hasPrefix(".") && !$0.contains("lock")
        }.sorted()
        let segment = try #require(segments.first, "no segment file in the store")
        let path = programme.store + "/" + segment
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 200)
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: path))
        let damaged = try await programme.run(["verify"])
        #expect(damaged.status != 0)
        #expect(damaged.stderr.contains("fault:"))
        #expect(damaged.stderr.contains(segment))
        #expect(damaged.stderr.contains("is not sound"))
    }
}
