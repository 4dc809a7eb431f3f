import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("FileStore needs a POSIX C library: Glibc, Musl or Darwin")
#endif

/// The few system calls swift-system does not wrap, called from the C library in this one place.
///
/// Each retries on `EINTR` and reports failure as an `Errno`; ``StoreIO`` adds the call and the file to make
/// a ``FileStoreError``. The platforms differ only in durability: Linux flushes with `fdatasync`/`fsync`;
/// Darwin with `fcntl(F_FULLFSYNC)`, because its `fsync` hands the data to the drive, whose cache can still
/// lose it on power loss.
enum PlatformCalls {
    #if canImport(Darwin)
    /// The call behind ``syncData(_:)``, for error messages.
    static let syncDataCall = "fcntl(F_FULLFSYNC)"
    /// The call behind ``sync(_:)``, for error messages.
    static let syncCall = "fcntl(F_FULLFSYNC)"

    /// Flushes a file's data, and the metadata needed to read it back, to stable storage.
    static func syncData(_ fd: FileDescriptor) throws(Errno) { try fullSync(fd) }

    /// Flushes a file or directory, metadata included, to stable storage.
    static func sync(_ fd: FileDescriptor) throws(Errno) { try fullSync(fd) }

    /// `F_FULLFSYNC`, or `fsync` on a file system that does not support it (an SMB mount, say), as Go does.
    private static func fullSync(_ fd: FileDescriptor) throws(Errno) {
        do {
            try retrying { fcntl(fd.rawValue, F_FULLFSYNC) }
        } catch {
            guard error == .notSupported else { throw error }
            try retrying { fsync(fd.rawValue) }
        }
    }
    #else
    /// The call behind ``syncData(_:)``, for error messages.
    static let syncDataCall = "fdatasync"
    /// The call behind ``sync(_:)``, for error messages.
    static let syncCall = "fsync"

    /// Flushes a file's data, and the metadata needed to read it back, to stable storage.
    static func syncData(_ fd: FileDescriptor) throws(Errno) { try retrying { fdatasync(fd.rawValue) } }

    /// Flushes a file or directory, metadata included, to stable storage.
    static func sync(_ fd: FileDescriptor) throws(Errno) { try retrying { fsync(fd.rawValue) } }
    #endif

    /// Takes the exclusive `flock` on `fd` without waiting: `Errno.wouldBlock` when another open file holds it.
    static func lockExclusive(_ fd: FileDescriptor) throws(Errno) {
        try retrying { flock(fd.rawValue, LOCK_EX | LOCK_NB) }
    }

    /// Sets the mode of an open file to 0600, whatever the umask was when it was created. Best effort: the
    /// store's files are created 0600 already unless the umask is stricter still.
    static func restrictToOwner(_ fd: FileDescriptor) {
        _ = fchmod(fd.rawValue, 0o600)
    }

    /// Creates the directory `path` with mode 0700 (less the umask).
    static func makeDirectory(_ path: String) throws(Errno) { try retrying { mkdir(path, 0o700) } }

    /// Sets the mode of `path` to 0700, whatever the umask.
    static func restrictDirectoryToOwner(_ path: String) throws(Errno) { try retrying { chmod(path, 0o700) } }

    /// Renames `from` to `to`, replacing `to` atomically.
    static func move(_ from: String, to: String) throws(Errno) { try retrying { rename(from, to) } }

    /// Removes the file `path`; best effort (it is a leftover, and a failure leaves only a leftover).
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// The names in a directory, without `.` and `..`.
    static func list(_ path: String) throws(Errno) -> [String] {
        guard let directory = opendir(path) else { throw Errno(rawValue: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Runs a call that returns 0 or -1 with `errno`, again while it is interrupted.
    private static func retrying(_ call: () -> Int32) throws(Errno) {
        while call() != 0 {
            let code = Errno(rawValue: errno)
            if code != .interrupted { throw code }
        }
    }
}
