import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The open file descriptors of a store's segments, opened on first use and closed with the store.
///
/// `pread`/`pwrite` on one descriptor are safe from many threads, so readers and the writer share them.
final class SegmentFiles: Sendable {
    let directory: String
    let writable: Bool
    private let descriptors = Mutex<[UInt32: Int32]>([:])

    init(directory: String, writable: Bool) {
        self.directory = directory
        self.writable = writable
    }

    /// The descriptor of segment `number`, opening it when needed.
    func descriptor(_ number: UInt32) throws -> Int32 {
        if let fd = descriptors.withLock({ $0[number] }) { return fd }
        let fd = try Posix.open(path(number), writable ? O_RDWR : O_RDONLY)
        return descriptors.withLock { table in
            if let existing = table[number] {
                close(fd)
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
        let fd = try Posix.open(temporary, O_RDWR | O_CREAT | O_TRUNC)
        do {
            fchmod(fd, 0o600)
            try header.encoded().withUnsafeBytes { (raw) throws in try Posix.write(fd, raw, at: 0, path: temporary) }
            try Posix.syncData(fd, path: temporary)
            try Posix.rename(temporary, final)
            try Posix.syncDirectory(directory)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        let replaced = descriptors.withLock { $0.updateValue(fd, forKey: header.number) }
        if let replaced { close(replaced) }
    }

    deinit {
        for fd in descriptors.withLock({ $0.values }) { close(fd) }
    }
}
