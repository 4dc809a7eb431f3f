import CompetenceCore
import Foundation

/// Reads records back from the segments with `pread`, never past the durable head it is given.
///
/// Reads run on the calling task: they are short reads of (usually cached) file pages, bounded by one
/// page of events, and copying through a reused buffer is what makes replay fast.
struct LogReader {
    let files: SegmentFiles

    /// What a page read needs from the indexes, taken under the lock.
    struct PageStart {
        var position: Int64
        var location: RecordLocation
        var head: Int64
        /// Later segments that start at or below `head`: (number, first position).
        var boundaries: [(number: UInt32, firstPosition: Int64)]
    }

    /// Reads up to `limit` events that pass `filter`, from `start.position` to at most `start.head`.
    func page(_ start: PageStart, limit: Int, filter: EventFilter) throws -> EventPage {
        var events: [RecordedEvent] = []
        events.reserveCapacity(min(limit, Int(start.head - start.position + 1)))
        var position = start.position
        var segment = start.location.segment
        var offset = Int64(start.location.offset)
        var boundary = 0
        var chunk = Chunk(
            capacity: min(1 << 20, max(64 << 10, limit.multipliedReportingOverflow(by: 256).partialValue)))
        defer { chunk.deallocate() }
        var texts = RepeatedTexts()
        while position <= start.head, events.count < limit {
            if boundary < start.boundaries.count, start.boundaries[boundary].firstPosition == position {
                segment = start.boundaries[boundary].number
                offset = Int64(SegmentHeader.size)
                boundary += 1
            }
            let (body, size) = try chunk.frame(files: files, segment: segment, offset: offset)
            if filter.isAll {
                events.append(try decode(body, position: position, segment: segment, offset: offset, texts: &texts))
            } else {
                let fields: RecordBody.IndexFields
                do { fields = try RecordBody.indexFields(body) } catch {
                    throw FileStoreError.corruptRecord(
                        segment: files.path(segment), offset: offset, reason: error.reason)
                }
                let type = texts.type.text(fields.type)
                let stream = StreamName(texts.stream.text(fields.stream))
                if filter.matches(type: type, stream: stream) {
                    events.append(try decode(body, position: position, segment: segment, offset: offset, texts: &texts))
                }
            }
            offset += Int64(size)
            position += 1
        }
        return EventPage(events: events, nextPosition: position)
    }

    /// Reads single records at known locations (for stream reads).
    func records(at locations: [(position: Int64, location: RecordLocation)]) throws -> [RecordedEvent] {
        var chunk = Chunk(capacity: 16 << 10)
        defer { chunk.deallocate() }
        var events: [RecordedEvent] = []
        events.reserveCapacity(locations.count)
        var texts = RepeatedTexts()
        for (position, location) in locations {
            let offset = Int64(location.offset)
            let (body, _) = try chunk.frame(files: files, segment: location.segment, offset: offset)
            events.append(
                try decode(body, position: position, segment: location.segment, offset: offset, texts: &texts))
        }
        return events
    }

    /// The chain hash stored with the record at `location` (its frame checked as a read checks it).
    func chainHash(at location: RecordLocation) throws -> ChainHash {
        var chunk = Chunk(capacity: 4 << 10)
        defer { chunk.deallocate() }
        let (_, hash) = try chunk.frameWithHash(files: files, segment: location.segment, offset: Int64(location.offset))
        return ChainHash(hash)
    }

    private func decode(
        _ body: UnsafeRawBufferPointer, position: Int64, segment: UInt32, offset: Int64, texts: inout RepeatedTexts
    ) throws -> RecordedEvent {
        let event: RecordedEvent
        do { event = try RecordBody.event(body, texts: &texts) } catch {
            throw FileStoreError.corruptRecord(segment: files.path(segment), offset: offset, reason: error.reason)
        }
        guard event.position == position else {
            throw FileStoreError.corruptRecord(
                segment: files.path(segment), offset: offset,
                reason: "the record has position \(event.position) where \(position) was expected")
        }
        return event
    }

    /// A read buffer holding a window of one segment; frames are served from it while they fit.
    struct Chunk {
        var buffer: UnsafeMutableRawBufferPointer
        var segment: UInt32 = 0
        var start: Int64 = 0
        var count = 0

        init(capacity: Int) { buffer = .allocate(byteCount: capacity, alignment: 16) }

        func deallocate() { buffer.deallocate() }

        /// The checked body and frame size of the record at `offset` of `segment`.
        mutating func frame(files: SegmentFiles, segment: UInt32, offset: Int64) throws -> (UnsafeRawBufferPointer, Int)
        {
            let (body, _, size) = try record(files: files, segment: segment, offset: offset)
            return (body, size)
        }

        /// The checked body and the chain hash of the record at `offset` of `segment`.
        mutating func frameWithHash(
            files: SegmentFiles, segment: UInt32, offset: Int64
        ) throws -> (UnsafeRawBufferPointer, UnsafeRawBufferPointer) {
            let (body, hash, _) = try record(files: files, segment: segment, offset: offset)
            return (body, hash)
        }

        private mutating func record(
            files: SegmentFiles, segment: UInt32, offset: Int64
        ) throws -> (body: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer, size: Int) {
            var refilled = false
            while true {
                if segment == self.segment, offset >= start, offset < start + Int64(count) {
                    let window = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                    switch RecordFraming.frame(in: window, at: Int(offset - start)) {
                    case .record(let body, let hash, let size):
                        return (body, hash, size)
                    case .invalid(let reason):
                        throw FileStoreError.corruptRecord(segment: files.path(segment), offset: offset, reason: reason)
                    case .incomplete(let size):
                        if refilled {
                            throw FileStoreError.corruptRecord(
                                segment: files.path(segment), offset: offset,
                                reason: "the segment ends inside a record that was whole when indexed")
                        }
                        if let size, size > buffer.count {
                            buffer.deallocate()
                            buffer = .allocate(byteCount: size, alignment: 16)
                        }
                    }
                } else if refilled {
                    throw FileStoreError.corruptRecord(
                        segment: files.path(segment), offset: offset,
                        reason: "the segment ends before a record that was whole when indexed")
                }
                let fd = try files.descriptor(segment)
                count = try StoreIO.read(fd, into: buffer, at: offset, path: files.path(segment))
                self.segment = segment
                start = offset
                refilled = true
            }
        }
    }
}
