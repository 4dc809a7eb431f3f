import Synchronization

/// Wakes tasks waiting for the log to grow. A backend that knows in-process when its head moves owns one,
/// calls ``advance(to:)`` after each commit, and answers ``EventStore/waitForEvents(from:)`` with
/// ``wait(from:)``.
package final class AppendNotifier: Sendable {
    private struct Waiter {
        let position: Int64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var head: Int64
        var nextTicket: UInt64 = 0
        var waiters: [UInt64: Waiter] = [:]
    }

    private let state: Mutex<State>

    /// Creates a notifier whose head is `head`.
    package init(head: Int64 = 0) {
        state = Mutex(State(head: head))
    }

    /// The last head passed to ``advance(to:)``.
    package var head: Int64 { state.withLock { $0.head } }

    /// Records a new head and resumes every waiter it satisfies.
    package func advance(to head: Int64) {
        let ready: [Waiter] = state.withLock { state in
            guard head > state.head else { return [] }
            state.head = head
            let ready = state.waiters.filter { $0.value.position <= head }
            for key in ready.keys { state.waiters[key] = nil }
            return Array(ready.values)
        }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Suspends until the head reaches `position`; throws `CancellationError` when the task is cancelled.
    package func wait(from position: Int64) async throws {
        let ticket: UInt64 = state.withLock { state in
            state.nextTicket += 1
            return state.nextTicket
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.head >= position { return .success(()) }
                    state.waiters[ticket] = Waiter(position: position, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: ticket) }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }
}
