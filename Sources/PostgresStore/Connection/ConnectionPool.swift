import Logging
import Synchronization

/// Lends up to `size` connections to concurrent operations, opening them lazily and replacing broken ones.
///
/// A caller that finds every connection busy waits in line (and leaves the line when its task is
/// cancelled). A connection that broke during an operation is closed rather than returned, so the next
/// operation opens a fresh one: this is how the store reconnects after a server restart.
final class ConnectionPool: Sendable {
    private enum Grant {
        case connection(PGConnection)
        case open
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Grant, any Error>
    }

    private struct State {
        var idle: [PGConnection] = []
        var open = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
    }

    private let connectionString: String
    private let size: Int
    private let logger: Logger
    private let state = Mutex(State())

    init(connectionString: String, size: Int, logger: Logger) {
        self.connectionString = connectionString
        self.size = size
        self.logger = logger
    }

    /// Runs `body` on the queue of a pooled connection. When the body throws and the connection is no
    /// longer healthy, the connection is dropped; connection-level errors are retryable.
    func run<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await connection.run(body)
            release(connection, healthy: true)
            return value
        } catch {
            let healthy = (try? await connection.run { $0.isHealthy }) ?? false
            release(connection, healthy: healthy)
            throw error
        }
    }

    /// Closes idle connections and refuses further use; connections in use close when returned.
    func close() {
        let (idle, waiters) = state.withLock { state in
            state.closed = true
            defer {
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError(kind: .closed, message: "the store was closed"))
        }
        for connection in idle { Task { try? await connection.run { $0.close() } } }
    }

    private func acquire() async throws -> PGConnection {
        enum Next {
            case use(PGConnection)
            case open
            case wait(UInt64)
        }
        let next: Next = try state.withLock { state in
            if state.closed { throw PostgresError(kind: .closed, message: "the store was closed") }
            if let connection = state.idle.popLast() { return .use(connection) }
            if state.open < size {
                state.open += 1
                return .open
            }
            state.nextWaiterID += 1
            return .wait(state.nextWaiterID)
        }
        switch next {
        case .use(let connection): return connection
        case .open: return try await openConnection()
        case .wait(let id):
            let grant = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Grant, any Error>) in
                    let cancelled = state.withLock { state in
                        if Task.isCancelled { return true }
                        state.waiters.append(Waiter(id: id, continuation: continuation))
                        return false
                    }
                    if cancelled { continuation.resume(throwing: CancellationError()) }
                }
            } onCancel: {
                let waiter = state.withLock { state -> Waiter? in
                    guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return state.waiters.remove(at: index)
                }
                waiter?.continuation.resume(throwing: CancellationError())
            }
            switch grant {
            case .connection(let connection): return connection
            case .open: return try await openConnection()
            }
        }
    }

    /// Opens a connection for a slot already counted in `open`; gives the slot back when opening fails.
    private func openConnection() async throws -> PGConnection {
        do {
            let connection = try await PGConnection.connect(connectionString, logger: logger)
            logger.debug("opened a PostgreSQL connection")
            return connection
        } catch {
            releaseSlot()
            throw error
        }
    }

    private func release(_ connection: PGConnection, healthy: Bool) {
        guard healthy else {
            logger.info("dropping a broken PostgreSQL connection")
            Task { try? await connection.run { $0.close() } }
            releaseSlot()
            return
        }
        let waiter: Waiter? = state.withLock { state in
            if state.closed {
                state.open -= 1
                return nil
            }
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(connection)
            return nil
        }
        if let waiter {
            waiter.continuation.resume(returning: .connection(connection))
        } else if state.withLock({ $0.closed }) {
            Task { try? await connection.run { $0.close() } }
        }
    }

    /// Frees a connection slot, letting the first waiter open a new connection in it.
    private func releaseSlot() {
        let waiter: Waiter? = state.withLock { state in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.open -= 1
            return nil
        }
        waiter?.continuation.resume(returning: .open)
    }
}
