#if canImport(Glibc)
import Glibc
#endif

/// The exclusive writer lock on a store directory: `flock(LOCK_EX | LOCK_NB)` on its `LOCK` file, held for
/// the life of this value's owner. The OS releases it when the process dies, so a crashed writer never
/// leaves a stale lock. The file holds the holder's process id, for the error message of the next one.
final class DirectoryLock: Sendable {
    static let fileName = "LOCK"

    private let fd: Int32

    /// How long a refused lock is tried again before the refusal is reported.
    ///
    /// A store closed and reopened in one process can find its old lock still held for an instant: a child
    /// process that another thread is starting (fork, then exec) holds a copy of every descriptor until its
    /// exec closes them, and `flock` locks belong to the shared open file. A real second writer holds the
    /// lock for much longer than this, so it is still refused at once for all practical purposes.
    static let contentionGrace: Duration = .milliseconds(250)

    /// Takes the lock, or throws ``FileStoreError/lockedByAnotherWriter(directory:holder:)`` (within
    /// ``contentionGrace``).
    init(directory: String) throws {
        let path = directory + "/" + Self.fileName
        let fd = try Posix.open(path, O_RDWR | O_CREAT)
        fchmod(fd, 0o600)
        let deadline = ContinuousClock.now + Self.contentionGrace
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK, ContinuousClock.now < deadline {
                usleep(5_000)
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = buffer.withUnsafeMutableBytes { (try? Posix.read(fd, into: $0, at: 0, path: path)) ?? 0 }
            close(fd)
            if code == EWOULDBLOCK {
                let holder = String(decoding: buffer.prefix(count), as: UTF8.self)
                throw FileStoreError.lockedByAnotherWriter(directory: directory, holder: holder.isEmpty ? nil : holder)
            }
            throw FileStoreError.io(operation: "flock", path: path, errno: code)
        }
        let holder = Array("pid \(getpid())".utf8)
        _ = ftruncate(fd, 0)
        _ = holder.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.fd = fd
    }

    deinit { close(fd) }
}
