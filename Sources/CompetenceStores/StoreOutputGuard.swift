import CompetenceOutput
import Foundation

extension StoreLocation {
    /// What `--output` must stay out of when this is the command's store: this store's directory (a file
    /// store), the default store path and `$COMPETENCE_STORE` (when it names a file store), and any directory
    /// that holds a file store (``isFileStoreDirectory(_:)``), named or not.
    package static func outputGuard(
        for location: StoreLocation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> OutputGuard {
        var protected: [String] = [defaultPath]
        if case .file(let path) = location { protected.append(path) }
        if let named = environment["COMPETENCE_STORE"], !named.isEmpty,
            case .file(let path) = StoreLocation(parsing: named)
        {
            protected.append(path)
        }
        return OutputGuard(protectedDirectories: protected, isStoreDirectory: isFileStoreDirectory)
    }

    /// Whether `directory` holds a file store, by the names its format gives its files
    /// (`Docs/FileStore-Format.md`): the writer's `LOCK`, or segments `NNNNNNNNNN.segment`.
    package static func isFileStoreDirectory(_ directory: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
        return names.contains { name in
            if name == "LOCK" { return true }
            let parts = name.split(separator: ".", maxSplits: 1)
            return parts.count == 2 && parts[0].count == 10 && parts[0].allSatisfy(\.isASCII)
                && parts[0].allSatisfy(\.isNumber) && (parts[1] == "segment" || parts[1] == "segment.tmp")
        }
    }
}
