import Foundation
import TestSupport
import Testing

/// History moved file → PostgreSQL → file, on a throwaway PostgreSQL cluster (the PostgresStore tests'
/// ``TestCluster``, or the server named by `COMPETENCE_TEST_DATABASE_URL`). The verification's faults are
/// checked in-process by `CompetenceStoresTests`.
@Suite("competence history through PostgreSQL", .timeLimit(.minutes(10)))
struct PostgresHistoryTests {
    @Test(
        """
        file → PostgreSQL → file gives the same history and reports; a repeat adds nothing; verify says sound, \
        then names each fault of a tampered log (a deleted event, a moved head) and exits non-zero
        """)
    func roundTripThroughPostgres() async throws {
        let cluster = try await TestCluster.shared()
        let programme = try Programme()
        try await programme.importAll()
        try await programme.succeed(["export", "--output", "history.ndjson"])
        let schema = "cli_\(UUID().uuidString.prefix(8).lowercased())"
        let postgres = cluster.url + (cluster.url.contains("?") ? "&" : "?") + "schema=\(schema)"
        let directory = programme.directory.url

        let into = try await Tool.run(["import", "events", "history.ndjson", "--store", postgres], in: directory)
        #expect(into.status == 0, "\(into.stderr)")
        let repeatRun = try await Tool.run(["import", "events", "history.ndjson", "--store", postgres], in: directory)
        #expect(repeatRun.stdout.contains("already in"), "\(repeatRun.stderr)")
        let verify = try await Tool.run(["verify", "--store", postgres], in: directory)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("20 events"))
        #expect(verify.stdout.contains("head, stream versions and constraints: consistent"))
        // The same history head as the file store's, and PostgreSQL stores that chain with its rows.
        let fileVerify = try await programme.succeed(["verify"]).stdout
        let head = try #require(fileVerify.split(separator: "\n").first { $0.hasPrefix("history head: ") })
        #expect(verify.stdout.contains(head), "\(verify.stdout)")
        let anchor = String(head.dropFirst("history head: ".count))
        let hash = String(anchor.split(separator: ":")[1])
        #expect(
            verify.stdout.contains("each with its history-chain hash") && verify.stdout.contains("head hash \(hash)"))
        let anchored = try await Tool.run(["verify", "--store", postgres, "--expect", anchor], in: directory)
        #expect(anchored.status == 0 && anchored.stdout.contains("anchor \(anchor) holds"), "\(anchored.stderr)")

        let fromPostgres = try await Tool.run(
            ["export", "--store", postgres, "--output", "from-postgres.ndjson"], in: directory)
        #expect(fromPostgres.status == 0, "\(fromPostgres.stderr)")
        let back = programme.directory.path("back.store")
        let intoFile = try await Tool.run(["import", "events", "from-postgres.ndjson", "--store", back], in: directory)
        #expect(intoFile.status == 0, "\(intoFile.stderr)")

        let original = try await programme.history()
        let returned = try await programme.history(store: back)
        #expect(returned.count == original.count)
        for (a, b) in zip(original, returned) {
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
        let reportFile = try await programme.succeed(["report", "effect", "--format", "csv", "--min-group", "1"]).stdout
        let reportPostgres = try await Tool.run(
            ["report", "effect", "--format", "csv", "--min-group", "1", "--store", postgres], in: directory)
        #expect(reportPostgres.stdout == reportFile, "\(reportPostgres.stderr)")

        // An administrator deletes an event by hand.
        _ = try await cluster.psql("DELETE FROM \(schema).events WHERE position = 7")
        let deleted = try await Tool.run(["verify", "--store", postgres], in: directory)
        #expect(deleted.status != 0)
        #expect(
            deleted.stderr.contains("fault: the head position is 20, the last event is at 20, and there are 19 events"),
            "\(deleted.stderr)")
        #expect(
            deleted.stderr.contains("recorded version"), "the stream that lost its event is named: \(deleted.stderr)")
        #expect(deleted.stderr.contains("hash chain breaks at position 8"), "\(deleted.stderr)")
        #expect(deleted.stderr.contains("first broken position: 7"), "\(deleted.stderr)")
        // …and moves the head.
        _ = try await cluster.psql("UPDATE \(schema).log_head SET position = 25")
        let moved = try await Tool.run(["verify", "--store", postgres], in: directory)
        #expect(moved.status != 0)
        #expect(moved.stderr.contains("the head position is 25"), "\(moved.stderr)")
    }
}
