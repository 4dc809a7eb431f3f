import Foundation

extension LedgerState {
    /// The version of the fold that snapshots record: a snapshot written by a build with another fold version
    /// is rebuilt from the log, never read. **Bump it with any change to how events are folded** (a new event
    /// type, a new part of the state, a different rule), and to what ``AnswerTable`` stores.
    static let foldVersion: UInt32 = 5

    /// Whether the state keeps what a snapshot of it needs (the events other than answers, see
    /// ``ReplayLog``); a state replayed only to be read keeps nothing extra.
    var keepsReplayLog: Bool { replayLog.isKept }

    /// The payload of a snapshot of this state: its counters, its answer table, and the log of every other
    /// event folded. Needs a state that kept its log.
    func snapshotPayload(into writer: inout some SnapshotSink) {
        precondition(keepsReplayLog, "a snapshot needs a state that keeps its replay log")
        writer.write(lastPosition)
        writer.write(Int64(eventCount))
        writer.write(fingerprint)
        writer.write(bytes: usedEventsHash.bytes)
        answers.write(to: &writer)
        writer.write(UInt64(replayLog.count))
        writer.write(bytes: replayLog.writer.bytes)
    }

    /// The state a snapshot payload describes: the answer table as stored, everything else folded again from
    /// the replay log by the same fold that made it.
    init(snapshotPayload reader: inout SnapshotReader) throws(SnapshotRejection) {
        self.init()
        do {
            let lastPosition = try reader.read(Int64.self)
            let eventCount = Int(try reader.read(Int64.self))
            let fingerprint = try reader.read(UInt64.self)
            let usedEventsHashBytes = try reader.readBytes()
            guard usedEventsHashBytes.count == 32 else {
                throw SnapshotDamage("a used-events hash of \(usedEventsHashBytes.count) bytes")
            }
            let usedEventsHash = HistoryHash(digest: [UInt8](usedEventsHashBytes))
            answers = try AnswerTable(from: &reader)
            let logCount = try reader.readCount(elementSize: 1)
            let logBytes = try reader.readByteArray()
            try logBytes.withUnsafeBytes { raw in
                var log = SnapshotReader(raw)
                try ReplayLog.forEach(in: &log, count: logCount) { recorded in
                    guard let event = try recorded.decoded() else {
                        throw SnapshotDamage("an event of unknown type \(recorded.type) in the replay log")
                    }
                    fold(event, recorded: recorded)
                }
                guard log.isAtEnd else { throw SnapshotDamage("bytes after the replay log") }
            }
            replayLog = ReplayLog(bytes: logBytes, count: logCount)
            self.lastPosition = lastPosition
            self.eventCount = eventCount
            self.fingerprint = fingerprint
            self.usedEventsHash = usedEventsHash
        } catch let damage as SnapshotDamage {
            throw .damaged(damage.description)
        } catch {
            throw .damaged(String(describing: error))
        }
    }
}
