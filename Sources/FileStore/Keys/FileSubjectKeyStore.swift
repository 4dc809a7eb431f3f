import CompetenceCore
import Dispatch
import Foundation
import Synchronization
import SystemPackage

/// The keys of a FileStore's data subjects: the key file `subject-keys` beside the segments, apart from the
/// log (`Docs/FileStore-Format.md`, "The key file"; `Docs/Personal-Data.md`).
///
/// The file is mode `0600` and is only ever replaced whole: the new content is written to
/// `subject-keys.tmp` (created `0600`), synced, renamed over `subject-keys`, and the directory is synced, so
/// a crash leaves the old file or the new one, never a mix. Only the store's writer (the read-write
/// ``FileEventStore`` holding the directory's lock) changes it; read-only stores read it afresh for each
/// ``keyring()``. Blocking file calls run on the key store's own serial queue, not on Swift's cooperative pool.
///
/// Destroying a key rewrites the file without it, so the key's bytes are in no file of the store afterwards
/// (the file system may keep the freed blocks of the old file until it reuses them; see the erasure page).
public final class FileSubjectKeyStore: SubjectKeyStore {
    /// The key file.
    public let path: String
    private let directory: String
    private let writable: Bool
    private let queue = DispatchQueue(label: "FileSubjectKeyStore")
    /// The writer's copy of the file (nil until first read); read-only instances do not keep one.
    private let cached = Mutex<SubjectKeyFile?>(nil)

    /// The key store of the FileStore in `directory`; `writable` only for the store's writer.
    init(directory: String, writable: Bool) {
        self.directory = directory
        self.path = directory + "/" + SubjectKeyFile.name
        self.writable = writable
    }

    public func keys(for subjects: Set<DataSubject>) async throws -> [DataSubject: SubjectKey] {
        try await onQueue {
            var file = try self.current()
            for subject in subjects.sorted() {
                if let time = file.erased[subject] { throw PersonalDataError.subjectErased(subject, at: time) }
            }
            let missing = subjects.filter { file.keys[$0] == nil }
            if !missing.isEmpty {
                guard self.writable else { throw FileStoreError.readOnly(directory: self.directory) }
                for subject in missing { file.keys[subject] = .random() }
                try self.replace(with: file)
            }
            return file.keys.filter { subjects.contains($0.key) }
        }
    }

    public func keyring() async throws -> SubjectKeyring {
        try await onQueue {
            let file = try self.current()
            return SubjectKeyring(keys: file.keys, erased: file.erased)
        }
    }

    public func destroyKey(of subject: DataSubject, at time: Date) async throws -> KeyDestruction {
        try await onQueue {
            var file = try self.current()
            if let earlier = file.erased[subject] { return .alreadyErased(at: earlier) }
            guard self.writable else { throw FileStoreError.readOnly(directory: self.directory) }
            let held = file.keys.removeValue(forKey: subject) != nil
            file.erased[subject] = time
            try self.replace(with: file)
            return held ? .destroyed : .noKeyHeld
        }
    }

    // MARK: The file

    /// The file as it is now: the writer's copy, or read from disk.
    private func current() throws -> SubjectKeyFile {
        if writable, let file = cached.withLock({ $0 }) { return file }
        let file = try read()
        if writable { cached.withLock { $0 = file } }
        return file
    }

    private func read() throws -> SubjectKeyFile {
        guard StoreIO.exists(path) else { return SubjectKeyFile() }
        let fd = try StoreIO.open(path, .readOnly)
        defer { try? fd.close() }
        let size = Int(try StoreIO.size(fd, path: path))
        var bytes = Data(count: size)
        let count = try bytes.withUnsafeMutableBytes { try StoreIO.read(fd, into: $0, at: 0, path: path) }
        do throws(KeyFileProblem) {
            return try SubjectKeyFile(decoding: bytes.prefix(count))
        } catch {
            throw PersonalDataError.keyStorage(place: path, reason: error.reason)
        }
    }

    /// Replaces the file whole: a temporary file, synced, renamed over it, the directory synced.
    private func replace(with file: SubjectKeyFile) throws {
        let bytes = try file.encoded()
        let temporary = path + ".tmp"
        let fd = try StoreIO.open(temporary, .writeOnly, options: [.create, .truncate])
        do {
            PlatformCalls.restrictToOwner(fd)
            try bytes.withUnsafeBytes { try StoreIO.write(fd, $0, at: 0, path: temporary) }
            do throws(Errno) {
                try PlatformCalls.sync(fd)
            } catch {
                throw FileStoreError.io(operation: "fsync", path: temporary, errno: error.rawValue)
            }
            try fd.close()
        } catch {
            try? fd.close()
            PlatformCalls.remove(temporary)
            throw error
        }
        try StoreIO.rename(temporary, path)
        let directoryFD = try StoreIO.open(directory, .readOnly, options: .directory)
        defer { try? directoryFD.close() }
        do throws(Errno) {
            try PlatformCalls.sync(directoryFD)
        } catch {
            throw FileStoreError.io(operation: "fsync", path: directory, errno: error.rawValue)
        }
        cached.withLock { $0 = file }
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
