import Foundation

/// A buffered writer to stdout or to a file that appears only when ``finish()`` is called.
///
/// A file is written under a temporary name in the target's directory (created `0600`, whatever the umask),
/// synced, and renamed over the target in one step; the directory is synced after the rename. Until then the
/// target keeps its old content; if the writer is abandoned or fails, the temporary file is removed.
package final class OutputWriter {
    private let path: String?
    private var temporaryPath: String?
    private var descriptor: Int32
    private var buffer = Data()
    private static let flushThreshold = 1 << 20
    /// Whether the output is a terminal: then what is written passes through ``TerminalText`` first.
    private let isTerminal: Bool

    /// A writer to stdout.
    init() {
        path = nil
        temporaryPath = nil
        descriptor = STDOUT_FILENO
        isTerminal = isatty(STDOUT_FILENO) == 1
    }

    /// A writer to a file at `path`, already checked by ``OutputTarget``; `directory` is its directory.
    init(path: String, directory: String) throws {
        self.path = path
        let name = (path as NSString).lastPathComponent
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = (directory as NSString).appendingPathComponent(
            ".\(name).partial-\(ProcessInfo.processInfo.processIdentifier)-\(random)")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputError.file(path: path, operation: "create", reason: Self.lastError()) }
        // The mode is set explicitly: person-level data is never group- or world-readable, whatever the umask.
        guard fchmod(fd, 0o600) == 0 else {
            let reason = Self.lastError()
            close(fd)
            unlink(temporary)
            throw OutputError.file(path: path, operation: "create", reason: reason)
        }
        temporaryPath = temporary
        descriptor = fd
        isTerminal = false
    }

    deinit {
        // Not finished (an error was thrown): the partial file goes.
        abandon()
    }

    /// Appends bytes. On a terminal, text is shown through ``TerminalText`` (control characters escaped).
    package func write(_ data: Data) throws {
        if isTerminal {
            buffer.append(Data(TerminalText.sanitised(String(decoding: data, as: UTF8.self)).utf8))
        } else {
            buffer.append(data)
        }
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered and, for a file, syncs it and renames it over the target.
    package func finish() throws {
        do {
            try flush()
            guard let path, let temporaryPath else { return }
            guard fsync(descriptor) == 0 else {
                throw OutputError.file(path: path, operation: "sync", reason: Self.lastError())
            }
            guard close(descriptor) == 0 else {
                descriptor = -1
                throw OutputError.file(path: path, operation: "write", reason: Self.lastError())
            }
            descriptor = -1
            guard rename(temporaryPath, path) == 0 else {
                throw OutputError.file(path: path, operation: "move into place", reason: Self.lastError())
            }
            self.temporaryPath = nil
            Self.syncDirectory(of: path)
        } catch {
            abandon()
            throw error
        }
    }

    /// Closes and removes the temporary file, if there is one.
    private func abandon() {
        guard let temporaryPath else { return }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
        self.temporaryPath = nil
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        let target = path ?? "stdout"
        try buffer.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputError.file(path: target, operation: "write", reason: Self.lastError())
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Syncs the directory entry of a renamed file (best effort: some file systems refuse to sync directories).
    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
