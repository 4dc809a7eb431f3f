import CompetenceCore
import Foundation

/// Bytes to write at one place of one segment, creating the segment first when it is new.
struct WriteChunk: Sendable {
    var segment: UInt32
    var offset: Int64
    var bytes: [UInt8]
    /// Set on the first chunk of a segment the write creates.
    var newSegment: SegmentHeader?
}

/// An append planned and encoded, waiting for the writer.
struct PendingWrite: Sendable {
    var chunks: [WriteChunk]
    /// The log's end once this write is on disk.
    var end: LogCursor
    /// What the appender gets back.
    var results: [AppendResult]
    var continuation: CheckedContinuation<[AppendResult], any Error>
}

/// Everything the store's one lock guards.
struct StoreState: Sendable {
    var index = StoreIndex()
    /// The end of what is on disk (synced, in durable mode): what readers see.
    var durable = LogCursor()
    /// The end including planned appends: where the next append goes. Equal to ``durable`` when idle.
    var planned = LogCursor()
    /// Every position up to this one is synced: on disk whatever happens (batched durability acknowledges
    /// positions before they are).
    var synced: Int64 = 0
    /// Planned appends, in position order, not yet taken by the writer.
    var queue: [PendingWrite] = []
    /// Whether a drain is scheduled or running on the writer's queue.
    var draining = false
    /// How many appends the last group commit acknowledged: as many appenders may be about to append again.
    var lastBatchAppends = 0
    /// How long the last group commit's sync took (zero with batched durability, which does not wait).
    var lastSync: Duration = .zero
    /// Whether the writer is waiting for appenders of the last group commit to come back.
    var lingering = false
    /// The segment written but not yet synced (batched durability; a segment is synced before the next is
    /// created, so there is at most one).
    var unsynced: Set<UInt32> = []
    /// Whether a timed sync is scheduled (batched durability).
    var syncScheduled = false
    /// Set when a sync failed: appends are refused until the store is reopened.
    var failure: FileStoreError?
    /// The writer's event ids being indexed on their own thread since the open, until the first append
    /// installs them (``installIndexedIDs(from:)``).
    var idIndexing: EventIDIndexing?

    /// Puts the ids `indexing` indexed into the index, if they are still the ones it waits for.
    mutating func installIndexedIDs(from indexing: EventIDIndexing) {
        guard idIndexing === indexing else { return }
        idIndexing = nil
        if let indexed = indexing.take() { index.installIndexedIDs(indexed) }
    }
}
