import CompetenceCore
import Foundation

/// Encodes planned events as the nineteen array parameters of `append_events`: one element per event for
/// the event columns, one per stream for the stream rows (each stream once, at its last new version), and
/// last the recorded time of each event that brought one (`NewEvent.recordedAt`; NULL: the server's clock).
/// Arrays travel in binary, so one round trip carries a whole batch whatever its size.
///
/// The events must be in global order; `append_events` numbers them from the head on in that order.
enum AppendParameters {
    static func make(_ events: [RecordedEvent], givenRecordedAt: Set<UUID> = []) -> [PGParameter] {
        let count = events.count
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
        var recorded = PGArrayWriter(elementType: PGType.timestamptz, capacity: count * 4)
        var lastVersions: [StreamName: Int64] = [:]
        var streamOrder: [StreamName] = []

        for event in events {
            let category = event.stream.category
            ids.append(uuid: event.id)
            streams.append(text: event.stream.rawValue)
            categories.append(text: category)
            versions.append(int64: event.version)
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
            if givenRecordedAt.contains(event.id) {
                recorded.append(date: event.recordedAt)
            } else {
                recorded.appendNull()
            }
            if lastVersions.updateValue(event.version, forKey: event.stream) == nil { streamOrder.append(event.stream) }
        }
        var streamNames = PGArrayWriter(elementType: PGType.text, capacity: streamOrder.count * 32)
        var streamCategories = PGArrayWriter(elementType: PGType.text, capacity: streamOrder.count * 16)
        var streamVersions = PGArrayWriter(elementType: PGType.int8, capacity: streamOrder.count * 12)
        for stream in streamOrder {
            streamNames.append(text: stream.rawValue)
            streamCategories.append(text: stream.category)
            streamVersions.append(int64: lastVersions[stream]!)
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
            .array(PGType.timestamptzArray, recorded.finish()),
        ]
    }
}
