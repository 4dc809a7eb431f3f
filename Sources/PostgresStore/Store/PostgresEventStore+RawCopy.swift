import CompetenceCore
import Foundation

extension PostgresEventStore {
    /// Copies events straight into this store's `events` table with one binary `COPY` in one transaction —
    /// positions from the head on, versions from 1 in each stream, each row with its history-chain hash
    /// (computed here, continuing from the last row's, as the `chain NOT NULL` column requires) — and nothing
    /// else: no head lock, no checks, no `streams` rows, no notification. The reference that
    /// `competence bench` measures the import path against ("raw `COPY` into the same table"); it leaves the
    /// store's bookkeeping behind (`verify()` reports it), so use it on a throwaway schema only.
    package func copyRawForBenchmark(_ appends: [StreamAppend]) async throws {
        try await ready()
        let head = try await headPosition()
        let previous = try await storedHistoryAnchor(at: head) ?? .genesis
        var chain = HistoryChain(from: previous)
        var rows = PGCopyWriter(columns: 18)
        var position = head
        for part in appends {
            for (index, event) in part.events.enumerated() {
                position += 1
                rows.beginRow()
                rows.int64(position)
                rows.uuid(event.id)
                rows.text(part.stream.rawValue)
                rows.text(part.stream.category)
                rows.int64(Int64(index + 1))
                rows.eventFields(event, recordedAt: event.occurredAt)
                let stored = RecordedEvent(
                    event, stream: part.stream, version: Int64(index + 1), position: position,
                    recordedAt: event.occurredAt)
                rows.bytes(Data(try chain.append(stored).bytes))
            }
        }
        let data = rows.finish()
        let sql = """
            COPY \(schema.qualify("events")) (position, id, stream, category, version, type, schema_version,
                occurred_at, recorded_at, correlation_id, causation_id, recorded_by, origin_source, origin_row,
                origin_content_hash, payload, payload_compact, chain) FROM STDIN (FORMAT binary)
            """
        try await pool.run { connection in
            _ = try connection.execute(unprepared: "BEGIN")
            do {
                try connection.copy(sql, rows: data)
                _ = try connection.execute(unprepared: "COMMIT")
            } catch {
                if connection.isHealthy { _ = try? connection.execute(unprepared: "ROLLBACK") }
                throw error
            }
        }
    }
}
