import Foundation

/// The events of a ``LedgerState`` other than survey answers, as folded (id, position, times, type and
/// payload bytes; no stream or metadata, which the fold does not read), kept so that a snapshot can rebuild
/// everything but the answers by folding them again: the answers (most of any history) are stored as rows,
/// the rest is re-derived by the same fold that made it — so a new event type or a new part of the state
/// needs nothing in the snapshot format.
///
/// Folding the answers' corrections and voidings again over the stored rows changes nothing: a correction
/// sets the levels it carries (the last one wins, as before), a voided answer is already gone. An event type
/// added later whose fold changes the answer table must keep that property (see ``LedgerState/foldVersion``).
///
/// A log never takes part in its state's equality: two states folded from the same events are equal whether
/// or not one of them kept a log.
struct ReplayLog: Hashable, Sendable {
    private(set) var writer = SnapshotWriter()
    private(set) var count = 0
    /// Whether events are kept at all (a state replayed only to be read keeps none).
    let isKept: Bool

    /// An empty log that keeps events, or one that does not.
    init(kept: Bool) { isKept = kept }

    /// A log of `count` events already written as `bytes` (a snapshot's).
    init(bytes: [UInt8], count: Int) {
        writer = SnapshotWriter(bytes: bytes)
        self.count = count
        isKept = true
    }

    /// Keeps an event as folded (when the log keeps events).
    mutating func append(_ recorded: RecordedEvent) {
        guard isKept else { return }
        writer.write(recorded.position)
        writer.write(recorded.id)
        writer.write(recorded.type)
        writer.write(Int64(recorded.schemaVersion))
        writer.write(recorded.occurredAt.timeIntervalSinceReferenceDate)
        writer.write(recorded.recordedAt.timeIntervalSinceReferenceDate)
        writer.write(recorded.payload.encoding.rawValue)
        writer.write(bytes: recorded.payload.bytes)
        count += 1
    }

    /// Calls `body` with each kept event, in the order folded, read from a log's bytes.
    static func forEach(
        in reader: inout SnapshotReader, count: Int, _ body: (RecordedEvent) throws -> Void
    ) throws {
        for _ in 0..<count {
            let position = try reader.read(Int64.self)
            let id = try reader.readUUID()
            let type = try reader.readString()
            let schemaVersion = try reader.read(Int64.self)
            let occurredAt = try reader.readDouble()
            let recordedAt = try reader.readDouble()
            guard let encoding = PayloadEncoding(rawValue: try reader.read(UInt8.self)) else {
                throw SnapshotDamage("an unknown payload encoding in the replay log")
            }
            let payload = try reader.readBytes()
            try body(
                RecordedEvent(
                    id: id, stream: StreamName(""), version: 0, position: position, type: type,
                    schemaVersion: Int(schemaVersion), occurredAt: Date(timeIntervalSinceReferenceDate: occurredAt),
                    recordedAt: Date(timeIntervalSinceReferenceDate: recordedAt), metadata: .none,
                    payload: EventPayload(encoding: encoding, bytes: payload)))
        }
    }

    static func == (lhs: ReplayLog, rhs: ReplayLog) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
