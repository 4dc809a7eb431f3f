import CompetenceCore
import Foundation

/// Encodes a group of independent appends (members) for `append_chained` (the share arrays, then sixteen
/// event arrays: one element per event, in global order, the last one each event's canonical tail for the
/// history chain) or for `append_chained_staged` (the share arrays, with the events as binary `COPY` rows).
/// Arrays travel in binary, so one round trip carries a whole group whatever its size. Members, shares and
/// events are numbered from 1 in the order given; the function answers in those numbers.
struct AppendParameters {
    /// The members, in the order given.
    let members: [[StreamAppend]]

    /// The shares, one element per stream share of every member: `share_members`, `share_streams`,
    /// `share_categories`, `share_lowest`, `share_highest`, `share_sizes`.
    var shares: [PGParameter] {
        let count = members.reduce(0) { $0 + $1.count }
        var memberNumbers = PGArrayWriter(elementType: PGType.int4, capacity: count * 8)
        var streams = PGArrayWriter(elementType: PGType.text, capacity: count * 32)
        var categories = PGArrayWriter(elementType: PGType.text, capacity: count * 16)
        var lowest = PGArrayWriter(elementType: PGType.int8, capacity: count * 12)
        var highest = PGArrayWriter(elementType: PGType.int8, capacity: count * 12)
        var sizes = PGArrayWriter(elementType: PGType.int4, capacity: count * 8)
        for (member, appends) in members.enumerated() {
            for share in appends {
                let range = share.expectedVersion.allowedCurrentVersions
                memberNumbers.append(int32: Int32(member + 1))
                streams.append(text: share.stream.rawValue)
                categories.append(text: share.stream.category)
                lowest.append(int64: range.lowest)
                highest.append(int64: range.highest)
                sizes.append(int32: Int32(share.events.count))
            }
        }
        return [
            .array(PGType.int4Array, memberNumbers.finish()), .array(PGType.textArray, streams.finish()),
            .array(PGType.textArray, categories.finish()), .array(PGType.int8Array, lowest.finish()),
            .array(PGType.int8Array, highest.finish()), .array(PGType.int4Array, sizes.finish()),
        ]
    }

    /// The events as the sixteen array parameters of `append_chained` that follow the shares.
    var events: [PGParameter] {
        let count = members.reduce(0) { $0 + $1.reduce(0) { $0 + $1.events.count } }
        var shareNumbers = PGArrayWriter(elementType: PGType.int4, capacity: count * 8)
        var steps = PGArrayWriter(elementType: PGType.int4, capacity: count * 8)
        var ids = PGArrayWriter(elementType: PGType.uuid, capacity: count * 20)
        var types = PGArrayWriter(elementType: PGType.text, capacity: count * 24)
        var schemaVersions = PGArrayWriter(elementType: PGType.int4, capacity: count * 8)
        var occurred = PGArrayWriter(elementType: PGType.timestamptz, capacity: count * 12)
        var recorded = PGArrayWriter(elementType: PGType.timestamptz, capacity: count * 4)
        var correlations = PGArrayWriter(elementType: PGType.uuid, capacity: count * 20)
        var causations = PGArrayWriter(elementType: PGType.uuid, capacity: count * 20)
        var recordedBy = PGArrayWriter(elementType: PGType.text, capacity: count * 8)
        var originSources = PGArrayWriter(elementType: PGType.text, capacity: count * 8)
        var originRows = PGArrayWriter(elementType: PGType.int8, capacity: count * 8)
        var originHashes = PGArrayWriter(elementType: PGType.text, capacity: count * 8)
        var payloads = PGArrayWriter(elementType: PGType.jsonb, capacity: count * 160)
        var compactPayloads = PGArrayWriter(elementType: PGType.bytea, capacity: count * 4)
        var tails = PGArrayWriter(elementType: PGType.bytea, capacity: count * 200)
        forEachEvent { share, step, stream, event in
            shareNumbers.append(int32: Int32(share))
            steps.append(int32: Int32(step))
            ids.append(uuid: event.id)
            types.append(text: event.type)
            schemaVersions.append(int32: Int32(clamping: event.schemaVersion))
            occurred.append(date: event.occurredAt)
            // A history moved from another store keeps its recorded times; NULL: the server's clock.
            if let given = event.recordedAt { recorded.append(date: given) } else { recorded.appendNull() }
            correlations.append(uuid: event.metadata.correlationID)
            causations.append(uuid: event.metadata.causationID)
            recordedBy.append(text: event.metadata.recordedBy)
            originSources.append(text: event.metadata.origin?.source)
            originRows.append(int64: event.metadata.origin?.row.map(Int64.init))
            originHashes.append(text: event.metadata.origin?.contentHash)
            switch event.payload.encoding {
            case .json:
                payloads.append(jsonb: event.payload.bytes)
                compactPayloads.appendNull()
            case .compact:
                payloads.appendNull()
                compactPayloads.append(bytes: event.payload.bytes)
            }
            if let tail = Self.tail(of: event, in: stream) { tails.append(bytes: tail) } else { tails.appendNull() }
        }
        return [
            .array(PGType.int4Array, shareNumbers.finish()), .array(PGType.int4Array, steps.finish()),
            .array(PGType.uuidArray, ids.finish()), .array(PGType.textArray, types.finish()),
            .array(PGType.int4Array, schemaVersions.finish()), .array(PGType.timestamptzArray, occurred.finish()),
            .array(PGType.timestamptzArray, recorded.finish()), .array(PGType.uuidArray, correlations.finish()),
            .array(PGType.uuidArray, causations.finish()), .array(PGType.textArray, recordedBy.finish()),
            .array(PGType.textArray, originSources.finish()), .array(PGType.int8Array, originRows.finish()),
            .array(PGType.textArray, originHashes.finish()), .array(PGType.jsonbArray, payloads.finish()),
            .array(PGType.byteaArray, compactPayloads.finish()), .array(PGType.byteaArray, tails.finish()),
        ]
    }

    /// The events as binary `COPY` data for the staging table (``AppendFunctions/stagingColumns``).
    var copyRows: [UInt8] {
        var rows = PGCopyWriter(columns: AppendFunctions.stagingColumns.count)
        var ordinal: Int64 = 0
        forEachEvent { share, step, stream, event in
            ordinal += 1
            rows.beginRow()
            rows.int64(ordinal)
            rows.int32(Int32(share))
            rows.int32(Int32(step))
            rows.uuid(event.id)
            rows.eventFields(event, recordedAt: event.recordedAt)  // NULL: the server's clock
            if let tail = Self.tail(of: event, in: stream) { rows.bytes(tail) } else { rows.null() }
        }
        return rows.finish()
    }

    /// Calls `body` with each event's share number, its step within the share (from 1), its stream and the
    /// event.
    private func forEachEvent(_ body: (Int, Int, StreamName, NewEvent) -> Void) {
        var share = 0
        for appends in members {
            for part in appends {
                share += 1
                for (index, event) in part.events.enumerated() { body(share, index + 1, part.stream, event) }
            }
        }
    }

    /// The event's canonical tail for the history chain; `nil` when it has none (a JSON payload that is not
    /// JSON, which the server then refuses as `jsonb` with SQLSTATE `22P02`; were it accepted, the NULL tail
    /// would make its chain NULL, which `events.chain NOT NULL` refuses).
    private static func tail(of event: NewEvent, in stream: StreamName) -> Data? {
        (try? CanonicalEvent.tail(of: event, in: stream)).map { Data($0) }
    }
}

extension ExpectedVersion {
    /// The current versions of a stream that satisfy this expectation, as the append function checks them
    /// (the same rule as `isSatisfied(byCurrentVersion:)`, which decides the typed error afterwards).
    var allowedCurrentVersions: (lowest: Int64, highest: Int64) {
        switch self {
        case .any: (0, .max)
        case .noStream: (0, 0)
        case .streamExists: (1, .max)
        case .exact(let version): (version, version)
        }
    }
}

extension PGCopyWriter {
    /// Writes an event's columns from `type` to the payloads, in the order of the `events` table and the
    /// staging table: type, schema version, occurred, recorded (NULL when `recordedAt` is nil), correlation,
    /// causation, recorded by, origin source, row and content hash, then the JSON and the compact payload
    /// (exactly one of them set).
    mutating func eventFields(_ event: NewEvent, recordedAt: Date?) {
        text(event.type)
        int32(Int32(clamping: event.schemaVersion))
        date(event.occurredAt)
        if let recordedAt { date(recordedAt) } else { null() }
        uuid(event.metadata.correlationID)
        uuid(event.metadata.causationID)
        text(event.metadata.recordedBy)
        text(event.metadata.origin?.source)
        int64(event.metadata.origin?.row.map(Int64.init))
        text(event.metadata.origin?.contentHash)
        switch event.payload.encoding {
        case .json:
            jsonb(event.payload.bytes)
            null()
        case .compact:
            null()
            bytes(event.payload.bytes)
        }
    }
}
