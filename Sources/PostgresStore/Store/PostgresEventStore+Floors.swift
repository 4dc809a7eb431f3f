import CompetenceCore
import Foundation

extension PostgresEventStore {
    /// The floor of a durable one-row append on this server: `count` single-row `INSERT`s of `payload` into a
    /// plain table (`bench_floor`: a `bigserial` key and a `jsonb` column, created in this store's schema),
    /// each its own transaction and commit, from `tasks` concurrent tasks on the pool's connections. Nothing
    /// of the store's work (head lock, positions, versions, idempotency, chain, notification) is done, so no
    /// append can be faster: `competence bench` reports the store's single appends against it. Benchmark
    /// plumbing for a throwaway schema.
    package func insertFloorForBenchmark(count: Int, tasks: Int, payload: String) async throws {
        try await ready()
        let table = schema.qualify("bench_floor")
        try await pool.run { connection in
            _ = try connection.execute(
                unprepared: "CREATE TABLE IF NOT EXISTS \(table) (id bigserial PRIMARY KEY, payload jsonb NOT NULL)")
        }
        let insert = PGStatement(
            name: "competence_bench_floor_insert", sql: "INSERT INTO \(table) (payload) VALUES ($1::text::jsonb)",
            parameterTypes: [PGType.text])
        let parameter = PGParameter(type: PGType.text, bytes: Array(payload.utf8))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                let share = count / tasks + (task < count % tasks ? 1 : 0)
                group.addTask {
                    for _ in 0..<share {
                        try await self.pool.run { connection in _ = try connection.execute(insert, [parameter]) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// The floor of batched appends on this server: each append of `appends` copied straight into the
    /// `events` table with one binary `COPY` in its own transaction (one durable commit per append), rows
    /// built as ``copyRawForBenchmark(_:)`` builds them, and nothing else. The reference for
    /// `append-batch-100`; benchmark plumbing for a throwaway schema (it leaves the bookkeeping behind).
    package func copyBatchesForBenchmark(_ appends: [StreamAppend]) async throws {
        try await ready()
        var head = try await headPosition()
        var chain = HistoryChain(from: try await storedHistoryAnchor(at: head) ?? .genesis)
        var versions: [StreamName: Int64] = [:]
        for part in appends {
            let data = try rawCopyRows([part], after: head, versions: &versions, chain: &chain)
            head += Int64(part.events.count)
            try await copyRawRows(data)
        }
    }
}
