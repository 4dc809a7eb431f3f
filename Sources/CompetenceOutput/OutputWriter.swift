import Foundation

/// A buffered writer to stdout or to a file that appears only when ``finish()`` is called.
package final class OutputWriter {
    private let path: String?
    private let temporaryPath: String?
    private let handle: FileHandle
    private var buffer = Data()
    private static let flushThreshold = 1 << 20

    init(path: String?) throws {
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
            throw OutputError.file(path: path, operation: "create", reason: "the directory is missing or not writable")
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
    package func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered and, for a file, moves it into place.
    package func finish() throws {
        try flush()
        guard let path, let temporaryPath else { return }
        do {
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        } catch {
            throw OutputError.file(path: path, operation: "write", reason: error.localizedDescription)
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw OutputError.file(path: path ?? "stdout", operation: "write", reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
