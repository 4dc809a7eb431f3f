#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the system calls the store uses; each throws ``FileStoreError/io(operation:path:errno:)``
/// naming the call and the file.
enum Posix {
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if Glibc.errno == EINTR { continue }
            throw FileStoreError.io(operation: "open", path: path, errno: Glibc.errno)
        }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    static func read(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String
    ) throws -> Int {
        var done = 0
        while done < buffer.count {
            let result = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if result > 0 {
                done += result
            } else if result == 0 {
                break
            } else if Glibc.errno != EINTR {
                throw FileStoreError.io(operation: "read", path: path, errno: Glibc.errno)
            }
        }
        return done
    }

    /// Writes all of `bytes` at `offset`.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws {
        var done = 0
        while done < bytes.count {
            let result = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if result > 0 {
                done += result
            } else if result < 0, Glibc.errno == EINTR {
                continue
            } else {
                throw FileStoreError.io(operation: "write", path: path, errno: result == 0 ? EIO : Glibc.errno)
            }
        }
    }

    /// Flushes a file's data (and the metadata needed to read it) to disk.
    static func syncData(_ fd: Int32, path: String) throws {
        while fdatasync(fd) != 0 {
            if Glibc.errno != EINTR { throw FileStoreError.io(operation: "fdatasync", path: path, errno: Glibc.errno) }
        }
    }

    /// Flushes a directory, so that files created or renamed in it survive a crash.
    static func syncDirectory(_ path: String) throws {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        while fsync(fd) != 0 {
            if Glibc.errno != EINTR { throw FileStoreError.io(operation: "fsync", path: path, errno: Glibc.errno) }
        }
    }

    static func size(_ fd: Int32, path: String) throws -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileStoreError.io(operation: "fstat", path: path, errno: Glibc.errno) }
        return Int64(info.st_size)
    }

    static func truncate(_ fd: Int32, to size: Int64, path: String) throws {
        guard ftruncate(fd, off_t(size)) == 0 else {
            throw FileStoreError.io(operation: "ftruncate", path: path, errno: Glibc.errno)
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Creates a directory, and any missing parents, with mode 0700 (whatever the umask) when it does not exist.
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0, Glibc.errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex
        {
            try makeDirectory(String(path[..<slash]))
        }
        if mkdir(path, 0o700) == 0 {
            guard chmod(path, 0o700) == 0 else {
                throw FileStoreError.io(operation: "chmod", path: path, errno: Glibc.errno)
            }
            return
        }
        let code = Glibc.errno
        var info = stat()
        guard code == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw FileStoreError.io(operation: "mkdir", path: path, errno: code == EEXIST ? ENOTDIR : code)
        }
    }

    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw FileStoreError.io(operation: "rename", path: to, errno: Glibc.errno)
        }
    }

    /// The names in a directory.
    static func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else {
            throw FileStoreError.io(operation: "opendir", path: path, errno: Glibc.errno)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
