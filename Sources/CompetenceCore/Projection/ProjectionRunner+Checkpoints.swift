import Foundation

/// The outcome of a checkpointed replay: the replay, what it started from, and whether it saved a checkpoint.
public struct CheckpointedReplay<State: Sendable>: Sendable {
    /// The folded state; its checkpoint is the last position read.
    public var replayed: Replayed<State>
    /// What the replay started from.
    public var startedFrom: SnapshotUse
    /// Whether a new checkpoint was saved at ``Replayed/checkpoint``.
    public var saved: Bool
}

extension ProjectionRunner {
    /// Folds every event into `projection`, starting from its last checkpoint in `checkpoints` when that is
    /// intact, of this projection's version and of this store's history (else from the start of the log, and
    /// ``CheckpointedReplay/startedFrom`` says why), and saves a new checkpoint when at least `saveAfter`
    /// events were folded since the one it started from.
    ///
    /// Equal to ``replay(_:scope:resumingFrom:state:)`` over the whole log: the same state, whichever way it
    /// started.
    public func replay<P: CheckpointableProjection>(
        _ projection: P, checkpoints: any CheckpointStore, saveAfter: Int = 10_000
    ) async throws -> CheckpointedReplay<P.State> {
        let (start, startedFrom) = await restore(projection, from: checkpoints)
        let replayed = try await replay(
            projection, scope: .everything, resumingFrom: start.checkpoint, state: start.state)
        var saved = false
        if CheckpointSchedule(minimumEvents: saveAfter).isDue(at: replayed.checkpoint, lastSaved: start.checkpoint) {
            saved = try await save(projection, replayed, after: start.anchor, to: checkpoints) != nil
        }
        return CheckpointedReplay(replayed: replayed, startedFrom: startedFrom, saved: saved)
    }

    /// Like ``follow(_:resumingFrom:state:onUpdate:)`` from the last checkpoint in `checkpoints` (see
    /// ``replay(_:checkpoints:saveAfter:)``), saving a checkpoint whenever at least `saveAfter` events were
    /// folded since the last one. `onUpdate` is told what the follow started from with each update.
    public func follow<P: CheckpointableProjection>(
        _ projection: P, checkpoints: any CheckpointStore, saveAfter: Int = 10_000,
        onUpdate: @Sendable (Replayed<P.State>, SnapshotUse) async throws -> Void
    ) async throws {
        let (start, startedFrom) = await restore(projection, from: checkpoints)
        var savedAt = start.anchor
        let schedule = CheckpointSchedule(minimumEvents: saveAfter)
        try await following(projection, resumingFrom: start.checkpoint, state: start.state) { replayed in
            if schedule.isDue(at: replayed.checkpoint, lastSaved: savedAt.position),
                let anchor = try await save(projection, replayed, after: savedAt, to: checkpoints)
            {
                savedAt = anchor
            }
            try await onUpdate(replayed, startedFrom)
        }
    }

    /// The state to start from, with the store's history anchor at its position: the checkpoint's when it can
    /// be used, else the empty checkpointable state at the genesis.
    private func restore<P: CheckpointableProjection>(
        _ projection: P, from checkpoints: any CheckpointStore
    ) async -> (start: (state: P.State, checkpoint: Int64, anchor: HistoryAnchor), startedFrom: SnapshotUse) {
        let label = Self.label(projection)
        let loaded = await SnapshotKey.load(projection.checkpointName, from: checkpoints, store: store) {
            (blob: Data) throws(SnapshotRejection) -> ((P.State, Int64), SnapshotHeader) in
            let decoded = blob.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                Result { () throws(SnapshotRejection) -> (SnapshotHeader, Data) in
                    let (header, payload) = try SnapshotHeader.decode(bytes, foldVersion: projection.checkpointVersion)
                    return (header, Data(payload))
                }
            }
            let (header, payload) = try decoded.get()
            guard header.kind == .projectionState, header.label == label else {
                throw .damaged("it is the checkpoint of \(header.label), not of \(label)")
            }
            do {
                return ((try projection.state(fromCheckpointPayload: payload), header.position), header)
            } catch let rejection as SnapshotRejection {
                throw rejection
            } catch {
                throw .damaged("its payload cannot be read: \(error)")
            }
        }
        switch loaded {
        case .success(let ((state, position), anchor)):
            return ((state, position, anchor), .snapshot(position: position))
        case .failure(let rejection):
            return ((projection.initialCheckpointableState(), 0, .genesis), .log(rejection))
        }
    }

    /// Saves the checkpoint of `replayed`, keyed by its position and the history chain's hash there (the chain
    /// continued from `start`, an earlier anchor of this store's history, over the events after it). Returns the
    /// anchor saved at; `nil` when the store could not save it or the chain could not be computed (a checkpoint
    /// is a cache: the replay does not fail for it).
    private func save<P: CheckpointableProjection>(
        _ projection: P, _ replayed: Replayed<P.State>, after start: HistoryAnchor,
        to checkpoints: any CheckpointStore
    ) async throws -> HistoryAnchor? {
        guard replayed.checkpoint > 0, replayed.checkpoint >= start.position else { return nil }
        let page = try await store.readAll(from: replayed.checkpoint, limit: 1, filter: .all)
        guard let event = page.events.first, event.position == replayed.checkpoint else { return nil }
        let anchor: HistoryAnchor?
        do {
            anchor = try await HistoryChain.anchor(of: store, at: replayed.checkpoint, from: start)
        } catch is HistoryChainError {
            return nil
        }
        guard let anchor else { return nil }
        let payload = try projection.checkpointPayload(of: replayed.state)
        let fingerprint = try await SnapshotKey.fingerprint(of: store, at: replayed.checkpoint)
        let header = SnapshotHeader(
            kind: .projectionState, foldVersion: projection.checkpointVersion,
            catalogue: SnapshotHeader.currentCatalogue, layout: SnapshotHeader.currentLayout,
            label: Self.label(projection), position: replayed.checkpoint, eventID: event.id, headHash: anchor.hash,
            fingerprint: fingerprint, payloadLength: 0, payloadChecksum: 0)
        do {
            try await checkpoints.saveCheckpoint(
                SnapshotHeader.encode(header, payload: [UInt8](payload)), named: projection.checkpointName)
            return anchor
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return nil
        }
    }

    private static func label<P: CheckpointableProjection>(_ projection: P) -> String {
        "\(P.self) \(projection.checkpointName)"
    }
}
