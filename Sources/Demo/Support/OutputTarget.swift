import Foundation

/// Where a command writes its result: stdout, or the file named by `--output`. A file is written to a
/// temporary name beside it and renamed into place at the end, so a failed command never leaves half a file.
struct OutputTarget: Sendable {
    /// The file, or `nil` for stdout.
    let path: String?

    /// Writes `text` (UTF-8) whole.
    func write(_ text: String) throws {
        let writer = try open()
        try writer.write(Data(text.utf8))
        try writer.finish()
    }

    /// Opens a buffered writer for output produced piece by piece.
    func open() throws -> OutputWriter { try OutputWriter(path: path) }
}

/// A buffered writer to stdout or to a file that appears only when ``finish()`` is called.
final class OutputWriter {
    private let path: String?
    private let temporaryPath: String?
    private let handle: FileHandle
    private var buffer = Data()
    private static let flushThreshold = 1 << 20

    fileprivate init(path: String?) throws {
        self.path = path
        guard let path else {
            temporaryPath = nil
            handle = FileHandle.standardOutput
            return
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw CommandError.file(path: path, operation: "create", reason: "the directory is missing or not writable")
        }
        self.temporaryPath = temporary
        self.handle = handle
    }

    deinit {
        // Not finished (an error was thrown): the partial file goes.
        if let temporaryPath, FileManager.default.fileExists(atPath: temporaryPath) {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// Appends bytes.
    func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered and, for a file, moves it into place.
    func finish() throws {
        try flush()
        guard let path, let temporaryPath else { return }
        do {
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        } catch {
            throw CommandError.file(path: path, operation: "write", reason: error.localizedDescription)
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CommandError.file(path: path ?? "stdout", operation: "write", reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Messages for the person at the terminal: on stderr, so they never mix with results on stdout.
enum Console {
    /// Writes one line to stderr.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether stderr is a terminal (progress bars are drawn only then).
    static var stderrIsTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }
}
