import CompetenceCore
import FileStore
import Foundation
import PostgresStore

extension StoreOpener {
    /// Verifies the store: first the backend's own storage checks (a FileStore's framing, checksums and hash
    /// chain, read without opening the store; a PostgreSQL store's head, stream versions and constraints),
    /// then — when those found nothing — the ``LogSoundnessCheck`` that reads the whole log back through the
    /// ``EventStore`` protocol, computes the history chain's head and checks `anchor` when given. Reads only;
    /// never creates a store.
    ///
    /// - Throws: ``StoreOpeningError/storeNotFound(location:)`` when a file store does not exist; a store's
    ///   own error when it cannot be read.
    package func verify(expecting anchor: HistoryAnchor? = nil) async throws -> StoreVerification {
        switch location {
        case .file(let path):
            guard Self.isDirectory(path) else { throw StoreOpeningError.storeNotFound(location: location.description) }
            let storage = try FileEventStore.verify(directory: path)
            // A file store with a fault before its tail refuses to open; its faults are named already.
            guard storage.isIntact else { return storage }
            return storage.merging(try await LogSoundnessCheck(store: try open(for: .read), expecting: anchor).run())
        case .postgres(let url):
            let store = try openPostgres(url)
            defer { store.close() }
            let storage = try await store.verify()
            guard storage.isIntact else { return storage }
            return storage.merging(try await LogSoundnessCheck(store: store, expecting: anchor).run())
        case .memory:
            return try await LogSoundnessCheck(store: try open(for: .read), expecting: anchor).run()
        }
    }

    /// Whether `path` is an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
