import Foundation

/// Why a `competence` command failed, with the context a user needs to fix it.
///
/// Every command throws these (or a store's own typed error) so that the message printed on stderr says
/// what went wrong and where; the process then exits with a non-zero status.
enum CommandError: Error, CustomStringConvertible, Sendable {
    /// The store named by `--store` does not exist (reading commands never create one).
    case storeNotFound(location: String)
    /// The store kind cannot be used by this build or this command.
    case unsupportedStore(location: String, reason: String)
    /// A file could not be read or written.
    case file(path: String, operation: String, reason: String)
    /// An option's value is not usable.
    case invalidOption(name: String, value: String, expected: String)
    /// A line of an NDJSON history file is not a valid event line.
    case badHistoryLine(file: String, line: Int, reason: String)
    /// The history in a file does not continue the target store's history.
    case historyConflict(file: String, line: Int, reason: String)
    /// A verification found faults (each is named on its own line before this is thrown).
    case verificationFailed(location: String, faults: Int)

    var description: String {
        switch self {
        case .storeNotFound(let location):
            "no event store at \(location); import data into it first, or name another one with --store or COMPETENCE_STORE"
        case .unsupportedStore(let location, let reason):
            "cannot use the store \(location): \(reason)"
        case .file(let path, let operation, let reason):
            "cannot \(operation) \(path): \(reason)"
        case .invalidOption(let name, let value, let expected):
            "invalid value '\(value)' for \(name): expected \(expected)"
        case .badHistoryLine(let file, let line, let reason):
            "\(file), line \(line): \(reason)"
        case .historyConflict(let file, let line, let reason):
            "\(file), line \(line): \(reason)"
        case .verificationFailed(let location, let faults):
            "\(location) is not sound: \(faults) fault\(faults == 1 ? "" : "s") found"
        }
    }
}
