import Logging
import Synchronization
import SystemPackage

/// A sync (`fdatasync`/`fsync`) that failed: kept apart from other I/O errors, because after it the OS may
/// have dropped written pages and the writer must stop (see ``SyncFailure``).
struct SyncCallFailed: Error {
    var operation: String
    var path: String
    var errno: Int32

    /// The same failure as a plain I/O error (where no append is involved: opening).
    var ioError: FileStoreError { .io(operation: operation, path: path, errno: errno) }
}

/// The open file descriptors of a store's segments, opened on first use and closed with the store, and the
/// store's syncs (each one passes ``FaultInjection/sync`` first).
///
/// `pread`/`pwrite` on one descriptor are safe from many threads, so readers and the writer share them.
final class SegmentFiles: Sendable {
    let directory: String
    let writable: Bool
    let faults: FaultInjection
    private let descriptors = Mutex<[UInt32: FileDescriptor]>([:])

    init(directory: String, writable: Bool, faults: FaultInjection = FaultInjection()) {
        self.directory = directory
        self.writable = writable
        self.faults = faults
    }

    /// The descriptor of segment `number`, opening it when needed.
    func descriptor(_ number: UInt32) throws -> FileDescriptor {
        if let fd = descriptors.withLock({ $0[number] }) { return fd }
        let fd = try StoreIO.open(path(number), writable ? .readWrite : .readOnly)
        return descriptors.withLock { table in
            if let existing = table[number] {
                try? fd.close()
                return existing
            }
            table[number] = fd
            return fd
        }
    }

    func path(_ number: UInt32) -> String { SegmentFileName.path(number, in: directory) }

    /// `fdatasync`s segment `number`: its data, and the metadata needed to read it back, on disk.
    func syncData(_ number: UInt32) throws {
        let fd = try descriptor(number)
        try syncData(fd, path: self.path(number))
    }

    /// `fsync`s the directory, so that files created, renamed or removed in it stay so after a crash.
    func syncDirectory() throws {
        let fd = try StoreIO.open(directory, .readOnly, options: .directory)
        defer { try? fd.close() }
        try checked(PlatformCalls.syncCall, directory) { () throws(Errno) in try PlatformCalls.sync(fd) }
    }

    /// Creates segment `header.number` with its header on disk: written to a temporary file, synced,
    /// renamed into place, then the directory synced.
    func create(_ header: SegmentHeader) throws {
        let final = path(header.number)
        let temporary = final + ".tmp"
        let fd = try StoreIO.open(temporary, .readWrite, options: [.create, .truncate])
        do {
            PlatformCalls.restrictToOwner(fd)
            try header.encoded().withUnsafeBytes { (raw) throws in try StoreIO.write(fd, raw, at: 0, path: temporary) }
            try syncData(fd, path: temporary)
            try StoreIO.rename(temporary, final)
            try syncDirectory()
        } catch {
            try? fd.close()
            PlatformCalls.remove(temporary)
            throw error
        }
        let replaced = descriptors.withLock { $0.updateValue(fd, forKey: header.number) }
        if let replaced { try? replaced.close() }
    }

    /// Writes a sealed segment's index file: to a temporary file (mode 0600), renamed into place. It is not
    /// synced: a crash or power loss may leave it missing, partial or empty, and an open then refuses it (its own
    /// checksum, its segment's size and records) and reads the segment instead, as without an index; the next
    /// read-write open writes it again, and removes a temporary file left behind. A failure here loses no data.
    func writeIndex(_ file: SegmentIndexFile) throws {
        let final = SegmentFileName.indexPath(file.number, in: directory)
        let temporary = final + ".tmp"
        do {
            let fd = try StoreIO.open(temporary, .writeOnly, options: [.create, .truncate])
            defer { try? fd.close() }
            PlatformCalls.restrictToOwner(fd)
            try file.encoded().withUnsafeBytes { (raw) throws in try StoreIO.write(fd, raw, at: 0, path: temporary) }
            try StoreIO.rename(temporary, final)
        } catch {
            PlatformCalls.remove(temporary)
            throw error
        }
    }

    /// Writes segment `number`'s index file as `make` gives it (``writeIndex(_:)``; nothing when it gives none),
    /// logging a failure to make or write it instead of throwing: the index only saves an open work.
    func writeIndex(of number: UInt32, logger: Logger, _ make: () throws -> SegmentIndexFile?) {
        do {
            if let file = try make() { try writeIndex(file) }
        } catch {
            logger.warning(
                "could not write a sealed segment's index file; the next open reads the segment instead",
                metadata: ["segment": "\(path(number))", "error": "\(error)"])
        }
    }

    /// Renames segment `number` to `….segment.orphaned` (or `.orphaned-2`, … when that exists), closes its
    /// descriptor, and syncs the directory; returns the new path.
    func setAside(_ number: UInt32) throws -> String {
        let from = path(number)
        var to = from + ".orphaned"
        var attempt = 1
        while StoreIO.exists(to) {
            attempt += 1
            to = from + ".orphaned-\(attempt)"
        }
        try StoreIO.rename(from, to)
        if let fd = descriptors.withLock({ $0.removeValue(forKey: number) }) { try? fd.close() }
        try syncDirectory()
        return to
    }

    /// Copies `count` bytes at `offset` of segment `number` to `….segment.damaged-OFFSET` (mode 0600), synced,
    /// with the directory; returns the copy's path.
    func keepCopy(of number: UInt32, at offset: Int64, count: Int) throws -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = try bytes.withUnsafeMutableBytes { (raw) throws in
            try StoreIO.read(try descriptor(number), into: raw, at: offset, path: path(number))
        }
        let copy = path(number) + ".damaged-\(offset)"
        let fd = try StoreIO.open(copy, .writeOnly, options: [.create, .truncate])
        defer { try? fd.close() }
        PlatformCalls.restrictToOwner(fd)
        try bytes.prefix(read).withUnsafeBytes { (raw) throws in try StoreIO.write(fd, raw, at: 0, path: copy) }
        try syncData(fd, path: copy)
        try syncDirectory()
        return copy
    }

    private func syncData(_ fd: FileDescriptor, path: @autoclosure () -> String) throws {
        try checked(PlatformCalls.syncDataCall, path()) { () throws(Errno) in try PlatformCalls.syncData(fd) }
    }

    /// Runs a sync, unless the injected fault fails it first; a failure is a ``SyncCallFailed``.
    private func checked(
        _ operation: String, _ path: @autoclosure () -> String, _ call: () throws(Errno) -> Void
    ) throws {
        if let hook = faults.sync, let code = hook(path()) {
            throw SyncCallFailed(operation: operation, path: path(), errno: code)
        }
        do { try call() } catch { throw SyncCallFailed(operation: operation, path: path(), errno: error.rawValue) }
    }

    deinit {
        for fd in descriptors.withLock({ $0.values }) { try? fd.close() }
    }
}
