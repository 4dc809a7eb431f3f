import CompetenceCore
import Foundation

/// Where a record lies: its segment and the byte offset of its frame in that segment.
struct RecordLocation: Hashable, Sendable {
    var segment: UInt32
    var offset: UInt32
    /// The index of the record's stream in ``StoreIndex/streamNames``.
    var stream: UInt32
}

/// The in-memory indexes, rebuilt from the segments on open: every record's location by position, each
/// stream's positions by version, and each event id's position.
///
/// About 20 bytes per event, and about 22 more for the id index (``EventIDIndex``): a read-only store, which
/// never appends, does not keep it (``keepsEventIDs``). Entries may run ahead of what readers see (planned
/// appends not yet durable); readers only look at positions up to the durable head, and a failed write is
/// rolled back with ``truncate(toHead:lastSegment:)``.
struct StoreIndex: Sendable {
    /// `locations[p - 1]` is the location of position `p`.
    private(set) var locations: [RecordLocation] = []
    /// Each stream's id (its index in ``streamNames``).
    private(set) var streamIDs: [StreamName: UInt32] = [:]
    private(set) var streamNames: [StreamName] = []
    /// `streamPositions[id][v - 1]` is the position of version `v` of stream `id`.
    private(set) var streamPositions: [[Int64]] = []
    /// Each event id's position (``keepsEventIDs``); `nil` in a read-only store's index.
    private var eventIDs: EventIDIndex?
    /// The segments and their first positions, in order.
    private(set) var segments: [(number: UInt32, firstPosition: Int64)] = []
    /// The bytes and id of the stream ``existingStreamID(utf8:)`` found last (ids are never reused).
    private var lastStream: (bytes: [UInt8], id: UInt32)?
    /// Whether each event id's position is kept: only a writer looks ids up (a retried append is recognised
    /// by its id), so a read-only store leaves them out.
    var keepsEventIDs: Bool { eventIDs != nil }

    /// The last position indexed.
    var head: Int64 { Int64(locations.count) }

    /// An empty index; `keepingEventIDs`: whether it keeps each event id's position (a writer's needs it).
    init(keepingEventIDs: Bool = true) { eventIDs = keepingEventIDs ? EventIDIndex() : nil }

    /// Sizes the indexes for `events` events, and the per-event arrays for ``appendRoom(after:)`` more: the
    /// first append after opening a large store would otherwise grow them, copying every entry into memory
    /// touched for the first time (hundreds of megabytes at 10 M events). Capacity not yet used is not resident.
    mutating func reserve(events: Int) {
        let room = events + Self.appendRoom(after: events)
        locations.reserveCapacity(room)
        // Sized once, before anything is indexed (the ids indexed so far would be lost otherwise).
        if let ids = eventIDs, ids.head == 0 { eventIDs = EventIDIndex(capacity: events, idCapacity: room) }
    }

    /// Room for appends after `events` events: an eighth more, at most a million.
    static func appendRoom(after events: Int) -> Int { min(events / 8, 1 << 20) }

    /// Notes that segment `number` starts with position `firstPosition`.
    mutating func addSegment(_ number: UInt32, firstPosition: Int64) {
        segments.append((number, firstPosition))
    }

    /// The stream's id, creating one when the stream is new.
    mutating func streamID(_ stream: StreamName) -> UInt32 {
        if let id = streamIDs[stream] { return id }
        let id = UInt32(streamNames.count)
        streamIDs[stream] = id
        streamNames.append(stream)
        streamPositions.append([])
        return id
    }

    /// The id of the stream whose name is the UTF-8 `raw`, or `nil` when the index has no such stream. The
    /// stream looked up last is answered from its bytes, without making its name: records of one stream come
    /// in runs, and a string and a dictionary look-up per record are most of what indexing a record costs.
    mutating func existingStreamID(utf8 raw: UnsafeRawBufferPointer) -> UInt32? {
        if let last = lastStream, last.bytes.count == raw.count,
            last.bytes.withUnsafeBytes({ raw.isEmpty || memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 })
        {
            return last.id
        }
        guard let id = streamIDs[StreamName(String(decoding: raw, as: UTF8.self))] else { return nil }
        lastStream = (Array(raw), id)
        return id
    }

    /// The current version of stream `id` (including planned events).
    func version(ofStream id: UInt32) -> Int64 { Int64(streamPositions[Int(id)].count) }

    /// The version the next event of a stream gets, minus one: its current version (including planned events).
    func version(of stream: StreamName) -> Int64 {
        guard let id = streamIDs[stream] else { return 0 }
        return Int64(streamPositions[Int(id)].count)
    }

    /// The version of `stream` counting only events at or below `head`.
    func version(of stream: StreamName, atHead head: Int64) -> Int64 {
        guard let id = streamIDs[stream] else { return 0 }
        let positions = streamPositions[Int(id)]
        var count = positions.count
        while count > 0, positions[count - 1] > head { count -= 1 }
        return Int64(count)
    }

    /// Records the next position. The caller has checked that `position == head + 1` and that `version` is
    /// the stream's next version.
    mutating func add(id: UUID, streamID: UInt32, segment: UInt32, offset: Int64) {
        locations.append(RecordLocation(segment: segment, offset: UInt32(offset), stream: streamID))
        let position = Int64(locations.count)
        streamPositions[Int(streamID)].append(position)
        eventIDs?.append(id)
        assert(eventIDs.map { $0.head == position } ?? true, "the id index follows the positions")
    }

    /// Indexes the event ids added since the last call, so that ``locate(_:)`` finds them: the whole log's on
    /// open, at once (``EventIDIndex``), then each append's before it is planned.
    mutating func indexPendingIDs() { eventIDs?.indexPending() }

    /// The id index, for indexing elsewhere (``EventIDIndexing``), when it keeps ids and at least `minimum` of
    /// them are not yet indexed. This index keeps the ids, all pending again (``EventIDIndex/handOff()``), and
    /// stays usable: installing the result (``installIndexedIDs(_:)``) only saves indexing them here.
    mutating func handOffUnindexedIDs(atLeast minimum: Int) -> EventIDIndex? {
        guard let pending = eventIDs?.pendingCount, pending >= minimum else { return nil }
        return eventIDs?.handOff()
    }

    /// Takes `indexed`, the result of indexing what ``handOffUnindexedIDs(atLeast:)`` gave, in place of this index's
    /// own ids, unless ids were added or removed since (then it is dropped: this index's own still hold every
    /// id). Positions only ever hold one id, so the same head means the same ids.
    mutating func installIndexedIDs(_ indexed: EventIDIndex) {
        guard let eventIDs, eventIDs.head == indexed.head else { return }
        self.eventIDs = indexed
    }

    /// Where an event id is stored, if it is (only in an index that keeps ids: a writer's; after
    /// ``indexPendingIDs()``).
    func locate(_ id: UUID) -> StoredEventLocation? {
        guard let position = eventIDs?.position(of: id) else { return nil }
        let streamID = Int(locations[Int(position - 1)].stream)
        let positions = streamPositions[streamID]
        var low = 0
        var high = positions.count - 1
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < position { low = middle + 1 } else { high = middle }
        }
        return StoredEventLocation(stream: streamNames[streamID], version: Int64(low + 1), position: position)
    }

    func location(of position: Int64) -> RecordLocation { locations[Int(position - 1)] }

    /// The index file of `sealed`, a segment whose records are all indexed here; `nil` in an index that does not
    /// keep event ids (a reader's), or when the segment is not known or holds no record.
    func indexFile(of sealed: SealedSegment) -> SegmentIndexFile? {
        guard let eventIDs, let at = segments.firstIndex(where: { $0.number == sealed.number }) else { return nil }
        let first = segments[at].firstPosition
        let last = at + 1 < segments.count ? segments[at + 1].firstPosition - 1 : head
        guard first <= last, last <= eventIDs.head else { return nil }
        var local: [UInt32: UInt32] = [:]
        var streams: [StreamName] = []
        var entries: [SegmentIndexFile.Entry] = []
        entries.reserveCapacity(Int(last - first + 1))
        for position in first...last {
            let location = locations[Int(position - 1)]
            let stream: UInt32
            if let known = local[location.stream] {
                stream = known
            } else {
                stream = UInt32(streams.count)
                local[location.stream] = stream
                streams.append(streamNames[Int(location.stream)])
            }
            entries.append(.init(offset: location.offset, stream: stream, id: eventIDs.id(at: position)))
        }
        return SegmentIndexFile(
            number: sealed.number, segmentSize: sealed.size, firstPosition: first, lastHash: sealed.lastHash,
            streams: streams, entries: entries)
    }

    /// Forgets every position above `head` (a failed write): their ids and stream versions, and the
    /// segments numbered above `lastSegment` that were planned for them.
    mutating func truncate(toHead head: Int64, lastSegment: UInt32) {
        eventIDs?.truncate(toHead: head)
        while Int64(locations.count) > head {
            let removed = locations.removeLast()
            streamPositions[Int(removed.stream)].removeLast()
        }
        while let last = segments.last, last.number > lastSegment { segments.removeLast() }
    }
}
