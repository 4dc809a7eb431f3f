/// Why a result could not be written.
package enum OutputError: Error, CustomStringConvertible, Sendable {
    /// A file could not be created, written or moved into place.
    case file(path: String, operation: String, reason: String)

    package var description: String {
        switch self {
        case .file(let path, let operation, let reason): "cannot \(operation) \(path): \(reason)"
        }
    }
}
