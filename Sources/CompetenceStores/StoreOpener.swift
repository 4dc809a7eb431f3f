import CompetenceCore
import CompetenceOutput
import FileStore
import Foundation
import Logging
import PostgresStore

/// Whether a command only reads a store or also appends to it.
package enum StoreAccess: Sendable {
    /// Reports, export, verify and replay: never creates or changes a store, and fails when it is missing.
    case read
    /// Imports: creates a file store that does not exist yet and takes the writer's lock.
    case write
}

/// The one place where a ``StoreLocation`` becomes an ``EventStore``: every command opens its store here.
package struct StoreOpener: Sendable {
    /// Where the store is.
    package let location: StoreLocation
    /// Told what opening a store did that the user must know: a torn tail cut off (or, read-only, found).
    package let warn: @Sendable (String) -> Void

    /// An opener for `location`; warnings go to `warn` (by default stderr, as `warning: …`).
    package init(location: StoreLocation, warn: @escaping @Sendable (String) -> Void = Console.warning) {
        self.location = location
        self.warn = warn
    }

    /// Opens the store for reading or writing.
    ///
    /// - Throws: ``StoreOpeningError/storeNotFound(location:)`` when reading a file store that does not exist;
    ///   the store's own error (e.g. `FileStoreError.lockedByAnotherWriter`) when it cannot be opened.
    package func open(for access: StoreAccess) throws -> any EventStore {
        switch location {
        case .memory:
            return InMemoryEventStore()
        case .file(let path):
            if access == .read, !Self.isDirectory(path) {
                throw StoreOpeningError.storeNotFound(location: location.description)
            }
            let options = FileStoreOptions(
                access: access == .read ? .readOnly : .readWrite, logger: Self.logger(label: "competence.filestore"))
            let store = try FileEventStore(directory: path, options: options)
            for warning in Self.warnings(store.openReport, location: location, access) { warn(warning) }
            return store
        case .postgres(let url):
            return try openPostgres(url)
        }
    }

    /// The warnings about what opening a file store found at the end of its log and did: a torn tail cut (or,
    /// read-only, found), a damaged last record (cut only when set aside, with a copy), segments of an
    /// interrupted roll-over set aside. Each names the segment, the offset and the bytes.
    static func warnings(_ report: OpenReport, location: StoreLocation, _ access: StoreAccess) -> [String] {
        var warnings: [String] = []
        if let tail = report.truncatedTail {
            let place = "\(tail.bytes) bytes at \(tail.segment) offset \(tail.offset) (\(tail.reason))"
            switch (tail.cause, access) {
            case (.tornWrite, .write):
                warnings.append(
                    "opening \(location) cut a torn tail: \(place). The last write before a crash did not "
                        + "complete; it was never acknowledged. Check the store against an anchor with "
                        + "competence verify --expect POSITION:HASH")
            case (.tornWrite, .read):
                warnings.append(
                    "\(location) ends in a torn tail: \(place). Reading stops before it; the next import cuts it")
            case (.damagedRecord, _):
                warnings.append(
                    "\(location) ends in a DAMAGED last record: \(place); it was written whole, so it was probably "
                        + "an acknowledged append"
                        + (tail.copy.map { ". Opening cut it and kept its bytes in \($0)" } ?? ""))
            }
        }
        for segment in report.setAsideSegments {
            warnings.append(
                "\(location): the segment \(segment) of a roll-over interrupted by a power loss "
                    + (access == .write ? "was set aside" : "would be set aside by a writer")
                    + " (its records follow a hole and were never acknowledged)")
        }
        return warnings
    }

    /// A PostgreSQL store for `url` (its `schema=NAME` parameter taken out).
    func openPostgres(_ url: String) throws -> PostgresEventStore {
        let (connection, schema) = Self.splitSchema(from: url)
        do {
            return try PostgresEventStore(
                configuration: PostgresConfiguration(connectionString: connection, schema: schema),
                logger: Self.logger(label: "competence.postgres"))
        } catch {
            throw StoreOpeningError.unsupportedStore(location: location.description, reason: error.description)
        }
    }

    /// A store's logger: its lines go to stderr through ``TerminalLogHandler`` (sanitised). By default a
    /// PostgreSQL store shows warnings and errors (server notices and migrations are `info`/`notice`) and a
    /// file store errors only (its warnings — a torn tail cut on open — are the tool's own warning already);
    /// `COMPETENCE_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical) shows more or less.
    package static func logger(label: String) -> Logger {
        let fallback: Logger.Level = label == "competence.filestore" ? .error : .warning
        let level = TerminalLogHandler.level(fallback: fallback)
        return Logger(label: label) { label in TerminalLogHandler(label: label, level: level) }
    }

    /// Takes the tool's own `schema=NAME` query parameter out of a PostgreSQL URL (libpq would refuse it):
    /// the connection string without it, and the schema (default `competence`).
    package static func splitSchema(from url: String) -> (connection: String, schema: String) {
        guard var components = URLComponents(string: url),
            let item = components.queryItems?.first(where: { $0.name == "schema" }), let schema = item.value,
            !schema.isEmpty
        else { return (url, PostgresConfiguration.defaultSchema) }
        components.queryItems = components.queryItems?.filter { $0.name != "schema" }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        return (components.string ?? url, schema)
    }
}
