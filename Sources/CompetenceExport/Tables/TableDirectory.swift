import CompetenceOutput
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory `export --tables DIR` writes into, and the one way files are created there.
///
/// Promises:
/// - `DIR` is created (mode `0700`) when absent; its parent must exist. An existing `DIR` must be an empty
///   directory: anything else is refused (``ExportError``) before a byte is written.
/// - `DIR` may not lie inside an event store (the command's store, the default one, any file store).
/// - Each file is created new (`O_CREAT | O_EXCL | O_NOFOLLOW`, mode `0600` whatever the umask): an existing
///   file or a symbolic link in its place is never followed, replaced or written.
/// - On an error every file this writer created is removed, and `DIR` too when the writer created it.
package final class TableDirectory {
    /// The directory, as given.
    package let path: String
    private var created: [String] = []
    private var createdDirectory = false

    /// Checks `path` (see the type's promises) and creates it when absent.
    package init(path given: String, guarding: OutputGuard) throws {
        var path = given
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.path = path
        guard !path.isEmpty else { throw ExportError.notADirectory(path: path) }
        var status = stat()
        if lstat(path, &status) == 0 {
            var target = status
            guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFDIR else {
                throw ExportError.notADirectory(path: path)
            }
            // Asked about a file inside DIR, the guard refuses DIR when it is a store or lies inside one.
            _ = try OutputTarget(
                path: (path as NSString).appendingPathComponent("datapackage.json"), guarding: guarding
            )
            .checkedParent()
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard entries.isEmpty else { throw ExportError.directoryNotEmpty(path: path, entries: entries.sorted()) }
        } else {
            // Asked about DIR as a file, the guard checks that its parent exists and is not inside a store.
            _ = try OutputTarget(path: path, guarding: guarding).checkedParent()
            guard mkdir(path, 0o700) == 0 else {
                throw ExportError.file(path: path, operation: "create the directory", reason: Self.reason(errno))
            }
            createdDirectory = true
        }
    }

    /// Creates `name` in the directory with `data`, mode `0600`, synced.
    package func write(_ name: String, _ data: Data) throws {
        let file = (path as NSString).appendingPathComponent(name)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ExportError.file(path: file, operation: "create", reason: Self.reason(errno))
        }
        created.append(file)
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            throw ExportError.file(path: file, operation: "set the mode of", reason: Self.reason(errno))
        }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ExportError.file(path: file, operation: "write", reason: Self.reason(errno))
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else {
            throw ExportError.file(path: file, operation: "sync", reason: Self.reason(errno))
        }
    }

    /// Removes what this writer created (after an error).
    package func discard() {
        for file in created.reversed() { unlink(file) }
        created.removeAll()
        if createdDirectory { rmdir(path) }
        createdDirectory = false
    }

    private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
