import CompetenceCore
import FileStore
import Foundation

/// Whether a command only reads a store or also appends to it.
enum StoreAccess: Sendable {
    /// Reports, export, verify and replay: never creates or changes a store, and fails when it is missing.
    case read
    /// Imports: creates a file store that does not exist yet and takes the writer's lock.
    case write
}

/// The one place where a ``StoreLocation`` becomes an ``EventStore``: every command opens its store here.
struct StoreOpener: Sendable {
    /// Where the store is.
    let location: StoreLocation

    /// Opens the store for reading or writing.
    ///
    /// - Throws: ``CommandError/storeNotFound(location:)`` when reading a file store that does not exist;
    ///   the store's own error (e.g. `FileStoreError.lockedByAnotherWriter`) when it cannot be opened.
    func open(for access: StoreAccess) throws -> any EventStore {
        switch location {
        case .memory:
            return InMemoryEventStore()
        case .file(let path):
            if access == .read {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw CommandError.storeNotFound(location: location.description)
                }
            }
            let options = FileStoreOptions(access: access == .read ? .readOnly : .readWrite)
            return try FileEventStore(directory: path, options: options)
        case .postgres:
            throw CommandError.unsupportedStore(
                location: location.description, reason: "this build has no PostgreSQL event store yet")
        }
    }
}
