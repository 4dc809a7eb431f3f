#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The `FileStoreCrashChild` helper running as a real process, its stdout collected.
final class ChildProcess {
    let process = Process()
    private let output = Pipe()

    /// The helper's path: next to the test bundle in the build products directory.
    static var executable: URL {
        get throws {
            var candidates: [URL] = []
            if let first = CommandLine.arguments.first {
                var directory = URL(fileURLWithPath: first).deletingLastPathComponent()
                for _ in 0..<4 {
                    candidates.append(directory.appendingPathComponent("FileStoreCrashChild"))
                    directory = directory.deletingLastPathComponent()
                }
            }
            candidates.append(Bundle.main.bundleURL.appendingPathComponent("FileStoreCrashChild"))
            candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/.build/debug/FileStoreCrashChild"))
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw ChildError(message: "FileStoreCrashChild not found; looked at \(candidates.map(\.path))")
            }
            return found
        }
    }

    init(_ arguments: [String]) throws {
        process.executableURL = try Self.executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Kills the child with SIGKILL and waits for it to be gone (its lock is then released).
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the child to exit, killing it after `seconds`.
    func wait(seconds: Double) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill9()
                throw ChildError(message: "child did not finish within \(seconds) s")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Everything the child printed (call after it exited).
    func lines() -> [String] {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Runs the helper to completion and returns its lines.
    static func run(_ arguments: [String], seconds: Double = 60) async throws -> [String] {
        let child = try ChildProcess(arguments)
        try await child.wait(seconds: seconds)
        return child.lines()
    }
}

struct ChildError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The acknowledged appends in a child's output: position → event id.
func acknowledgements(_ lines: [String]) -> [Int64: UUID] {
    var acks: [Int64: UUID] = [:]
    for line in lines where line.hasPrefix("ack ") {
        let parts = line.split(separator: " ")
        guard parts.count == 3, let position = Int64(parts[1]), let id = UUID(uuidString: String(parts[2])) else { continue }
        acks[position] = id
    }
    return acks
}
