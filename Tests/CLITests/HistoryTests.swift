import Foundation
import TestSupport
import Testing

/// `competence export`, `import events`, `verify` and `replay`.
@Suite("competence history", .timeLimit(.minutes(10)))
struct HistoryTests {
    @Test("export → import events → export gives the same history (file → file), and a second import adds nothing")
    func roundTrip() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try await programme.succeed(["export", "--output", "history.ndjson"])
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
    }

    @Test("export lines carry the documented fields in order; --position limits the export")
    func lineFormat() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let run = try await programme.succeed(["export", "--position", "3"])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let first = String(lines[0])
        let order = [
            "\"id\"", "\"stream\"", "\"version\"", "\"position\"", "\"type\"", "\"schema_version\"", "\"occurred_at\"",
            "\"recorded_at\"", "\"metadata\"", "\"payload_encoding\"", "\"payload\"",
        ]
        let offsets = order.compactMap { first.range(of: $0)?.lowerBound }
        #expect(offsets.count == order.count)
        #expect(offsets == offsets.sorted())
        #expect(first.contains("\"stream\":\"organisation-acme\""))
    }

    @Test("a damaged history line is named by file and line, and nothing is appended")
    func badLine() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let exported = try await programme.succeed(["export"]).stdout
        var lines = exported.split(separator: "\n").map(String.init)
        lines[4] = lines[4].replacingOccurrences(of: "\"schema_version\":1", with: "\"schema_version\":\"one\"")
        try programme.directory.write("damaged.ndjson", lines.joined(separator: "\n") + "\n")
        let copy = programme.directory.path("copy.store")
        let run = try await Tool.run(
            ["import", "events", "damaged.ndjson", "--store", copy], in: programme.directory.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("damaged.ndjson, line 5: the field 'schema_version' has the wrong type"))
        #expect(!FileManager.default.fileExists(atPath: copy))
    }

    @Test("a different history in the target is refused, not merged")
    func conflictingTarget() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try await programme.succeed(["export", "--output", "history.ndjson"])
        let other = try Programme()
        // Another programme enrolled the same organisation id from a different file: a different event.
        try other.directory.write(
            "other.csv", "id,name,kind,sector,size_class,region\nacme,Acme Other,enterprise,retail,micro,Uusimaa\n")
        try await other.succeed(["import", "organisations", "other.csv"])
        let run = try await Tool.run(
            ["import", "events", programme.directory.path("history.ndjson"), "--store", other.store],
            in: other.directory.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("stream 'organisation-acme' is at version 1 in the target store"))
    }

    @Test("verify passes a sound store and names the fault after a byte is corrupted")
    func verify() async throws {
        let programme = try Programme()
        try await programme.importAll()
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

    @Test("replay prints how many events were folded and how fast")
    func replay() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let run = try await programme.succeed(["replay", "--projection", "ledger"])
        #expect(run.stdout.contains("events read: 20, folded: 20"))
        #expect(run.stdout.contains("events/s"))
        let unknown = try await programme.run(["replay", "--projection", "nope"])
        #expect(unknown.status != 0)
    }
}
