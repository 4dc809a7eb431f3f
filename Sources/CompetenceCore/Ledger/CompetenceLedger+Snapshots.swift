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
    /// checkpoints, when the store is empty, or when the history chain could not be computed over the log (an
    /// event without a canonical form).
    ///
    /// - Throws: the store's errors, from catching up or from saving.
    @discardableResult
    public func saveSnapshot() async throws -> Int64? {
        await acquire()
        defer { release() }
        guard let checkpoints else { return nil }
        try await catchUp()
        guard try await saveCurrentSnapshot(to: checkpoints) else { return nil }
        snapshotPosition = recorder.checkpoint
        return recorder.checkpoint
    }

    /// Starts from the last snapshot when it is intact, of this build and of this store's history (its key, the
    /// position and the history chain's hash there, matches the store's chain); else from the whole log.
    func restoreSnapshot() async throws {
        guard let checkpoints else { return }
        switch await SnapshotKey.load(
            Self.checkpointName, from: checkpoints, store: store, restore: RecorderState.restore)
        {
        case .success(let (state, anchor)):
            recorder = state
            historyChain = HistoryChain(from: anchor)
            snapshotPosition = state.checkpoint
            snapshotUse = .snapshot(position: state.checkpoint)
        case .failure(let rejection):
            recorder = .snapshotting()
            historyChain = HistoryChain()
            snapshotPosition = 0
            snapshotUse = .log(rejection)
        }
    }

    /// Saves the snapshot of the state as it is, keyed by its position, the history chain's hash there and the
    /// store's fingerprint there (when it keeps one), streamed to `checkpoints`; `false` when there is nothing to
    /// save or no chain at the state's position.
    private func saveCurrentSnapshot(to checkpoints: any CheckpointStore) async throws -> Bool {
        guard let head = historyChain?.head, head.position == recorder.checkpoint,
            let eventID = recorder.directory.id(at: recorder.checkpoint)
        else { return false }
        let fingerprint = try await SnapshotKey.fingerprint(of: store, at: head.position)
        try await recorder.saveSnapshot(
            eventID: eventID, headHash: head.hash, fingerprint: fingerprint, named: Self.checkpointName,
            to: checkpoints)
        return true
    }

    /// Saves a snapshot when one is due by ``checkpointSchedule``. A failed save is not an error of the
    /// recording (the events are appended): the next recording tries again.
    func saveSnapshotIfDue(after position: Int64) async throws {
        guard let checkpoints, checkpointSchedule.isDue(at: position, lastSaved: snapshotPosition) else { return }
        try await catchUp()
        guard recorder.checkpoint > snapshotPosition else { return }
        do {
            guard try await saveCurrentSnapshot(to: checkpoints) else { return }
            snapshotPosition = recorder.checkpoint
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return
        }
    }
}

/// Where a snapshot was taken: a position, the event there and the history chain's hash there. Checked against
/// the store before a snapshot is used, so that a snapshot of a longer, shorter or different history (a rewrite
/// anywhere before its position included) is rebuilt, never read.
enum SnapshotKey {
    /// Loads the checkpoint `name`, restores it with `restore` and checks its key against `store`. On success,
    /// the state and the store's history anchor at its position (from which the chain continues).
    static func load<State>(
        _ name: String, from checkpoints: any CheckpointStore, store: any EventStore,
        restore: (Data) throws(SnapshotRejection) -> (State, SnapshotHeader)
    ) async -> Result<(State, HistoryAnchor), SnapshotRejection> {
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
        switch await check(header, against: store) {
        case .success(let anchor): return .success((state, anchor))
        case .failure(let stale): return .failure(stale)
        }
    }

    /// The fingerprint `store` keeps of its history at `position` (``HistoryFingerprinting``), or `nil` when it
    /// keeps none (the key is then checked by rehashing the log).
    static func fingerprint(of store: any EventStore, at position: Int64) async throws -> HistoryFingerprint? {
        guard position > 0, let witness = store as? any HistoryFingerprinting else { return nil }
        return try await witness.historyFingerprint(at: position)
    }

    /// The store's history anchor at the snapshot's position when the snapshot of `header` belongs to `store`'s
    /// history as it is now, or why it does not: the store must hold the snapshot's event at its position, and
    /// its history chain must have the snapshot's hash there. That is one lookup when the store's fingerprint
    /// at the position vouches for it (``HistoryFingerprinting``: the one the snapshot kept) or it keeps the
    /// hash itself); otherwise the chain is computed over the log up to the position.
    static func check(
        _ header: SnapshotHeader, against store: any EventStore
    ) async -> Result<HistoryAnchor, SnapshotRejection> {
        guard header.position > 0 else {
            return header.headHash == .zero ? .success(.genesis) : .failure(.damaged("a head hash at position 0"))
        }
        let page: EventPage
        do {
            page = try await store.readAll(from: header.position, limit: 1, filter: .all)
        } catch {
            return .failure(.stale("the store could not be read at position \(header.position): \(error)"))
        }
        guard let event = page.events.first, event.position == header.position else {
            return .failure(
                .stale("the log has no event at position \(header.position), where the snapshot was taken"))
        }
        guard event.id == header.eventID else {
            return .failure(
                .stale(
                    "the event at position \(header.position) is \(event.id), not \(header.eventID) as when the snapshot was taken"
                ))
        }
        let keyed = HistoryAnchor(position: header.position, hash: header.headHash)
        // A store's own chain (the FileStore's record chain) vouches for the history when it is the one the
        // snapshot kept; another one (a copy of the log, a store that began keeping fingerprints later) may
        // still be of the same history, so then the history chain decides: one lookup on a store that keeps it
        // (``HistoryChainStoring``), otherwise computed over the log.
        if let now = try? await fingerprint(of: store, at: header.position), now == header.fingerprint {
            return .success(keyed)
        }
        let anchor: HistoryAnchor?
        do {
            anchor = try await HistoryChain.anchor(of: store, at: header.position)
        } catch {
            return .failure(.stale("the history chain up to position \(header.position) cannot be computed: \(error)"))
        }
        guard let anchor else {
            return .failure(.stale("the log has a gap before position \(header.position)"))
        }
        guard anchor.hash == header.headHash else {
            return .failure(
                .stale(
                    "the history chain at position \(header.position) is \(anchor.hash), the snapshot's \(header.headHash): "
                        + "the history up to there is not the one the snapshot was taken of"))
        }
        return .success(anchor)
    }
}
