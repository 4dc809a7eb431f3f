import Synchronization

/// Runs the migrations once per store, on first use: concurrent first callers share one run, and a failed
/// run is tried again by the next caller.
final class MigrationGate: Sendable {
    private enum State {
        case pending
        case running(Task<Void, any Error>)
        case done
    }

    private let state = Mutex(State.pending)

    /// Returns once `migrate` has succeeded once; starts it when nobody has.
    func ensure(_ migrate: @escaping @Sendable () async throws -> Void) async throws {
        let task: Task<Void, any Error>? = state.withLock { state in
            switch state {
            case .done: return nil
            case .running(let task): return task
            case .pending:
                let task = Task { try await migrate() }
                state = .running(task)
                return task
            }
        }
        guard let task else { return }
        do {
            try await task.value
            state.withLock { $0 = .done }
        } catch {
            state.withLock { state in
                if case .running = state { state = .pending }
            }
            throw error
        }
    }

    /// Marks the migrations as applied (after an explicit `migrate()`).
    func markDone() { state.withLock { $0 = .done } }
}
