import Foundation

extension RecorderState {
    /// The label of the recorder's snapshots.
    static let label = "recorder"

    /// An empty state that keeps what its snapshot needs.
    static func snapshotting() -> RecorderState {
        var state = RecorderState()
        state.ledger = LedgerState(keepingReplayLog: true)
        return state
    }

    /// The snapshot of this state, taken at ``checkpoint``: the event there is `eventID`, the history chain's
    /// hash there `headHash`, the store's fingerprint there `fingerprint` (when it keeps one).
    func snapshot(eventID: UUID, headHash: HistoryHash, fingerprint: HistoryFingerprint? = nil) -> Data {
        SnapshotHeader.encode(
            snapshotHeader(eventID: eventID, headHash: headHash, fingerprint: fingerprint), payload: self)
    }

    /// Saves ``snapshot(eventID:headHash:fingerprint:)``'s bytes under `name` in `checkpoints`, streamed: the
    /// snapshot is never held whole in memory beside the state.
    func saveSnapshot(
        eventID: UUID, headHash: HistoryHash, fingerprint: HistoryFingerprint?, named name: String,
        to checkpoints: any CheckpointStore
    ) async throws {
        try await SnapshotHeader.save(
            snapshotHeader(eventID: eventID, headHash: headHash, fingerprint: fingerprint), payload: self,
            named: name, to: checkpoints)
    }

    private func snapshotHeader(
        eventID: UUID, headHash: HistoryHash, fingerprint: HistoryFingerprint?
    ) -> SnapshotHeader {
        SnapshotHeader(
            kind: .recorderState, foldVersion: LedgerState.foldVersion, catalogue: SnapshotHeader.currentCatalogue,
            layout: SnapshotHeader.currentLayout, label: Self.label, position: checkpoint,
            eventID: eventID, headHash: headHash, fingerprint: fingerprint, payloadLength: 0, payloadChecksum: 0)
    }

    /// The state a snapshot holds, with its header (whose key the caller checks against the store).
    ///
    /// The largest parts (the event directory's and the answer table's rows, and the slots of the three id
    /// indexes) are read in place: they point into `snapshot`'s bytes, which they keep alive (``SnapshotBytes``),
    /// and copy a chunk only when it changes. A mapped checkpoint file (the FileStore's) is then never copied
    /// into fresh memory, only read.
    static func restore(from snapshot: Data) throws(SnapshotRejection) -> (RecorderState, SnapshotHeader) {
        let source = SnapshotBytes(snapshot)
        let result = source.data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            Result { () throws(SnapshotRejection) -> (RecorderState, SnapshotHeader) in
                let (header, payload) = try SnapshotHeader.decode(bytes)
                guard header.kind == .recorderState, header.label == Self.label else {
                    throw .damaged("it is not a recorder snapshot")
                }
                var reader = SnapshotReader(payload, source: source)
                var state = RecorderState()
                do throws(SnapshotDamage) {
                    state.checkpoint = try reader.read(Int64.self)
                    state.directory = try EventDirectory(from: &reader)
                    state.answerKeys = try AnswerKeyIndex(from: &reader)
                    state.eventDigests = try reader.readChunkedRows(UInt64.self)
                } catch {
                    throw .damaged(error.description)
                }
                state.ledger = try LedgerState(snapshotPayload: &reader)
                guard reader.isAtEnd, state.checkpoint == header.position,
                    state.directory.lastPosition == state.checkpoint,
                    state.answerKeys.holdsRows(below: state.ledger.answers.rows.count),
                    state.eventDigests.count <= state.checkpoint
                else { throw .damaged("its parts do not fit together") }
                return (state, header)
            }
        }
        return try result.get()
    }
}

extension RecorderState: SnapshotPayload {
    func writePayload(to writer: inout some SnapshotSink) {
        writer.write(checkpoint)
        directory.write(to: &writer)
        answerKeys.write(to: &writer)
        writer.write(rows: eventDigests)
        ledger.snapshotPayload(into: &writer)
    }
}

extension EventDirectory {
    func write(to writer: inout some SnapshotSink) {
        writer.write(rows: rows)
        writer.write(index: byID)
        writer.write(UInt64(streams.names.count))
        for name in streams.names { writer.write(name.rawValue) }
        writer.write(rows: streams.versions)
        writer.write(UInt64(types.count))
        for type in types { writer.write(type) }
        writer.write(UInt64(otherTypes.count))
        for (position, type) in otherTypes.sorted(by: { $0.key < $1.key }) {
            writer.write(position)
            writer.write(type)
        }
    }

    init(from reader: inout SnapshotReader) throws(SnapshotDamage) {
        let rows = try reader.readChunkedRows(Row.self)
        let byID = try reader.readIndex()
        let streamCount = try reader.readCount(elementSize: 4)
        var names = ContiguousArray<StreamName>()
        names.reserveCapacity(streamCount)
        for _ in 0..<streamCount { names.append(StreamName(try reader.readString())) }
        let versions = try reader.readRows(Int64.self)
        guard let streams = StreamTable(names: names, versions: versions) else {
            throw SnapshotDamage("a stream table that does not fit together")
        }
        let typeCount = try reader.readCount(elementSize: 4)
        var types = ContiguousArray<String>()
        for _ in 0..<typeCount { types.append(try reader.readString()) }
        let otherCount = try reader.readCount(elementSize: 12)
        var otherTypes: [Int64: String] = [:]
        for _ in 0..<otherCount { otherTypes[try reader.read(Int64.self)] = try reader.readString() }
        var valid = byID.holdsRows(below: rows.count) && types.count < Int(Self.noEvent)
        var position: Int64 = 0
        rows.forEachChunk { chunk in
            for row in chunk {
                position += 1
                let knownType =
                    Int(row.type) < types.count || row.type == Self.noEvent
                    || (row.type == Self.otherType && otherTypes[position] != nil)
                valid = valid && knownType && row.stream >= 0 && Int(row.stream) < streams.names.count
            }
        }
        guard valid,
            let directory = EventDirectory(
                rows: rows, byID: byID, streams: streams, types: types, otherTypes: otherTypes)
        else { throw SnapshotDamage("an event directory that does not fit together") }
        self = directory
    }
}

extension AnswerKeyIndex {
    func write(to writer: inout some SnapshotSink) { writer.write(index: slots) }

    init(from reader: inout SnapshotReader) throws(SnapshotDamage) {
        self.init(slots: try reader.readIndex())
    }

    /// Whether every indexed row is a row of the answer table.
    func holdsRows(below rowCount: Int) -> Bool { slots.holdsRows(below: rowCount) }
}
