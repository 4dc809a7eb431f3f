import Foundation
import SystemPackage

/// The exclusive writer lock on a store directory: `flock(LOCK_EX | LOCK_NB)` on its `LOCK` file, held for
/// the life of this value's owner. The OS releases it when the process dies, so a crashed writer never
/// leaves a stale lock. The file holds the holder's process id, for the error message of the next one.
final class DirectoryLock: Sendable {
    static let fileName = "LOCK"

    private let fd: FileDescriptor

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
        let fd = try StoreIO.open(path, .readWrite, options: .create)
        PlatformCalls.restrictToOwner(fd)
        let deadline = ContinuousClock.now + Self.contentionGrace
        while true {
            do {
                try PlatformCalls.lockExclusive(fd)
                break
            } catch {
                if error == .wouldBlock, ContinuousClock.now < deadline {
                    Thread.sleep(forTimeInterval: 0.005)
                    continue
                }
                var buffer = [UInt8](repeating: 0, count: 64)
                let count = buffer.withUnsafeMutableBytes { (try? StoreIO.read(fd, into: $0, at: 0, path: path)) ?? 0 }
                try? fd.close()
                if error == .wouldBlock {
                    let holder = String(decoding: buffer.prefix(count), as: UTF8.self)
                    throw FileStoreError.lockedByAnotherWriter(
                        directory: directory, holder: holder.isEmpty ? nil : holder)
                }
                throw FileStoreError.io(operation: "flock", path: path, errno: error.rawValue)
            }
        }
        let holder = Array("pid \(ProcessInfo.processInfo.processIdentifier)".utf8)
        _ = try? fd.resize(to: 0)
        _ = holder.withUnsafeBytes { try? fd.write(toAbsoluteOffset: 0, $0) }
        self.fd = fd
    }

    deinit { try? fd.close() }
}
