import Foundation

/// Every stored event, by position and by id: its stream, version and type, and whether a voiding may undo
/// it — what idempotent recording and voiding check. 32 bytes an event, plus 4–6 bytes of id index.
///
/// It holds *every* event, also those whose type this version does not know: their ids and stream versions
/// matter to an append even when their payload cannot be read.
struct EventDirectory: Sendable {
    struct Row: Sendable, BitwiseCopyable {
        var id: RawID
        var version: Int64
        var stream: Int32
        /// The type's number in ``types``; ``otherType`` for a type kept in ``otherTypes``; ``noEvent`` for a
        /// position no event was folded at.
        var type: UInt16
        /// 0: cannot be voided; 1: can; 2: unknown type.
        var voidable: UInt8

        /// Size, stride, alignment and field offsets: part of a snapshot's layout signature.
        static let layout: [Int] =
            [MemoryLayout<Self>.size, MemoryLayout<Self>.stride, MemoryLayout<Self>.alignment]
            + [\Self.id, \Self.version, \Self.stream, \Self.type, \Self.voidable].map {
                MemoryLayout<Self>.offset(of: $0)!
            }
    }

    static let otherType: UInt16 = .max
    static let noEvent: UInt16 = .max - 1
    private static let noID = RawID(low: 0, high: 0)

    /// `rows[p - 1]` is the event at position `p`.
    private(set) var rows = ChunkedArray<Row>()
    private(set) var byID = SlotIndex()
    private(set) var streams = StreamTable()
    private(set) var types: ContiguousArray<String> = []
    private(set) var typeNumbers: [String: UInt16] = [:]
    /// The types of events beyond the first 65,534 type names (a history no catalogue has).
    private(set) var otherTypes: [Int64: String] = [:]

    init() {}

    /// A directory from its parts (a snapshot's); `nil` when a type name repeats.
    init?(
        rows: ChunkedArray<Row>, byID: SlotIndex, streams: StreamTable, types: ContiguousArray<String>,
        otherTypes: [Int64: String]
    ) {
        var numbers: [String: UInt16] = [:]
        for (index, type) in types.enumerated() {
            guard numbers.updateValue(UInt16(index), forKey: type) == nil else { return nil }
        }
        self.rows = rows
        self.byID = byID
        self.streams = streams
        self.types = types
        self.typeNumbers = numbers
        self.otherTypes = otherTypes
    }

    /// The last position recorded (0 when none).
    var lastPosition: Int64 { Int64(rows.count) }

    /// Records the event at `recorded.position` (above every position recorded so far).
    mutating func add(_ recorded: RecordedEvent, isVoidable: Bool?) {
        precondition(recorded.position > lastPosition, "positions are recorded in increasing order")
        precondition(recorded.position < Int64(Int32.max), "more than 2^31 events")
        while Int64(rows.count) + 1 < recorded.position {
            rows.append(Row(id: Self.noID, version: 0, stream: 0, type: Self.noEvent, voidable: 0))
        }
        let stream = streams.number(for: recorded.stream)
        streams.setVersion(recorded.version, of: stream)
        var type: UInt16
        if let known = typeNumbers[recorded.type] {
            type = known
        } else if types.count < Int(Self.noEvent) {
            type = UInt16(types.count)
            types.append(recorded.type)
            typeNumbers[recorded.type] = type
        } else {
            type = Self.otherType
            otherTypes[recorded.position] = recorded.type
        }
        let row = Int32(rows.count)
        do {
            let rows = self.rows
            let seed = byID.seed
            let id = RawID(recorded.id)
            let hash = id.hash(seed)
            let rehash = { (number: Int32) in rows[Int(number)].id.hash(seed) }
            // An id stored twice (which no store holds) is found at its later position.
            byID.insertReplacing(row, hash: hash, where: { rows[Int($0)].id == id }, rehash: rehash)
        }
        rows.append(
            Row(
                id: RawID(recorded.id), version: recorded.version, stream: stream, type: type,
                voidable: isVoidable.map { $0 ? 1 : 0 } ?? 2))
    }

    /// The stored event with this id.
    subscript(id: UUID) -> RecorderState.StoredEvent? {
        let id = RawID(id)
        guard let number = byID.find(hash: id.hash(byID.seed), where: { rows[Int($0)].id == id }) else { return nil }
        let row = rows[Int(number)]
        let position = Int64(number) + 1
        return RecorderState.StoredEvent(
            stream: streams.names[Int(row.stream)], version: row.version, position: position,
            type: row.type == Self.otherType ? otherTypes[position]! : types[Int(row.type)],
            isVoidable: row.voidable == 2 ? nil : row.voidable == 1)
    }

    /// The id of the event at `position`, if one was recorded there.
    func id(at position: Int64) -> UUID? {
        guard position >= 1, position <= lastPosition else { return nil }
        let row = rows[Int(position - 1)]
        return row.type == Self.noEvent ? nil : row.id.uuid
    }

    /// The current version of a stream (0: no event).
    func version(of stream: StreamName) -> Int64 { streams.version(of: stream) }
}
