import Foundation
import Synchronization

/// Indexes a writer's event ids (``EventIDIndex/indexPending()``) on a thread of its own, so that opening a
/// large store returns once its log is scanned: the ids are first looked up by the first append, and what
/// an embedder does before it (an import restores its snapshot, reads its file and validates) runs on the
/// other core meanwhile. At 10 M events the indexing takes most of a second.
///
/// The first append waits for ``indexed()`` and then installs the result with ``take()`` under the store's
/// lock (``StoreState/installIndexedIDs(from:)``). Nothing is lost if it never does: the store's own copy of
/// the id index still holds every id, unindexed, and is indexed in place when looked up.
final class EventIDIndexing: Sendable {
    private enum Phase {
        /// The ids to index, until the thread takes them; the appends waiting for the result.
        case building(unindexed: EventIDIndex?, waiting: [CheckedContinuation<Void, Never>])
        case built(EventIDIndex)
        case taken
    }

    private let phase: Mutex<Phase>

    /// The least number of unindexed ids worth a thread: fewer are indexed at once, on open (a few
    /// milliseconds at most).
    static let threadFrom = 1 << 16

    /// Starts indexing `unindexed`'s pending ids on a new thread.
    init(_ unindexed: EventIDIndex) {
        phase = Mutex(.building(unindexed: unindexed, waiting: []))
        let thread = Thread { [self] in
            // Every value the indexing held is released before the appends waiting for it run: a copy kept
            // alive here would make the store's next id append copy the whole index.
            for waiter in build() { waiter.resume() }
        }
        thread.name = "FileStore.EventIDIndexing"
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// Indexes the ids and keeps the result; returns the appends waiting for it.
    private func build() -> [CheckedContinuation<Void, Never>] {
        let taken: EventIDIndex? = phase.withLock { phase in
            guard case .building(let unindexed, let waiting) = phase else { return nil }
            phase = .building(unindexed: nil, waiting: waiting)
            return unindexed
        }
        guard var index = taken else { return [] }
        index.indexPending()
        return phase.withLock { phase in
            guard case .building(_, let waiting) = phase else { return [] }
            phase = .built(index)
            return waiting
        }
    }

    /// Returns once the ids are indexed.
    func indexed() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready: Bool = phase.withLock { phase in
                guard case .building(let unindexed, var waiting) = phase else { return true }
                waiting.append(continuation)
                phase = .building(unindexed: unindexed, waiting: waiting)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// The indexed ids, once (``indexed()`` first); `nil` before they are ready and after they were taken.
    func take() -> EventIDIndex? {
        phase.withLock { phase in
            guard case .built(let index) = phase else { return nil }
            phase = .taken
            return index
        }
    }
}
