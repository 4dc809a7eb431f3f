import CompetenceCore
import Foundation

/// The new (not retried) share of one stream in an append, with the version its first event gets.
struct PlannedShare: Sendable {
    /// The index of the share in the caller's request.
    let index: Int
    let part: StreamAppend
    /// The stream's version when the append was planned; the events get the next versions.
    let currentVersion: Int64
}

/// Encodes planned shares as the eighteen array parameters of `append_events`: one element per event for
/// the event columns, one per stream for the stream rows. Arrays travel in binary, so one round trip carries
/// a whole batch whatever its size.
enum AppendParameters {
    static func make(_ shares: [PlannedShare]) -> [PGParameter] {
        let count = shares.reduce(0) { $0 + $1.part.events.count }
        var ids = PGArrayWriter(elementType: PGType.uuid, capacity: count * 20)
        var streams = PGArrayWriter(elementType: PGType.text, capacity: count * 32)
        var categories = PGArrayWriter(elementType: PGType.text, capacity: count * 16)
        var versions = PGArrayWriter(elementType: PGType.int8, capacity: count * 12)
        var types = PGArrayWriter(elementType: PGType.text, capacity: count * 24)
        var schemaVersions = PGArrayWriter(elementType: PGType.int4, capacity: count * 8)
        var occurred = PGArrayWriter(elementType: PGType.timestamptz, capacity: count * 12)
        var correlations = PGArrayWriter(elementType: PGType.uuid, capacity: count * 20)
        var causations = PGArrayWriter(elementType: PGType.uuid, capacity: count * 20)
        var recordedBy = PGArrayWriter(elementType: PGType.text, capacity: count * 8)
        var originSources = PGArrayWriter(elementType: PGType.text, capacity: count * 8)
        var originRows = PGArrayWriter(elementType: PGType.int8, capacity: count * 8)
        var originHashes = PGArrayWriter(elementType: PGType.text, capacity: count * 8)
        var payloads = PGArrayWriter(elementType: PGType.jsonb, capacity: count * 160)
        var compactPayloads = PGArrayWriter(elementType: PGType.bytea, capacity: count * 4)
        var streamNames = PGArrayWriter(elementType: PGType.text, capacity: shares.count * 32)
        var streamCategories = PGArrayWriter(elementType: PGType.text, capacity: shares.count * 16)
        var streamVersions = PGArrayWriter(elementType: PGType.int8, capacity: shares.count * 12)

        for share in shares {
            let stream = share.part.stream
            let category = stream.category
            for (offset, event) in share.part.events.enumerated() {
                ids.append(uuid: event.id)
                streams.append(text: stream.rawValue)
                categories.append(text: category)
                versions.append(int64: share.currentVersion + Int64(offset) + 1)
                types.append(text: event.type)
                schemaVersions.append(int32: Int32(clamping: event.schemaVersion))
                occurred.append(date: event.occurredAt)
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
            }
            streamNames.append(text: stream.rawValue)
            streamCategories.append(text: category)
            streamVersions.append(int64: share.currentVersion + Int64(share.part.events.count))
        }
        return [
            .array(PGType.uuidArray, ids.finish()),
            .array(PGType.textArray, streams.finish()),
            .array(PGType.textArray, categories.finish()),
            .array(PGType.int8Array, versions.finish()),
            .array(PGType.textArray, types.finish()),
            .array(PGType.int4Array, schemaVersions.finish()),
            .array(PGType.timestamptzArray, occurred.finish()),
            .array(PGType.uuidArray, correlations.finish()),
            .array(PGType.uuidArray, causations.finish()),
            .array(PGType.textArray, recordedBy.finish()),
            .array(PGType.textArray, originSources.finish()),
            .array(PGType.int8Array, originRows.finish()),
            .array(PGType.textArray, originHashes.finish()),
            .array(PGType.jsonbArray, payloads.finish()),
            .array(PGType.byteaArray, compactPayloads.finish()),
            .array(PGType.textArray, streamNames.finish()),
            .array(PGType.textArray, streamCategories.finish()),
            .array(PGType.int8Array, streamVersions.finish()),
        ]
    }
}
