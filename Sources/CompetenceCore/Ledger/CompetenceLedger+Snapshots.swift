import Foundation

/// What a ledger (or a checkpointed replay) started from.
public enum SnapshotUse: Hashable, Sendable, CustomStringConvertible {
    /// No checkpoints are kept (or nothing was read yet).
    case notCheckpointed
    /// A snapshot taken at this position, then the events after it.
    case snapshot(position: Int64)
    /// The whole log, because no snapshot could be used.
    case log(SnapshotRejection)

    public var description: String {
        switch self {
        case .notCheckpointed: "not checkpointed"
        case .snapshot(let position): "snapshot at position \(position)"
        case .log(let rejection): "the whole log (\(rejection))"
        }
    }
}

extension CompetenceLedger {
    /// The name of the ledger's checkpoint: its validation state.
    public static let checkpointName = "ledger-recorder"

    /// Catches up with the store and saves a snapshot of the validation state now, whatever the interval — for
    /// example after appending a history in bulk by other means. Returns the position saved at; `nil` without
    /// checkpoints or when the store is empty.
    ///
    /// - Throws: the store's errors, from catching up or from saving.
    @discardableResult
    public func saveSnapshot() async throws -> Int64? {
        await acquire()
        defer { release() }
        guard let checkpoints else { return nil }
        try await catchUp()
        guard let eventID = recorder.directory.id(at: recorder.checkpoint) else { return nil }
        try await checkpoints.saveCheckpoint(recorder.snapshot(eventID: eventID), named: Self.checkpointName)
        snapshotPosition = recorder.checkpoint
        return recorder.checkpoint
    }

    /// Starts from the last snapshot when it is intact, of this build and of this store's history.
    func restoreSnapshot() async throws {
        guard let checkpoints else { return }
        switch await SnapshotKey.load(
            Self.checkpointName, from: checkpoints, store: store, restore: RecorderState.restore)
        {
        case .success(let state):
            recorder = state
            snapshotPosition = state.checkpoint
            snapshotUse = .snapshot(position: state.checkpoint)
        case .failure(let rejection):
            recorder = .snapshotting()
            snapshotPosition = 0
            snapshotUse = .log(rejection)
        }
    }

    /// Saves a snapshot when at least ``checkpointInterval`` events were added since the last one. A failed
    /// save is not an error of the recording (the events are appended): the next recording tries again.
    func saveSnapshotIfDue(after position: Int64) async throws {
        guard let checkpoints, position - snapshotPosition >= Int64(checkpointInterval) else { return }
        try await catchUp()
        guard recorder.checkpoint > snapshotPosition, let eventID = recorder.directory.id(at: recorder.checkpoint)
        else { return }
        let snapshot = recorder.snapshot(eventID: eventID)
        do {
            try await checkpoints.saveCheckpoint(snapshot, named: Self.checkpointName)
            snapshotPosition = recorder.checkpoint
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return
        }
    }
}

/// Where a snapshot was taken: a position, and the event there. Checked against the store before a snapshot
/// is used, so that a snapshot of a longer, shorter or different history is rebuilt, never read.
///
/// (When the history chain keys snapshots, the head hash at the position joins the key: the header keeps room
/// for it.)
enum SnapshotKey {
    /// Loads the checkpoint `name`, restores it with `restore` and checks its key against `store`.
    static func load<State>(
        _ name: String, from checkpoints: any CheckpointStore, store: any EventStore,
        restore: (Data) throws(SnapshotRejection) -> (State, SnapshotHeader)
    ) async -> Result<State, SnapshotRejection> {
        let blob: Data?
        do {
            blob = try await checkpoints.loadCheckpoint(named: name)
        } catch {
            return .failure(.damaged("it cannot be read: \(error)"))
        }
        guard let blob else { return .failure(.missing) }
        let state: State
        let header: SnapshotHeader
        do {
            (state, header) = try restore(blob)
        } catch {
            return .failure(error)
        }
        if let stale = await check(header, against: store) { return .failure(stale) }
        return .success(state)
    }

    /// Why the snapshot of `header` does not belong to `store`'s history as it is now, or `nil` when it does.
    static func check(_ header: SnapshotHeader, against store: any EventStore) async -> SnapshotRejection? {
        guard header.position > 0 else { return nil }
        let page: EventPage
        do {
            page = try await store.readAll(from: header.position, limit: 1, filter: .all)
        } catch {
            return .stale("the store could not be read at position \(header.position): \(error)")
        }
        guard let event = page.events.first, event.position == header.position else {
            return .stale("the log has no event at position \(header.position), where the snapshot was taken")
        }
        guard event.id == header.eventID else {
            return .stale(
                "the event at position \(header.position) is \(event.id), not \(header.eventID) as when the snapshot was taken"
            )
        }
        return nil
    }
}
