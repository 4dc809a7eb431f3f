import Foundation
import TestSupport

/// The built `competence` executable, run as a real process.
struct Tool {
    /// What one run printed and how it ended.
    typealias Run = Subprocess.Run

    /// Runs `competence ARGUMENTS` in `directory` with `COMPETENCE_STORE` unset, and waits for it.
    static func run(_ arguments: [String], in directory: URL, extra: [String: String] = [:]) async throws -> Run {
        try await spawn(executable.path, arguments, in: directory, extra: extra)
    }

    /// Runs any program in `directory` and waits for it; `extra` adds to (or replaces in) its environment.
    static func spawn(
        _ path: String, _ arguments: [String], in directory: URL, extra: [String: String] = [:]
    ) async throws -> Run {
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "COMPETENCE_STORE" }
            .merging(extra) { $1 }
        return try await Subprocess.run(path, arguments, in: directory, environment: environment)
    }

    /// The built executable's path.
    static var executable: URL {
        get throws { URL(fileURLWithPath: try Subprocess.builtExecutable("competence")) }
    }
}
