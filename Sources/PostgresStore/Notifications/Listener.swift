import CompetenceCore
import Logging

/// Follows the head position of the log across processes and advances an ``AppendNotifier``.
///
/// A dedicated connection `LISTEN`s on the channel every append notifies and polls its socket with a short
/// timeout, so stopping never waits on the network. A notification is only a **hint** — any role may send
/// one, with any payload — so it never moves the notifier itself: when one announces a head beyond the
/// known one, the listener reads the head from the table (once per batch of notifications) and advances to
/// what it read. Every `pollingInterval` — and right after every (re)connect, once `LISTEN` is active — it
/// also reads the head, so a lost notification or a connection that broke delays waiters by at most that
/// interval. On a hot standby, where `LISTEN` is not allowed, it only polls: waiters there learn of new
/// events within `pollingInterval` plus the replica's lag. The blocking calls run on the connection's
/// queue, never on Swift's cooperative pool.
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
        var listening = false
        var lastHeadRead = clock.now
        var lastFalseHint: ContinuousClock.Instant?
        var failures = 0
        while !Task.isCancelled {
            do {
                let active: PGConnection
                if let connection {
                    active = connection
                } else {
                    active = try await PGConnection.connect(connectionString, logger: logger)
                    connection = active
                    listening = false
                    lastHeadRead = clock.now - pollingInterval  // read the head now that the connection is up
                    if failures > 0 { logger.info("listener reconnected", metadata: ["channel": "\(channel)"]) }
                }
                if !listening {
                    // LISTEN is refused during recovery: a hot standby is polled instead (and LISTENed to once
                    // it is promoted). The head is read right after LISTEN becomes active.
                    listening = try await active.run { connection in
                        guard !connection.isHotStandby else { return false }
                        _ = try connection.execute(unprepared: "LISTEN \"\(channel)\"")
                        return true
                    }
                    if listening { lastHeadRead = clock.now - pollingInterval }
                }
                if clock.now - lastHeadRead >= pollingInterval {
                    let head = try await active.run { try $0.execute(headStatement, []).int64(0, 0) }
                    notifier.advance(to: head)
                    lastHeadRead = clock.now
                }
                let notifications = try await active.run {
                    try $0.waitForNotifications(timeoutMilliseconds: timeout)
                }
                let hinted = notifications.lazy.filter { $0.channel == channel }.compactMap { Int64($0.payload) }.max()
                if let hinted, hinted > notifier.head {
                    let head = try await active.run { try $0.execute(headStatement, []).int64(0, 0) }
                    notifier.advance(to: head)
                    lastHeadRead = clock.now
                    if hinted > head, lastFalseHint.map({ clock.now - $0 > .seconds(60) }) ?? true {
                        lastFalseHint = clock.now
                        logger.warning(
                            "ignored a notification announcing head \(hinted); the log's head is \(head)",
                            metadata: ["channel": "\(channel)"])
                    }
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
