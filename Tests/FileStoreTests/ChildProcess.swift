import Foundation
import TestSupport

/// The `FileStoreCrashChild` helper running as a real process, its stdout collected.
final class ChildProcess {
    private let child: Subprocess

    init(_ arguments: [String]) throws {
        child = try Subprocess(Subprocess.builtExecutable("FileStoreCrashChild"), arguments)
    }

    /// Kills the child with SIGKILL and waits for it to be gone (its lock is then released).
    func kill9() { child.killNow() }

    /// Waits for the child to exit, killing it after `seconds`.
    func wait(seconds: Double) async throws { try await child.exit(within: seconds) }

    /// Everything the child printed so far.
    func lines() -> [String] { child.stdout.split(separator: "\n").map(String.init) }

    /// Runs the helper to completion and returns its lines.
    static func run(_ arguments: [String], seconds: Double = 60) async throws -> [String] {
        let child = try ChildProcess(arguments)
        try await child.wait(seconds: seconds)
        return child.lines()
    }
}

/// The acknowledged appends in a child's output: position → event id.
func acknowledgements(_ lines: [String]) -> [Int64: UUID] {
    var acks: [Int64: UUID] = [:]
    for line in lines where line.hasPrefix("ack ") {
        let parts = line.split(separator: " ")
        guard parts.count == 3, let position = Int64(parts[1]), let id = UUID(uuidString: String(parts[2])) else {
            continue
        }
        acks[position] = id
    }
    return acks
}
