import CompetenceCore
import Foundation
import Synchronization

/// Combines appends that arrive while another is being written into one call of the append function — one
/// statement, one commit (group commit) — because every commit holds the log's head lock through its WAL
/// flush: without combining, concurrent appenders would queue for one flush each.
///
/// At most one writer runs per store. An append that arrives when none runs is written on its own (one round
/// trip); appends that queue up meanwhile are written together next, in arrival order, each keeping its own
/// outcome. A group never holds two appends to one stream or with one event id (the function checks its
/// members independently), nor more than ``maxGroupEvents`` events; an append of at least
/// ``AppendFunctions/copyThreshold`` events is written alone (it travels by `COPY`).
final class GroupCommitter: Sendable {
    private struct Request {
        let appends: [StreamAppend]
        let continuation: CheckedContinuation<[AppendResult], any Error>
        var eventCount: Int { appends.reduce(0) { $0 + $1.events.count } }
    }

    private struct State {
        var queue: [Request] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let pool: ConnectionPool
    private let executor: AppendExecutor
    private let committed: @Sendable (Int64) -> Void

    /// The most appends combined into one call.
    static let maxGroup = 256
    /// The most events combined into one call.
    static let maxGroupEvents = 4_096

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
                let group = Self.nextGroup(state.queue)
                state.queue.removeFirst(group.count)
                return group
            }
            if group.isEmpty { return }
            let outcomes = await write(group.map(\.appends))
            for (request, outcome) in zip(group, outcomes) { request.continuation.resume(with: outcome) }
            // Let the appenders just resumed queue their next appends, so they form the next group together
            // instead of the first of them being written alone.
            if group.count > 1 { await Task.yield() }
        }
    }

    /// The longest prefix of `queue` that can be one call: at least its first request.
    private static func nextGroup(_ queue: [Request]) -> [Request] {
        var streams = Set<StreamName>()
        var ids = Set<UUID>()
        var events = 0
        var group: [Request] = []
        for request in queue.prefix(maxGroup) {
            let count = request.eventCount
            let fits =
                group.isEmpty
                || (count < AppendFunctions.copyThreshold && events + count <= maxGroupEvents
                    && request.appends.allSatisfy { part in
                        !streams.contains(part.stream) && part.events.allSatisfy { !ids.contains($0.id) }
                    })
            guard fits else { break }
            group.append(request)
            events += count
            for part in request.appends {
                streams.insert(part.stream)
                for event in part.events { ids.insert(event.id) }
            }
            if count >= AppendFunctions.copyThreshold { break }
        }
        return group
    }

    private func write(_ group: [[StreamAppend]]) async -> [Result<[AppendResult], any Error>] {
        let executor = self.executor
        do {
            let (outcomes, head) = try await pool.run { try executor.append(group, on: $0) }
            if let head { committed(head) }
            return outcomes
        } catch {
            return group.map { _ in .failure(error) }
        }
    }
}
