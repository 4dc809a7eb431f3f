import Foundation
import Logging

/// A swift-log handler for the tool: one line per message on stderr, `LEVEL label: message key=value…`,
/// every part passed through ``TerminalText`` (a stream name, a server notice or a path from a store never
/// reaches the terminal as raw control characters).
package struct TerminalLogHandler: LogHandler {
    /// The logger's label, e.g. `competence.filestore`.
    package let label: String
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]

    /// A handler for `label` at `level`.
    package init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        Console.note(line(level: event.level, message: event.message, metadata: event.metadata))
    }

    /// The line written for a message, before ``TerminalText`` (which ``Console`` applies).
    package func line(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?) -> String {
        let merged = metadata.merging(extra ?? [:]) { _, new in new }
        let details = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }.joined(separator: " ")
        return "\(level) \(label): \(message)" + (details.isEmpty ? "" : " " + details)
    }

    /// The level `COMPETENCE_LOG_LEVEL` names (trace, debug, info, notice, warning, error, critical), else
    /// `fallback`.
    package static func level(
        environment: [String: String] = ProcessInfo.processInfo.environment, fallback: Logger.Level
    ) -> Logger.Level {
        environment["COMPETENCE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? fallback
    }
}
