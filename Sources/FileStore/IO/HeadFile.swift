import Foundation
import Synchronization
import SystemPackage

/// The `HEAD` file of a store directory, open for as long as the store is: the writer publishes its head in
/// it, readers read it (see ``PublishedHead``).
final class HeadFile: Sendable {
    let path: String
    private let writable: Bool
    private let descriptor = Mutex<FileDescriptor?>(nil)

    init(directory: String, writable: Bool) {
        path = directory + "/" + PublishedHead.fileName
        self.writable = writable
    }

    /// Writes `head` over the file's content (creating it, mode 0600). Not synced: it is for readers running
    /// now, and every read-write open writes it anew.
    func publish(_ head: PublishedHead) throws {
        let fd = try open()
        guard let fd else { return }
        try head.encoded().withUnsafeBytes { (raw) throws in try StoreIO.write(fd, raw, at: 0, path: path) }
    }

    /// The published head; nil when there is no `HEAD` file (a store last written by an older build) or its
    /// content cannot be read whole (see ``PublishedHead/decode(_:)``; a read that overlaps the writer's
    /// rewrite is tried again first).
    func read() throws -> PublishedHead? {
        guard let fd = try open() else { return nil }
        var raw = [UInt8](repeating: 0, count: PublishedHead.size)
        for attempt in 0..<100 {
            let count = try raw.withUnsafeMutableBytes { (buffer) throws in
                try StoreIO.read(fd, into: buffer, at: 0, path: path)
            }
            if count < PublishedHead.size { return nil }
            if let head = raw.withUnsafeBytes({ PublishedHead.decode($0) }) { return head }
            if attempt > 10 { Thread.sleep(forTimeInterval: 0.000_1) }
        }
        return nil
    }

    /// The descriptor, opened on first use; nil for a reader while the file does not exist.
    private func open() throws -> FileDescriptor? {
        if let fd = descriptor.withLock({ $0 }) { return fd }
        if !writable, !StoreIO.exists(path) { return nil }
        let fd = try StoreIO.open(path, writable ? .readWrite : .readOnly, options: writable ? .create : [])
        if writable { PlatformCalls.restrictToOwner(fd) }
        return descriptor.withLock { stored in
            if let existing = stored {
                try? fd.close()
                return existing
            }
            stored = fd
            return fd
        }
    }

    deinit {
        if let fd = descriptor.withLock({ $0 }) { try? fd.close() }
    }
}
