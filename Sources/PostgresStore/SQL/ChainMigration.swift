import CompetenceCore
import Foundation

/// Migration 4: every event row gets its history-chain hash (`events.chain`, 32 bytes, `NOT NULL`) and the
/// head row keeps the head hash (`log_head.chain`); the append functions become the chained pair
/// (``AppendFunctions/createChained(schema:channel:)``) and the older ones refusals
/// (``AppendFunctions/refusals(schema:)``).
///
/// The rows already stored get their chain in the same transaction, in position order: the migrator reads
/// them in pages, computes each hash with ``HistoryChain`` (the server cannot: a JSON payload's canonical form
/// is not `jsonb`'s text) and writes the page's hashes with one `UPDATE`. `ALTER TABLE` holds the tables'
/// exclusive lock until the migration commits, so nothing is appended or read meanwhile.
enum ChainMigration {
    /// Rows read and updated per round trip while chaining the stored rows.
    static let pageSize = 10_000

    /// The statements before the stored rows are chained: the (still nullable) columns, the refusals and the
    /// chained functions.
    static func statements(schema s: SQLIdentifier, channel: String) -> [String] {
        [
            "ALTER TABLE \(s.qualify("events")) ADD COLUMN chain bytea",
            "ALTER TABLE \(s.qualify("log_head")) ADD COLUMN chain bytea",
        ] + AppendFunctions.refusals(schema: s) + AppendFunctions.createChained(schema: s, channel: channel)
    }

    /// The statements after: no row without its 32-byte hash from now on.
    static func finishing(schema s: SQLIdentifier) -> [String] {
        [
            """
            ALTER TABLE \(s.qualify("events")) ALTER COLUMN chain SET NOT NULL,
                ADD CONSTRAINT events_chain_hash CHECK (octet_length(chain) = 32)
            """,
            """
            ALTER TABLE \(s.qualify("log_head")) ALTER COLUMN chain SET NOT NULL,
                ADD CONSTRAINT log_head_chain_hash CHECK (octet_length(chain) = 32)
            """,
        ]
    }

    /// Chains the rows stored before the migration, in position order, and sets the head's hash. Inside the
    /// migration's transaction, on the connection's queue.
    static func chainStoredRows(schema s: SQLIdentifier, on connection: PGConnection) throws(PostgresError) {
        let read = PGStatement(
            name: "competence_chain_backfill_read",
            sql: "SELECT \(Statements.eventColumns) FROM \(s.qualify("events")) e WHERE e.position > $1 "
                + "ORDER BY e.position LIMIT $2",
            parameterTypes: [PGType.int8, PGType.int8])
        let write = PGStatement(
            name: "competence_chain_backfill_write",
            sql: """
                UPDATE \(s.qualify("events")) e SET chain = u.chain
                FROM unnest($1::bigint[], $2::bytea[]) AS u(position, chain) WHERE e.position = u.position
                """,
            parameterTypes: [PGType.int8Array, PGType.byteaArray])
        let head = PGStatement(
            name: "competence_chain_backfill_head", sql: "UPDATE \(s.qualify("log_head")) SET chain = $1",
            parameterTypes: [PGType.bytea])
        var chain = HistoryChain()
        var after: Int64 = 0
        while true {
            let page = try connection.execute(read, [.int64(after), .int64(Int64(pageSize))])
            if page.rowCount == 0 { break }
            var positions = PGArrayWriter(elementType: PGType.int8, capacity: page.rowCount * 12)
            var hashes = PGArrayWriter(elementType: PGType.bytea, capacity: page.rowCount * 36)
            for event in try EventRowDecoder.events(page) {
                let hash: HistoryHash
                do {
                    hash = try chain.append(event)
                } catch {
                    throw PostgresError(
                        kind: .unexpectedResponse,
                        message: "the stored event at position \(event.position) cannot be chained: \(error)")
                }
                positions.append(int64: event.position)
                hashes.append(bytes: Data(hash.bytes))
                after = event.position
            }
            _ = try connection.execute(
                write, [.array(PGType.int8Array, positions.finish()), .array(PGType.byteaArray, hashes.finish())])
        }
        _ = try connection.execute(head, [PGParameter(type: PGType.bytea, bytes: chain.head.hash.bytes)])
    }
}
