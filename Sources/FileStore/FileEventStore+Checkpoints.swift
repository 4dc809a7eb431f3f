import CompetenceCore
import Foundation
import SystemPackage

/// Checkpoints live beside the segments, one file each: `checkpoint-NAME` (mode 0600, like the segments —
/// they hold person-level data). A save writes `checkpoint-NAME.partial` and renames it over the old file, so
/// a reader finds the old checkpoint or the new one, whole; it does not sync (a checkpoint lost or torn by a
/// crash is detected by whoever loads it and rebuilt from the log). A load maps the file instead of copying
/// it (``MappedFile``: private, read-only, kept in the page cache when a restore gives its pages back). A
/// read-only store loads but does not save.
extension FileEventStore: CheckpointStore {
    public func loadCheckpoint(named name: String) async throws -> Data? {
        let path = try checkpointPath(name)
        guard StoreIO.exists(path) else { return nil }
        return try MappedFile.data(path)
    }

    public func saveCheckpoint(_ blob: Data, named name: String) async throws {
        try await saveCheckpoint(named: name, length: blob.count) { piece in try blob.withUnsafeBytes { try piece($0) }
        }
    }

    /// Writes the pieces to `checkpoint-NAME.partial` as they come, then renames it over the checkpoint: the one
    /// saved before stays whole until the new one is.
    public func saveCheckpoint(
        named name: String, length: Int,
        writing write: @Sendable (_ piece: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) async throws {
        let path = try checkpointPath(name)
        guard writer != nil else { throw FileStoreError.readOnly(directory: directory) }
        let partial = path + ".partial"
        PlatformCalls.remove(partial)
        let fd = try StoreIO.open(partial, .writeOnly, options: [.create, .exclusiveCreate])
        do {
            defer { try? fd.close() }
            var offset: Int64 = 0
            try write { piece in
                try StoreIO.write(fd, piece, at: offset, path: partial)
                offset += Int64(piece.count)
            }
            guard offset == Int64(length) else {
                throw CheckpointLengthMismatch(name: name, expected: length, written: Int(offset))
            }
        } catch {
            PlatformCalls.remove(partial)
            throw error
        }
        do {
            try StoreIO.rename(partial, path)
        } catch {
            PlatformCalls.remove(partial)
            throw error
        }
    }

    public func removeCheckpoint(named name: String) async throws {
        let path = try checkpointPath(name)
        guard writer != nil else { throw FileStoreError.readOnly(directory: directory) }
        PlatformCalls.remove(path)
        guard !StoreIO.exists(path) else {
            throw FileStoreError.io(operation: "unlink", path: path, errno: Errno.ioError.rawValue)
        }
    }

    /// The file of checkpoint `name` (whose name is checked first).
    private func checkpointPath(_ name: String) throws -> String {
        try CheckpointName.check(name)
        return directory + "/checkpoint-" + name
    }
}
