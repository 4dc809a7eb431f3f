/// Why a store named by a ``StoreLocation`` could not be opened.
package enum StoreOpeningError: Error, CustomStringConvertible, Sendable {
    /// The store does not exist (reading commands never create one).
    case storeNotFound(location: String)
    /// The store kind cannot be used by this build or this command.
    case unsupportedStore(location: String, reason: String)

    package var description: String {
        switch self {
        case .storeNotFound(let location):
            "no event store at \(location); import data into it first, "
                + "or name another one with --store or COMPETENCE_STORE"
        case .unsupportedStore(let location, let reason):
            "cannot use the store \(location): \(reason)"
        }
    }
}
