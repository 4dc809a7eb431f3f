import Foundation

/// Where the writer waits, briefly, for the appenders of its last group commit to come back before it
/// writes and syncs the next one (see ``GroupCommitWriter``): appenders that are woken by one sync and append
/// again at once then share the next sync instead of splitting it into two.
final class StragglerWait: Sendable {
    private let condition = NSCondition()

    /// Waits until `ready()` is true or `timeout` has passed. `ready` is checked under the wait's lock, so a
    /// ``wake()`` that follows the change it checks is never lost.
    func wait(for timeout: Duration, until ready: () -> Bool) {
        let (seconds, attoseconds) = timeout.components
        let deadline = Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18)
        condition.lock()
        defer { condition.unlock() }
        while !ready() {
            if !condition.wait(until: deadline) { return }
        }
    }

    /// Wakes a waiter, which checks its condition again.
    func wake() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }
}
