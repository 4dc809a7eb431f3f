import Foundation

/// Where a replay for reports starts: from the ledger's own snapshot (the validation state that
/// ``CompetenceLedger`` keeps beside the log and refreshes after every import) when it can be used, else from
/// the genesis.
///
/// The ledger's snapshot holds the same ``LedgerState`` a report's replay folds (the recorder folds every event
/// with the same ``LedgerModel``), its used-events hash, and the digest of every event its history chain covered
/// (``RecorderState/eventDigests``); its key is the history chain's hash at its position. So a report that
/// starts there and reads only the events after it has the same state and the same provenance — history head,
/// used-events hash, digests — as one that reads the whole log (`ReportStartTests` compare the two over random
/// histories).
///
/// The snapshot is used only when all of this holds; otherwise the replay reads the whole log, and
/// ``use`` says why:
/// - it loads, is intact (checksums) and of this build (``SnapshotRejection``);
/// - its key matches the store's history at its position (``SnapshotKey/check(_:against:)``: one lookup on a
///   store that keeps its chain);
/// - the scope folds every event up to its last position (the whole history, or up to a position at or after
///   the snapshot's): a day's scope folds a different set;
/// - the chain covered every event up to it, so its digests and used-events hash are whole.
struct ReportStart: Sendable {
    /// The state at ``position``.
    var state: LedgerState
    /// The last position folded into ``state`` (0: none).
    var position: Int64
    /// The history witnessed up to ``position``.
    var witness: HistoryWitness
    /// What the replay starts from.
    var use: SnapshotUse

    /// The start of the log: nothing folded, nothing witnessed.
    static func genesis(_ use: SnapshotUse) -> ReportStart {
        ReportStart(state: LedgerState(), position: 0, witness: HistoryWitness(), use: use)
    }

    /// The start for a replay of `store` in `scope` through `last`: the ledger's snapshot in `checkpoints` when
    /// it can be used (see the type's rules), else ``genesis(_:)``.
    static func load(
        from checkpoints: any CheckpointStore, store: any EventStore, scope: ReplayScope, through last: Int64
    ) async -> ReportStart {
        switch scope {
        case .everything, .throughPosition: break
        case .asOf, .effectiveOn:
            return .genesis(.log(.stale("a day's scope does not fold every event up to its end")))
        }
        let loaded = await SnapshotKey.load(CompetenceLedger.checkpointName, from: checkpoints, store: store) {
            (blob: Data) throws(SnapshotRejection) -> (RecorderState, SnapshotHeader) in
            let restored = try RecorderState.restore(from: blob)
            // Checked and restored, every page of the snapshot is resident (1.3 GB at 10 M events), most of them
            // parts a report never reads (the event directory, the answer keys). A mapped file's are given back;
            // the answer rows, read in place, come back from the page cache as the report reads them
            // (``ReadPages``). Bytes in ordinary memory (another store's copy) are left alone: paged out, the rows
            // read next would come back from swap.
            blob.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                let start = Int(bitPattern: base)
                if ReadPages.isFileMapping(start, start + bytes.count) { ReadPages.release(bytes, 0..<bytes.count) }
            }
            return restored
        }
        switch loaded {
        case .failure(let rejection):
            return .genesis(.log(rejection))
        case .success(let (recorder, anchor)):
            return start(from: recorder, at: anchor, through: last)
        }
    }

    /// The start a restored recorder state gives, its key checked (`anchor`), for a replay through `last`.
    static func start(from recorder: RecorderState, at anchor: HistoryAnchor, through last: Int64) -> ReportStart {
        guard recorder.checkpoint <= last else {
            return .genesis(.log(.stale("the snapshot at position \(recorder.checkpoint) is past the scope's end")))
        }
        guard recorder.digestsAreComplete, anchor.position == recorder.checkpoint else {
            return .genesis(.log(.stale("its history chain does not cover every event up to it")))
        }
        var state = recorder.ledger
        // A report never snapshots the state it folds: the log the snapshot kept for its own next save goes.
        state.replayLog = ReplayLog(kept: false)
        let used = state.usedEventsHash
        let chains = HistoryWitness.Chains(
            history: HistoryChain(from: anchor), usedOnItsOwn: used == anchor.hash ? nil : used)
        var digests: [UInt64] = []
        digests.reserveCapacity(recorder.eventDigests.count)
        recorder.eventDigests.forEachChunk { digests.append(contentsOf: $0) }
        return ReportStart(
            state: state, position: recorder.checkpoint, witness: HistoryWitness(chains: chains, digests: digests),
            use: .snapshot(position: recorder.checkpoint))
    }
}
