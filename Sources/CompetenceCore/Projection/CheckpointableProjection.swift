import Foundation

/// A projection whose state can be checkpointed beside the log (see ``CheckpointStore``), so that
/// ``ProjectionRunner/replay(_:checkpoints:saveAfter:)`` and ``ProjectionRunner/follow(_:checkpoints:saveAfter:onUpdate:)``
/// start from the last checkpoint instead of the start of the log.
///
/// The runner wraps the payload in a snapshot with a header (checksums, the position and the event there,
/// the versions), checks all of it before use, and replays the whole log instead of trusting a snapshot that
/// is damaged, stale or of another version.
public protocol CheckpointableProjection: Projection {
    /// The name its checkpoints are saved under (see ``CheckpointName``).
    var checkpointName: String { get }
    /// The version of the fold and of the payload: a checkpoint written with another version is never read.
    /// Change it whenever either changes.
    var checkpointVersion: UInt32 { get }
    /// The state before any event, keeping whatever its checkpoint needs.
    func initialCheckpointableState() -> State
    /// The checkpoint payload of `state`.
    func checkpointPayload(of state: State) throws -> Data
    /// The state a checkpoint payload holds; throws when the payload cannot be read.
    func state(fromCheckpointPayload payload: Data) throws -> State
}

extension LedgerModel: CheckpointableProjection {
    /// `ledger-state`.
    public var checkpointName: String { "ledger-state" }

    /// ``LedgerState``'s fold version.
    public var checkpointVersion: UInt32 { LedgerState.foldVersion }

    /// An empty state that keeps the events other than answers as it folds them: a checkpoint holds the
    /// answers as rows and folds those events again.
    public func initialCheckpointableState() -> LedgerState { LedgerState(keepingReplayLog: true) }

    /// The state's answer table, counters and replay log. Throws ``SnapshotRejection/damaged(_:)`` for a state
    /// that did not keep its replay log (one not made by ``initialCheckpointableState()``).
    public func checkpointPayload(of state: LedgerState) throws -> Data {
        guard state.keepsReplayLog else {
            throw SnapshotRejection.damaged("the state did not keep what a checkpoint needs")
        }
        var writer = SnapshotWriter()
        state.snapshotPayload(into: &writer)
        return Data(writer.bytes)
    }

    public func state(fromCheckpointPayload payload: Data) throws -> LedgerState {
        try payload.withUnsafeBytes { bytes in
            var reader = SnapshotReader(bytes)
            let state = try LedgerState(snapshotPayload: &reader)
            guard reader.isAtEnd else { throw SnapshotRejection.damaged("bytes after the ledger state") }
            return state
        }
    }
}
