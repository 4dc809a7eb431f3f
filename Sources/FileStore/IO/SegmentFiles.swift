import Synchronization
import SystemPackage

/// The open file descriptors of a store's segments, opened on first use and closed with the store.
///
/// `pread`/`pwrite` on one descriptor are safe from many threads, so readers and the writer share them.
final class SegmentFiles: Sendable {
    let directory: String
    let writable: Bool
    private let descriptors = Mutex<[UInt32: FileDescriptor]>([:])

    init(directory: String, writable: Bool) {
        self.directory = directory
        self.writable = writable
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

    /// Creates segment `header.number` with its header on disk: written to a temporary file, synced,
    /// renamed into place, then the directory synced.
    func create(_ header: SegmentHeader) throws {
        let final = path(header.number)
        let temporary = final + ".tmp"
        let fd = try StoreIO.open(temporary, .readWrite, options: [.create, .truncate])
        do {
            PlatformCalls.restrictToOwner(fd)
            try header.encoded().withUnsafeBytes { (raw) throws in try StoreIO.write(fd, raw, at: 0, path: temporary) }
            try StoreIO.syncData(fd, path: temporary)
            try StoreIO.rename(temporary, final)
            try StoreIO.syncDirectory(directory)
        } catch {
            try? fd.close()
            PlatformCalls.remove(temporary)
            throw error
        }
        let replaced = descriptors.withLock { $0.updateValue(fd, forKey: header.number) }
        if let replaced { try? replaced.close() }
    }

    deinit {
        for fd in descriptors.withLock({ $0.values }) { try? fd.close() }
    }
}
