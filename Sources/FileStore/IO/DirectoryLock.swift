#if canImport(Glibc)
import Glibc
#endif

/// The exclusive writer lock on a store directory: `flock(LOCK_EX | LOCK_NB)` on its `LOCK` file, held for
/// the life of this value's owner. The OS releases it when the process dies, so a crashed writer never
/// leaves a stale lock. The file holds the holder's process id, for the error message of the next one.
final class DirectoryLock: Sendable {
    static let fileName = "LOCK"

    private let fd: Int32

    /// Takes the lock, or throws ``FileStoreError/lockedByAnotherWriter(directory:holder:)`` at once.
    init(directory: String) throws {
        let path = directory + "/" + Self.fileName
        let fd = try Posix.open(path, O_RDWR | O_CREAT)
        fchmod(fd, 0o600)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
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
