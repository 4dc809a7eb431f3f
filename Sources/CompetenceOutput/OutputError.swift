/// Why a result could not be written.
package enum OutputError: Error, CustomStringConvertible, Sendable {
    /// A file could not be created, written or moved into place.
    case file(path: String, operation: String, reason: String)
    /// The path may not be written: it is a directory, or it lies inside an event store.
    case refused(path: String, reason: String)

    package var description: String {
        switch self {
        case .file(let path, let operation, let reason): "cannot \(operation) \(path): \(reason)"
        case .refused(let path, let reason): "refusing to write \(path): \(reason); nothing was written"
        }
    }
}
