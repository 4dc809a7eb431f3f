import Foundation

/// Where a command writes its result: standard output, or the file named by `--output`.
///
/// Promises:
/// - `nil` or `-` is standard output.
/// - A file is written beside its target under a temporary name (mode `0600`), synced and renamed over the
///   target: readers see the old file or the whole new one, never half of it, and a failed command leaves
///   no temporary file behind.
/// - A directory is never deleted or replaced: a path that is a directory (or ends in `/`) is refused.
/// - Nothing is written inside a store: a path in or under one of ``OutputGuard/protectedDirectories``, or in
///   a directory that ``OutputGuard/isStoreDirectory`` recognises, is refused.
package struct OutputTarget: Sendable {
    /// The file, or `nil` for stdout.
    package let path: String?
    /// What the target must stay out of.
    package let guarding: OutputGuard

    /// A target: `nil` or `-` is standard output.
    package init(path: String?, guarding: OutputGuard = .none) {
        self.path = path == "-" ? nil : path
        self.guarding = guarding
    }

    /// Writes `text` (UTF-8) whole.
    package func write(_ text: String) throws {
        let writer = try open()
        try writer.write(Data(text.utf8))
        try writer.finish()
    }

    /// Checks the target and opens a buffered writer for output produced piece by piece.
    ///
    /// - Throws: ``OutputError/refused(path:reason:)`` for a directory or a path inside a store;
    ///   ``OutputError/file(path:operation:reason:)`` when the file cannot be created.
    package func open() throws -> OutputWriter {
        guard let path else { return OutputWriter() }
        let directory = try checked(path)
        return try OutputWriter(path: path, directory: directory)
    }

    /// Refuses a target that is a directory or lies inside a store; returns the directory it is written in
    /// (for writers that create their own files, such as a directory of tables).
    package func checkedParent() throws -> String {
        guard let path else { throw OutputError.refused(path: "-", reason: "standard output is not a file") }
        return try checked(path)
    }

    /// Refuses a target that is a directory or lies inside a store; returns the directory it is written in.
    func checked(_ path: String) throws -> String {
        func refuse(_ reason: String) -> OutputError { .refused(path: path, reason: reason) }
        guard !path.isEmpty else { throw refuse("the path is empty") }
        if path.hasSuffix("/") || Self.isDirectory(path) {
            throw refuse("it is a directory; --output names a file and never replaces a directory")
        }
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        guard Self.isDirectory(directory), let resolved = Self.resolved(directory) else {
            throw OutputError.file(path: path, operation: "create", reason: "the directory \(directory) does not exist")
        }
        let target = (resolved as NSString).appendingPathComponent((path as NSString).lastPathComponent)
        for protected in guarding.protectedDirectories {
            let store = Self.resolved(protected) ?? Self.absolute(protected)
            if target == store || target.hasPrefix(store.hasSuffix("/") ? store : store + "/") {
                throw refuse("it is inside the event store \(protected); write results outside any store")
            }
        }
        var ancestor = resolved
        while true {
            if guarding.isStoreDirectory(ancestor) {
                throw refuse("it is inside the event store \(ancestor); write results outside any store")
            }
            let up = (ancestor as NSString).deletingLastPathComponent
            if up == ancestor || up.isEmpty { break }
            ancestor = up
        }
        return directory
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The absolute path with symbolic links resolved, or `nil` when it does not exist.
    private static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// The absolute, standardised path (for a path that does not exist).
    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// What an ``OutputTarget`` must stay out of: the event stores a command could name.
package struct OutputGuard: Sendable {
    /// Directories that must not be written into or replaced (the command's store, the default store path).
    package var protectedDirectories: [String]
    /// Recognises a store directory by its contents (any directory, also one not named on the command line).
    package var isStoreDirectory: @Sendable (String) -> Bool

    /// A guard.
    package init(protectedDirectories: [String], isStoreDirectory: @escaping @Sendable (String) -> Bool) {
        self.protectedDirectories = protectedDirectories
        self.isStoreDirectory = isStoreDirectory
    }

    /// No store to protect (still never replaces a directory).
    package static let none = OutputGuard(protectedDirectories: []) { _ in false }
}
