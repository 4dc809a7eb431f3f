/// Why a history file could not be read or appended: the file, the line and what is wrong.
package enum HistoryError: Error, CustomStringConvertible, Sendable {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// A line of the file is not a valid event line.
    case badLine(file: String, line: Int, reason: String)
    /// The history in the file does not continue the target store's history.
    case conflict(file: String, line: Int, reason: String)
    /// The ledger's rules refuse an event of the file; nothing of the file was appended.
    case refused(file: String, line: Int, reason: String)

    package var description: String {
        switch self {
        case .unreadable(let file, let reason): "cannot read \(file): \(reason)"
        case .badLine(let file, let line, let reason): "\(file), line \(line): \(reason)"
        case .conflict(let file, let line, let reason): "\(file), line \(line): \(reason)"
        case .refused(let file, let line, let reason): "\(file), line \(line): \(reason)"
        }
    }
}
