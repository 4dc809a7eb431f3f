import CompetenceCore
import Foundation

/// Turns rows selected with ``Statements/eventColumns`` into recorded events.
enum EventRowDecoder {
    /// Decodes the event in `row`, whose event columns start at `offset`.
    static func event(_ result: PGResult, row: Int, offset: Int = 0) throws(PostgresError) -> RecordedEvent {
        let c = offset
        let origin: EventOrigin? = result.optionalString(row, c + 11).map { source in
            EventOrigin(
                source: source, row: try? result.optionalInt64(row, c + 12).map { Int($0) },
                contentHash: result.optionalString(row, c + 13))
        }
        let payload: EventPayload
        if result.isNull(row, c + 14) {
            payload = EventPayload(encoding: .compact, bytes: result.data(row, c + 15))
        } else {
            payload = EventPayload(encoding: .json, bytes: try result.jsonb(row, c + 14))
        }
        return RecordedEvent(
            id: try result.uuid(row, c + 1),
            stream: StreamName(result.string(row, c + 2)),
            version: try result.int64(row, c + 3),
            position: try result.int64(row, c + 0),
            type: result.string(row, c + 4),
            schemaVersion: Int(try result.int64(row, c + 5)),
            occurredAt: try result.date(row, c + 6),
            recordedAt: try result.date(row, c + 7),
            metadata: EventMetadata(
                correlationID: try result.optionalUUID(row, c + 8),
                causationID: try result.optionalUUID(row, c + 9),
                recordedBy: result.optionalString(row, c + 10),
                origin: origin),
            payload: payload)
    }

    /// Decodes every row of `result`.
    static func events(_ result: PGResult, offset: Int = 0) throws(PostgresError) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        events.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount { events.append(try event(result, row: row, offset: offset)) }
        return events
    }
}
