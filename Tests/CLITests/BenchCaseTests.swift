import Foundation
import TestSupport
import Testing

/// `competence bench` at a small size, so that every case the comparison script (`Benchmarks/`) reads still
/// runs and reports what it measured: on a throwaway PostgreSQL cluster and on a file store. Speed itself is
/// measured by the bench and recorded in Docs/Performance.md, never asserted here.
@Suite("competence bench: every case runs", .timeLimit(.minutes(10)))
struct BenchCaseTests {
    /// The PostgreSQL cases `Benchmarks/compare-with-peer.py` reads, the floors included.
    static let postgresCases = [
        "append-single-1-task", "append-single-16-tasks", "append-batch-100", "import-200k", "copy-raw-200k",
        "replay", "replay-compact", "floor-insert-1-task", "floor-insert-16-tasks", "copy-raw-batch-100",
        "replay-undecoded",
    ]

    @Test("every PostgreSQL case of the comparison runs and counts what it did; the floors do the same work")
    func postgresCases() async throws {
        let cluster = try await TestCluster.shared()
        let directory = try TemporaryDirectory()
        let run = try await Tool.run(
            ["bench", "--store", cluster.url, "--events", "400", "--json", "--cases"] + Self.postgresCases,
            in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try Self.rows(run.stdout)
        #expect(rows.keys.sorted() == Self.postgresCases.sorted())
        for (name, row) in rows {
            #expect((row["events"] as? Int ?? 0) > 0 && (row["events_per_second"] as? Double ?? 0) > 0, "\(name)")
        }
        // The reading floor reads what the decoded replay decodes: the same number of events.
        #expect(rows["replay-undecoded"]?["events"] as? Int == rows["replay"]?["events"] as? Int)
        #expect(rows["copy-raw-batch-100"]?["events"] as? Int == rows["append-batch-100"]?["events"] as? Int)
        #expect(rows["floor-insert-1-task"]?["events"] as? Int == rows["append-single-1-task"]?["events"] as? Int)
    }

    /// One JSON object per line, keyed by its case.
    static func rows(_ text: String) throws -> [String: [String: Any]] {
        var rows: [String: [String: Any]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("{") {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let name = try #require(object["case"] as? String)
            rows[name] = object
        }
        return rows
    }
}
