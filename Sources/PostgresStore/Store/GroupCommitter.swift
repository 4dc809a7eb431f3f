import CompetenceCore
import Synchronization

/// Combines appends that arrive while another is being written into one transaction with one commit
/// (group commit), because every commit holds the log's head lock through its WAL flush: without
/// combining, concurrent appenders would queue for one flush each.
///
/// At most one writer runs per store. An append that arrives when none runs is written on its own
/// (autocommit, two round trips); appends that queue up meanwhile are written together next, in arrival
/// order, each keeping its own outcome.
final class GroupCommitter: Sendable {
    private struct Request {
        let appends: [StreamAppend]
        let continuation: CheckedContinuation<[AppendResult], any Error>
    }

    private struct State {
        var queue: [Request] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let pool: ConnectionPool
    private let executor: AppendExecutor
    private let committed: @Sendable (Int64) -> Void

    /// The most appends combined into one transaction.
    static let maxGroup = 256

    /// - Parameter committed: called with the new head after each commit.
    init(pool: ConnectionPool, executor: AppendExecutor, committed: @escaping @Sendable (Int64) -> Void) {
        self.pool = pool
        self.executor = executor
        self.committed = committed
    }

    /// Appends, alone or together with concurrent appends; returns this append's results.
    func append(_ appends: [StreamAppend]) async throws -> [AppendResult] {
        try await withCheckedThrowingContinuation { continuation in
            let startWriter = state.withLock { state in
                state.queue.append(Request(appends: appends, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startWriter { Task { await self.drain() } }
        }
    }

    /// Writes queued appends group by group until the queue is empty.
    private func drain() async {
        while true {
            let group: [Request] = state.withLock { state in
                guard !state.queue.isEmpty else {
                    state.writing = false
                    return []
                }
                let group = Array(state.queue.prefix(Self.maxGroup))
                state.queue.removeFirst(group.count)
                return group
            }
            if group.isEmpty { return }
            let outcomes = await write(group.map(\.appends))
            for (request, outcome) in zip(group, outcomes) { request.continuation.resume(with: outcome) }
        }
    }

    private func write(_ group: [[StreamAppend]]) async -> [Result<[AppendResult], any Error>] {
        let executor = self.executor
        if group.count > 1 {
            do {
                let combined = try await pool.run { try executor.appendGroup(group, on: $0) }
                if let combined {
                    committed(combined.head)
                    return combined.outcomes
                }
            } catch {
                return group.map { _ in .failure(error) }
            }
        }
        // Alone, or the combined transaction failed for one append's sake: each in its own transaction.
        var outcomes: [Result<[AppendResult], any Error>] = []
        for appends in group {
            do {
                let (results, head) = try await pool.run { try executor.append(appends, on: $0) }
                if let head { committed(head) }
                outcomes.append(.success(results))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        return outcomes
    }
}
