#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The built `competence` executable, run as a real process.
struct Tool {
    /// What one run printed and how it ended.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var succeeded: Bool { status == 0 }
    }

    /// The executable in the build products directory, where the test runner itself lives (the test target
    /// depends on the `Demo` target, so `swift test` builds it first).
    static let executable: URL = {
        var directories: [URL] = []
        if let runner = Bundle.main.executableURL { directories.append(runner.deletingLastPathComponent()) }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { directories.append(bundle.bundleURL.deletingLastPathComponent()) }
        for directory in directories {
            // The runner may sit inside an .xctest bundle (…/X.xctest/Contents/MacOS): look up a few levels.
            var candidate = directory
            for _ in 0..<4 {
                let url = candidate.appendingPathComponent("competence")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
                candidate.deleteLastPathComponent()
            }
        }
        fatalError("the competence executable is not in the build products (looked near \(directories.map(\.path)))")
    }()

    /// Runs `competence ARGUMENTS` in `directory` with `COMPETENCE_STORE` unset, and waits for it.
    static func run(_ arguments: [String], in directory: URL) async throws -> Run {
        try await spawn(executable.path, arguments, in: directory)
    }

    /// Runs any program in `directory` and waits for it, with stdout and stderr collected through files.
    ///
    /// It uses `posix_spawn` and `waitpid` on the child's own pid, on a Dispatch thread rather than the
    /// cooperative pool: Foundation's `Process` can miss a child's exit when many tests in one process spawn
    /// children at once (the child is left a zombie and `waitUntilExit` never returns).
    static func spawn(_ path: String, _ arguments: [String], in directory: URL) async throws -> Run {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("competence-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outPath = capture.appendingPathComponent("stdout").path
        let errPath = capture.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addchdir_np(&actions, directory.path)

        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "COMPETENCE_STORE" }.map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnError(path: path, code: spawned) }
        let status: Int32 = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Run(
            status: exit,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

/// A program could not be started.
struct SpawnError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var description: String { "cannot start \(path): \(String(cString: strerror(code)))" }
}
