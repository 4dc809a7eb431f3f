import CompetenceCore
import Foundation

extension StoreState {
    /// Plans an append against the indexes (``AppendPlanner`` decides), numbers and frames its records,
    /// assigns each its segment and offset, and records them in the indexes as planned.
    ///
    /// - Returns: the write to queue, or `nil` when the append was a retry of events already durable
    ///   (then `results` is the answer).
    mutating func planWrite(
        _ appends: [StreamAppend], options: FileStoreOptions,
        continuation: CheckedContinuation<[AppendResult], any Error>
    ) throws -> PendingWrite? {
        if let failure { throw failure }
        index.indexPendingIDs()
        let plan = try AppendPlanner.plan(
            appends, nextPosition: planned.head + 1, recordedAt: options.clock(),
            maxPayloadBytes: options.maxPayloadBytes,
            currentVersion: { self.index.version(of: $0) }, locate: { self.index.locate($0) })
        if plan.newEvents.isEmpty {
            let needed = plan.results.flatMap(\.positions).max() ?? 0
            if needed <= durable.head {
                continuation.resume(returning: plan.results)
                return nil
            }
            // A retry of events still being written: answer once they are durable.
            return PendingWrite(chunks: [], end: planned, results: plan.results, continuation: continuation)
        }
        var cursor = planned
        var chunks: [WriteChunk] = []
        var writer = ByteWriter(reservingCapacity: plan.newEvents.reduce(0) { $0 + RecordFraming.frameSize(of: $1) })
        var chunkStart = cursor.offset
        var newSegment: SegmentHeader?
        for event in plan.newEvents {
            let size = Int64(RecordFraming.frameSize(of: event))
            if cursor.offset + size > Int64(options.segmentSize), cursor.offset > Int64(SegmentHeader.size) {
                if !writer.bytes.isEmpty {
                    chunks.append(
                        WriteChunk(
                            segment: cursor.segment, offset: chunkStart, bytes: writer.bytes, newSegment: newSegment))
                    writer.bytes.removeAll(keepingCapacity: true)
                }
                cursor.segment += 1
                cursor.offset = Int64(SegmentHeader.size)
                chunkStart = cursor.offset
                newSegment = SegmentHeader(
                    number: cursor.segment, firstPosition: event.position, previousHash: cursor.hash)
                self.index.addSegment(cursor.segment, firstPosition: event.position)
            }
            let streamID = self.index.streamID(event.stream)
            self.index.add(id: event.id, streamID: streamID, segment: cursor.segment, offset: cursor.offset)
            cursor.hash = RecordFraming.write(event, previous: cursor.hash, into: &writer)
            cursor.offset += size
            cursor.head = event.position
        }
        chunks.append(
            WriteChunk(segment: cursor.segment, offset: chunkStart, bytes: writer.bytes, newSegment: newSegment))
        planned = cursor
        return PendingWrite(
            chunks: chunks, end: cursor, results: plan.results,
            continuation: continuation)
    }
}
