import Foundation
import Logging
import Synchronization

/// A swift-log backend that keeps every entry, so a test can check what a store logged and when.
final class CapturedLog: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let entries = Mutex<[Entry]>([])

    /// A logger whose entries (every level) land here.
    var logger: Logger {
        Logger(label: "filestore-test") { _ in Handler(log: self) }
    }

    /// The entries so far.
    var all: [Entry] { entries.withLock { $0 } }

    /// Waits (up to `seconds`) for an entry at `level` or above; returns it, or nil when none came.
    func waitForEntry(atLeast level: Logger.Level, seconds: Double = 10) async throws -> Entry? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let entry = all.first(where: { $0.level >= level }) { return entry }
            try await Task.sleep(for: .milliseconds(5))
        }
        // One last look: a sleep that overran the deadline (a loaded machine) must not hide an entry.
        return all.first(where: { $0.level >= level })
    }

    fileprivate func add(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            log.add(
                Entry(
                    level: event.level, message: "\(event.message)",
                    metadata: merged.mapValues { "\($0)" }))
        }
    }
}
