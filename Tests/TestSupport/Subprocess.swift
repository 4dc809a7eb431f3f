import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

// Linux-only test code (glibc's posix_spawn extensions, /proc): the tests run on Linux only.
#if os(Linux)
/// A program started by a test as a real OS process, with its output going to files (never to pipes).
///
/// Every test process spawns children from many tasks at once: PostgreSQL servers that live until the
/// end, crash children killed with SIGKILL, the `competence` tool. Two rules keep those from hanging
/// each other:
/// - a child inherits no descriptor but its stdin, stdout and stderr (`closefrom(3)` in the spawn), so a
///   long-lived server never holds another child's output or a store's lock open;
/// - output goes to files and exits are awaited with `waitpid` on the child's own pid, on a Dispatch
///   thread, so no cooperative thread blocks on a child and no exit is missed.
public final class Subprocess: @unchecked Sendable {
    /// How a finished child ended.
    public struct Termination: Sendable, Equatable, CustomStringConvertible {
        /// The raw `waitpid` status.
        public let waitStatus: Int32

        /// The exit code, or 128 + the signal number for a child ended by a signal (as shells report it).
        public var status: Int32 { signal == nil ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f) }
        /// The signal that ended the child, if one did.
        public var signal: Int32? { waitStatus & 0x7f == 0 ? nil : waitStatus & 0x7f }
        /// Whether the child exited with status 0.
        public var succeeded: Bool { waitStatus == 0 }

        /// "exit status N" or "killed by signal N".
        public var description: String { signal.map { "killed by signal \($0)" } ?? "exit status \(status)" }
    }

    /// What a run to completion printed and how it ended.
    public struct Run: Sendable {
        /// How the child ended.
        public var termination: Termination
        /// Everything it wrote to stdout.
        public var stdout: String
        /// Everything it wrote to stderr.
        public var stderr: String
        /// The exit status (128 + signal for a killed child).
        public var status: Int32 { termination.status }
        /// Whether it exited with status 0.
        public var succeeded: Bool { termination.succeeded }
    }

    /// The child's process id.
    public let pid: pid_t
    private let capture: URL
    private let lock = NSLock()
    private var finished: Termination?

    /// Starts `path` with `arguments` in `directory` (the current one by default), stdin from /dev/null.
    /// `environment` replaces this process's environment when given.
    public init(
        _ path: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) throws {
        capture = FileManager.default.temporaryDirectory.appendingPathComponent("competence-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        pid = try Self.spawn(
            path, arguments, stdout: capture.appendingPathComponent("stdout").path,
            stderr: capture.appendingPathComponent("stderr").path, directory: directory, environment: environment)
    }

    deinit {
        if lock.withLock({ finished == nil }) {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        try? FileManager.default.removeItem(at: capture)
    }

    /// Runs a program to completion and returns what it printed.
    public static func run(
        _ path: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) async throws -> Run {
        let child = try Subprocess(path, arguments, in: directory, environment: environment)
        let termination = await child.exit()
        return Run(termination: termination, stdout: child.stdout, stderr: child.stderr)
    }

    /// Waits for the child to end, off the cooperative pool.
    public func exit() async -> Termination {
        if let finished = lock.withLock({ finished }) { return finished }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.waitBlocking()) }
        }
    }

    /// Waits for the child to end, blocking the calling thread (for a child known to be ending: killed).
    @discardableResult
    public func waitBlocking() -> Termination {
        lock.withLock {
            if let finished { return finished }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let termination = Termination(waitStatus: status)
            finished = termination
            return termination
        }
    }

    /// Whether the child still runs (reaps it if it has ended).
    public var isRunning: Bool {
        lock.withLock {
            guard finished == nil else { return false }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return true }
            finished = Termination(waitStatus: status)
            return false
        }
    }

    /// Waits at most `seconds` for the child to end; kills it (SIGKILL) and throws if it does not.
    @discardableResult
    public func exit(within seconds: Double) async throws -> Termination {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while isRunning {
            if ContinuousClock.now > deadline {
                killNow()
                throw SubprocessError("\(pid) did not finish within \(seconds) s; killed")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return lock.withLock { finished! }
    }

    /// Kills the child with SIGKILL and reaps it: when this returns the child is gone (its locks released).
    public func killNow() {
        if lock.withLock({ finished == nil }) { kill(pid, SIGKILL) }
        waitBlocking()
    }

    /// Everything the child wrote to stdout so far.
    public var stdout: String { read("stdout") }
    /// Everything the child wrote to stderr so far.
    public var stderr: String { read("stderr") }

    private func read(_ name: String) -> String {
        (try? String(contentsOf: capture.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// Starts a program with stdin from /dev/null, stdout and stderr appended to files (the same file may be
    /// given for both), no other inherited descriptor, and returns its pid. The caller reaps it.
    public static func spawn(
        _ path: String, _ arguments: [String], stdout: String, stderr: String? = nil, directory: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        if let stderr, stderr != stdout {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        GNUSpawnActions.closeFrom(3, &actions)
        if let directory { try GNUSpawnActions.changeDirectory(directory.path, &actions) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let variables =
            (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for argument in argv { free(argument) }
            for variable in variables { free(variable) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, variables)
        guard result == 0 else { throw SubprocessError("cannot start \(path): \(String(cString: strerror(result)))") }
        return pid
    }

    /// Runs a program to completion on the calling thread, output appended to `log` (or discarded), and
    /// throws with the log's content if it fails. For short set-up steps (`initdb`, `pg_ctl`).
    public static func runBlocking(_ path: String, _ arguments: [String], log: String?) throws {
        let pid = try spawn(path, arguments, stdout: log ?? "/dev/null")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            let output = log.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
            throw SubprocessError(
                "\(path) \(arguments.joined(separator: " ")) failed (\(Termination(waitStatus: status))):\n\(output)")
        }
    }

    /// A built executable of this package: in the directory of the running test binary (or a few levels up).
    public static func builtExecutable(_ name: String) throws -> String {
        var directories: [URL] = []
        if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: me).deletingLastPathComponent())
        }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        if let runner = Bundle.main.executableURL { directories.append(runner.deletingLastPathComponent()) }
        for directory in directories {
            var candidate = directory
            for _ in 0..<4 {
                let path = candidate.appendingPathComponent(name).path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
                candidate.deleteLastPathComponent()
            }
        }
        throw SubprocessError("\(name) is not in the build products (looked near \(directories.map(\.path)))")
    }
}

/// A child could not be started, failed, or did not finish in time.
public struct SubprocessError: Error, CustomStringConvertible {
    /// What happened.
    public let description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` and `…_addchdir_np`, which the Glibc module does not
/// export (they are GNU extensions), looked up once at run time.
enum GNUSpawnActions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    /// Closes every descriptor from `lowest` up in the child (glibc 2.34 and later); on an older glibc, each
    /// descriptor open in this process right now.
    static func closeFrom(_ lowest: Int32, _ actions: inout posix_spawn_file_actions_t) {
        if let closeFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self) {
            _ = closeFrom(&actions, lowest)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd >= lowest && fcntl(fd, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }

    /// Makes the child start in `path`.
    static func changeDirectory(_ path: String, _ actions: inout posix_spawn_file_actions_t) throws {
        guard let changeDirectory = symbol("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self) else {
            throw SubprocessError(
                "this C library cannot start a child in another directory (no posix_spawn_file_actions_addchdir_np)")
        }
        _ = changeDirectory(&actions, path)
    }
}
#endif
