import CompetenceCore
import Logging

/// Follows the head position of the log across processes and advances an ``AppendNotifier``.
///
/// A dedicated connection `LISTEN`s on the channel every append notifies (with the new head as payload)
/// and polls its socket with a short timeout, so stopping never waits on the network. Every
/// `pollingInterval` — and right after every (re)connect, once `LISTEN` is active — it also reads the head
/// position, so a lost notification or a connection that broke delays waiters by at most that interval.
/// The blocking calls run on the connection's queue, never on Swift's cooperative pool.
final class Listener: Sendable {
    private let task: Task<Void, Never>

    /// Starts listening at once.
    init(
        connectionString: String, channel: String, headStatement: PGStatement, notifier: AppendNotifier,
        pollingInterval: Duration, logger: Logger
    ) {
        task = Task.detached {
            await Self.loop(
                connectionString: connectionString, channel: channel, headStatement: headStatement,
                notifier: notifier, pollingInterval: pollingInterval, logger: logger)
        }
    }

    /// Stops listening; the connection closes within one socket-poll timeout.
    func stop() { task.cancel() }

    deinit { task.cancel() }

    /// The longest a socket poll blocks, which bounds how long stopping takes.
    static let pollTimeout: Duration = .milliseconds(100)

    private static func loop(
        connectionString: String, channel: String, headStatement: PGStatement, notifier: AppendNotifier,
        pollingInterval: Duration, logger: Logger
    ) async {
        let clock = ContinuousClock()
        let timeout = Int32(max(1, min(pollTimeout, pollingInterval).wholeMilliseconds))
        var connection: PGConnection?
        var lastHeadRead = clock.now
        var failures = 0
        while !Task.isCancelled {
            do {
                let active: PGConnection
                if let connection {
                    active = connection
                } else {
                    active = try await PGConnection.connect(connectionString, logger: logger)
                    try await active.run { _ = try $0.execute(unprepared: "LISTEN \"\(channel)\"") }
                    connection = active
                    lastHeadRead = clock.now - pollingInterval  // read the head now that LISTEN is active
                    if failures > 0 { logger.info("listener reconnected", metadata: ["channel": "\(channel)"]) }
                }
                if clock.now - lastHeadRead >= pollingInterval {
                    let head = try await active.run { try $0.execute(headStatement, []).int64(0, 0) }
                    notifier.advance(to: head)
                    lastHeadRead = clock.now
                }
                let notifications = try await active.run {
                    try $0.waitForNotifications(timeoutMilliseconds: timeout)
                }
                for notification in notifications where notification.channel == channel {
                    if let head = Int64(notification.payload) { notifier.advance(to: head) }
                }
                failures = 0
            } catch {
                if Task.isCancelled { break }
                failures += 1
                logger.warning(
                    "listener lost its connection; retrying", metadata: ["error": "\(error)", "channel": "\(channel)"])
                if let broken = connection { _ = try? await broken.run { $0.close() } }
                connection = nil
                let backoff = min(pollingInterval, .milliseconds(25) * (1 << min(failures, 6)))
                try? await Task.sleep(for: backoff)
            }
        }
        if let connection { _ = try? await connection.run { $0.close() } }
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
