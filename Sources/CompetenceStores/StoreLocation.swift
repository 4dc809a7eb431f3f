import CompetenceCore
import Foundation
import PostgresStore

/// Where a command's event store lives, as given by `--store` or `COMPETENCE_STORE`.
///
/// A plain path or `file:PATH` names a FileStore directory; `postgres://…` or `postgresql://…` names a
/// PostgreSQL database (any libpq connection URI); `memory:` an in-memory store (for tests and trials).
package enum StoreLocation: Equatable, CustomStringConvertible {
    case file(path: String)
    case postgres(url: String)
    case memory

    /// The default when neither `--store` nor `COMPETENCE_STORE` is given.
    package static let defaultPath = "./competence.store"

    /// Reads a location from the option's value, falling back to the environment, then to the default.
    package init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let text = option ?? environment["COMPETENCE_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPath
        self.init(parsing: text)
    }

    /// Parses `PATH`, `file:PATH`, `postgres://…`, `postgresql://…` or `memory:`.
    package init(parsing text: String) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text == "memory:" {
            self = .memory
        } else if text.hasPrefix("file:") {
            self = .file(path: String(text.dropFirst("file:".count)))
        } else {
            self = .file(path: text)
        }
    }

    package var description: String {
        switch self {
        case .file(let path): "file:\(path)"
        case .postgres(let url): Self.redactingPassword(url)
        case .memory: "memory:"
        }
    }

    /// The URL with every password replaced by `***` (`user:***@`, `?password=***`), for messages and reports.
    package static func redactingPassword(_ url: String) -> String { PostgresConfiguration.redacting(url) }
}
