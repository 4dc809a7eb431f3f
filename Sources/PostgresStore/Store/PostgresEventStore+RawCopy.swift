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
        var chain = HistoryChain(from: try await storedHistoryAnchor(at: head) ?? .genesis)
        var versions: [StreamName: Int64] = [:]
        try await copyRawRows(try rawCopyRows(appends, after: head, versions: &versions, chain: &chain))
    }

    /// The binary `COPY` rows of `appends`, positions after `head`, versions continuing `versions` (from 1 in
    /// a stream not in it), each row with its history-chain hash continuing `chain`.
    func rawCopyRows(
        _ appends: [StreamAppend], after head: Int64, versions: inout [StreamName: Int64], chain: inout HistoryChain
    ) throws -> [UInt8] {
        var rows = PGCopyWriter(columns: 18)
        var position = head
        for part in appends {
            let base = versions[part.stream] ?? 0
            for (index, event) in part.events.enumerated() {
                position += 1
                let version = base + Int64(index + 1)
                rows.beginRow()
                rows.int64(position)
                rows.uuid(event.id)
                rows.text(part.stream.rawValue)
                rows.text(part.stream.category)
                rows.int64(version)
                rows.eventFields(event, recordedAt: event.occurredAt)
                let stored = RecordedEvent(
                    event, stream: part.stream, version: version, position: position, recordedAt: event.occurredAt)
                rows.bytes(Data(try chain.append(stored).bytes))
            }
            versions[part.stream] = base + Int64(part.events.count)
        }
        return rows.finish()
    }

    /// Copies `data` (rows from ``rawCopyRows(_:after:versions:chain:)``) into `events` in one transaction.
    func copyRawRows(_ data: [UInt8]) async throws {
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
