import CompetenceCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Checkpoints live beside the segments, one file each: `checkpoint-NAME` (mode 0600, like the segments —
/// they hold person-level data). A save writes `checkpoint-NAME.partial` and renames it over the old file, so
/// a reader finds the old checkpoint or the new one, whole; it does not sync (a checkpoint lost or torn by a
/// crash is detected by whoever loads it and rebuilt from the log). A load maps the file instead of copying
/// it. A read-only store loads but does not save.
extension FileEventStore: CheckpointStore {
    public func loadCheckpoint(named name: String) async throws -> Data? {
        let path = try checkpointPath(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw FileStoreError.io(operation: "read checkpoint", path: path, errno: Self.code(of: error))
        }
    }

    public func saveCheckpoint(_ blob: Data, named name: String) async throws {
        let path = try checkpointPath(name)
        guard writer != nil else { throw FileStoreError.readOnly(directory: directory) }
        let partial = path + ".partial"
        unlink(partial)
        let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw FileStoreError.io(operation: "create checkpoint", path: partial, errno: Glibc.errno)
        }
        var failure: Int32?
        blob.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, min(bytes.count - offset, 1 << 30))
                if written < 0 {
                    if Glibc.errno == EINTR { continue }
                    failure = Glibc.errno
                    return
                }
                offset += written
            }
        }
        close(fd)
        if let failure {
            unlink(partial)
            throw FileStoreError.io(operation: "write checkpoint", path: partial, errno: failure)
        }
        guard rename(partial, path) == 0 else {
            let code = Glibc.errno
            unlink(partial)
            throw FileStoreError.io(operation: "rename checkpoint", path: path, errno: code)
        }
    }

    public func removeCheckpoint(named name: String) async throws {
        let path = try checkpointPath(name)
        guard writer != nil else { throw FileStoreError.readOnly(directory: directory) }
        guard unlink(path) == 0 || Glibc.errno == ENOENT else {
            throw FileStoreError.io(operation: "remove checkpoint", path: path, errno: Glibc.errno)
        }
    }

    /// The file of checkpoint `name` (whose name is checked first).
    private func checkpointPath(_ name: String) throws -> String {
        try CheckpointName.check(name)
        return directory + "/checkpoint-" + name
    }

    private static func code(of error: any Error) -> Int32 {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { Int32($0.code) } ?? EIO
    }
}
