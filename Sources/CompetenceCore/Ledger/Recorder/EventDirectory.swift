import Foundation

/// Every stored event, by position and by id: its stream, version and type, and whether a voiding may undo
/// it — what idempotent recording and voiding check. 32 bytes an event, plus 4–6 bytes of id index.
///
/// It holds *every* event, also those whose type this version does not know: their ids and stream versions
/// matter to an append even when their payload cannot be read.
struct EventDirectory: Sendable {
    struct Row: Sendable {
        var id: UUID
        var version: Int64
        var stream: Int32
        /// The type's number in ``types``; ``otherType`` for a type kept in ``otherTypes``; ``noEvent`` for a
        /// position no event was folded at.
        var type: UInt16
        /// 0: cannot be voided; 1: can; 2: unknown type.
        var voidable: UInt8
    }

    static let otherType: UInt16 = .max
    static let noEvent: UInt16 = .max - 1
    private static let noID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// `rows[p - 1]` is the event at position `p`.
    private(set) var rows = ChunkedArray<Row>()
    private var byID = SlotIndex()
    private(set) var streams = StreamTable()
    private(set) var types: ContiguousArray<String> = []
    private var typeNumbers: [String: UInt16] = [:]
    /// The types of events beyond the first 65,534 type names (a history no catalogue has).
    private(set) var otherTypes: [Int64: String] = [:]

    init() {}

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
            let hash = AnswerTable.hash(recorded.id, seed)
            let rehash = { (number: Int32) in AnswerTable.hash(rows[Int(number)].id, seed) }
            // An id stored twice (which no store holds) is found at its later position.
            if let earlier = byID.find(hash: hash, where: { rows[Int($0)].id == recorded.id }) {
                byID.remove(hash: hash, where: { $0 == earlier }, rehash: rehash)
            }
            byID.insert(row, hash: hash, rehash: rehash)
        }
        rows.append(
            Row(
                id: recorded.id, version: recorded.version, stream: stream, type: type,
                voidable: isVoidable.map { $0 ? 1 : 0 } ?? 2))
    }

    /// The stored event with this id.
    subscript(id: UUID) -> RecorderState.StoredEvent? {
        guard let number = byID.find(hash: AnswerTable.hash(id, byID.seed), where: { rows[Int($0)].id == id })
        else { return nil }
        let row = rows[Int(number)]
        let position = Int64(number) + 1
        return RecorderState.StoredEvent(
            stream: streams.names[Int(row.stream)], version: row.version, position: position,
            type: row.type == Self.otherType ? otherTypes[position]! : types[Int(row.type)],
            isVoidable: row.voidable == 2 ? nil : row.voidable == 1)
    }

    /// The current version of a stream (0: no event).
    func version(of stream: StreamName) -> Int64 { streams.version(of: stream) }
}
