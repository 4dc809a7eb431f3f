import SystemPackage

/// The store's file operations: swift-system's `FileDescriptor`, `FilePath` and `Errno`, and
/// ``PlatformCalls`` for the few calls swift-system lacks. Each throws
/// ``FileStoreError/io(operation:path:errno:)`` naming the call and the file.
enum StoreIO {
    /// Opens `path` close-on-exec; a file it creates gets mode 0600 (less the umask).
    static func open(
        _ path: String, _ access: FileDescriptor.AccessMode, options: FileDescriptor.OpenOptions = []
    ) throws -> FileDescriptor {
        try failing("open", path) {
            try FileDescriptor.open(
                FilePath(path), access, options: options.union(.closeOnExec), permissions: .ownerReadWrite)
        }
    }

    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end of the file.
    static func read(
        _ fd: FileDescriptor, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64,
        path: @autoclosure () -> String
    ) throws -> Int {
        var done = 0
        while done < buffer.count {
            let count = try failing("read", path()) {
                try fd.read(
                    fromAbsoluteOffset: offset + Int64(done),
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            }
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// Writes all of `bytes` at `offset`.
    static func write(
        _ fd: FileDescriptor, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: @autoclosure () -> String
    ) throws {
        var done = 0
        while done < bytes.count {
            let count = try failing("write", path()) {
                try fd.write(toAbsoluteOffset: offset + Int64(done), UnsafeRawBufferPointer(rebasing: bytes[done...]))
            }
            // A write that makes no progress would loop for ever: report it as the I/O error it is.
            if count == 0 { throw FileStoreError.io(operation: "write", path: path(), errno: Errno.ioError.rawValue) }
            done += count
        }
    }

    /// The size of an open file in bytes.
    static func size(_ fd: FileDescriptor, path: @autoclosure () -> String) throws -> Int64 {
        try failing("fstat", path()) { try fd.stat().size }
    }

    /// Cuts an open file to `size` bytes.
    static func truncate(_ fd: FileDescriptor, to size: Int64, path: @autoclosure () -> String) throws {
        try failing("ftruncate", path()) { try fd.resize(to: size) }
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        (try? FilePath(path).stat()) != nil
    }

    /// Creates a directory, and any missing parents, with mode 0700 (whatever the umask) when it does not exist.
    static func makeDirectory(_ path: String) throws {
        var made = Result { () throws(Errno) in try PlatformCalls.makeDirectory(path) }
        if case .failure(.noSuchFileOrDirectory) = made, let slash = path.lastIndex(of: "/"), slash > path.startIndex {
            try makeDirectory(String(path[..<slash]))
            made = Result { () throws(Errno) in try PlatformCalls.makeDirectory(path) }
        }
        switch made {
        case .success:
            try failing("chmod", path) { try PlatformCalls.restrictDirectoryToOwner(path) }
        case .failure(.fileExists) where (try? FilePath(path).stat().type) == .directory:
            return
        case .failure(let code):
            throw FileStoreError.io(
                operation: "mkdir", path: path, errno: (code == .fileExists ? Errno.notDirectory : code).rawValue)
        }
    }

    /// Renames `from` to `to`, replacing `to` atomically.
    static func rename(_ from: String, _ to: String) throws {
        try failing("rename", to) { try PlatformCalls.move(from, to: to) }
    }

    /// A whole file's bytes; `nil` when it is larger than `limit` bytes (nothing is read then).
    static func readWhole(_ path: String, atMost limit: Int64 = .max) throws -> [UInt8]? {
        let fd = try open(path, .readOnly)
        defer { try? fd.close() }
        let size = try self.size(fd, path: path)
        guard size <= limit else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let count = try bytes.withUnsafeMutableBytes { (raw) throws in try read(fd, into: raw, at: 0, path: path) }
        return Array(bytes.prefix(count))
    }

    /// The names in a directory.
    static func list(_ path: String) throws -> [String] {
        try failing("opendir", path) { try PlatformCalls.list(path) }
    }

    /// Runs a system call, turning its `Errno` into a ``FileStoreError`` naming the call and the file (whose
    /// path is only built when the call fails: the write path builds no strings).
    private static func failing<T>(
        _ operation: String, _ path: @autoclosure () -> String, _ call: () throws -> T
    ) throws -> T {
        do {
            return try call()
        } catch let code as Errno {
            throw FileStoreError.io(operation: operation, path: path(), errno: code.rawValue)
        } catch {
            // swift-system and PlatformCalls throw only `Errno`; anything else is still an I/O failure here.
            throw FileStoreError.io(operation: operation, path: path(), errno: Errno.ioError.rawValue)
        }
    }
}
