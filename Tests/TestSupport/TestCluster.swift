import Foundation
import Synchronization

// Linux-only test code (glibc's socket types, getpwnam, chown to postgres): the tests run on Linux only.
#if os(Linux)
/// A PostgreSQL server for the tests: the one named by `COMPETENCE_TEST_DATABASE_URL`, or a throwaway
/// cluster started here — `initdb` into a temporary directory (owned by `postgres` when running as root),
/// a free port on 127.0.0.1, the socket in that directory — and stopped and deleted at the end.
///
/// Two safety nets make sure no server outlives the tests: an `atexit` handler stops the shared cluster
/// when the test process exits, and a watchdog shell stops it when the process dies without exiting.
public final class TestCluster: Sendable {
    /// A libpq URI for the server's `postgres` database.
    public let url: String
    /// The cluster directory (data, socket, log), or nil for an external server.
    public let directory: URL?
    /// The port it listens on (0 for an external server).
    public let port: Int
    /// Settings beyond the defaults of ``serverOptions`` (`name=value`, as for `postgres -c`).
    private let settings: [String]
    private let stopped = Mutex(false)

    /// The variable naming an external server to use instead of a throwaway cluster.
    public static let externalVariable = "COMPETENCE_TEST_DATABASE_URL"

    /// The server shared by every test of the process, started on first use.
    ///
    /// Starting runs `initdb` and `pg_ctl` and waits for them; that waiting happens on a thread of its own
    /// (``offPool(_:)``), so a test waiting for the server never holds one of the cooperative pool's few threads
    /// (two on a 2-core machine) — holding them stalled every other test of the process for half a minute.
    public static func shared() async throws -> TestCluster { try await offPool { try sharedResult.get() } }

    /// Runs blocking `work` (a child process waited for, a lock held while another thread starts a server) on
    /// a new thread and resumes with its result.
    public static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private static let sharedResult: Result<TestCluster, any Error> = Result {
        if let url = ProcessInfo.processInfo.environment[externalVariable], !url.isEmpty {
            return TestCluster(url: url, directory: nil, port: 0, settings: [])
        }
        let cluster = try TestCluster.startBlocking(settings: [])
        atexit { try? TestCluster.sharedResult.get().stop() }
        return cluster
    }

    private init(url: String, directory: URL?, port: Int, settings: [String] = []) {
        self.url = url
        self.directory = directory
        self.port = port
        self.settings = settings
    }

    /// Starts a new throwaway cluster (for tests that restart their server). Stop it with ``stop()``.
    ///
    /// - Parameter settings: server settings beyond the defaults (`name=value`), e.g.
    ///   `synchronous_standby_names='*'` for a primary whose commits wait for a standby.
    public static func start(settings: [String] = []) async throws -> TestCluster {
        try await offPool { try startBlocking(settings: settings) }
    }

    /// ``start(settings:)`` waiting on the calling thread: only for code already off the cooperative pool.
    public static func startBlocking(settings: [String]) throws -> TestCluster {
        let binaries = try PostgresBinaries.locate()
        let (directory, port) = try makeDirectory()
        let cluster = TestCluster(
            url: "postgresql://postgres@127.0.0.1:\(port)/postgres?sslmode=disable", directory: directory, port: port,
            settings: settings)
        cluster.startWatchdog()
        let data = directory.appendingPathComponent("data")
        try binaries.run(
            "initdb", ["-D", data.path, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"],
            log: directory.appendingPathComponent("initdb.log"))
        try cluster.pgctl(["start", "-w", "-t", "60", "-o", cluster.serverOptions])
        return cluster
    }

    /// Starts a hot standby of this cluster: `pg_basebackup -R` (streaming replication, the standby's
    /// settings written for it) into a new directory, started on a new port. It streams from this cluster
    /// until promoted (``promote()``), with the default settings (not this cluster's own ones: a promoted
    /// standby must not wait for standbys of its own). Stop it with ``stop()``.
    public func startStandby() async throws -> TestCluster {
        try await Self.offPool { try self.startStandbyBlocking() }
    }

    /// ``startStandby()`` waiting on the calling thread: only for code already off the cooperative pool.
    public func startStandbyBlocking() throws -> TestCluster {
        guard directory != nil else {
            throw TestClusterError("a standby needs a local primary; \(Self.externalVariable) names an external one")
        }
        let binaries = try PostgresBinaries.locate()
        let (standbyDirectory, standbyPort) = try Self.makeDirectory()
        let standby = TestCluster(
            url: "postgresql://postgres@127.0.0.1:\(standbyPort)/postgres?sslmode=disable", directory: standbyDirectory,
            port: standbyPort)
        standby.startWatchdog()
        let data = standbyDirectory.appendingPathComponent("data")
        try FileManager.default.removeItem(at: data)  // pg_basebackup creates it
        try binaries.run(
            "pg_basebackup",
            [
                "-D", data.path, "-R", "-X", "stream", "--no-sync", "-c", "fast", "-h", "127.0.0.1", "-p", "\(port)",
                "-U", "postgres",
            ],
            log: standbyDirectory.appendingPathComponent("basebackup.log"))
        try standby.pgctl(["start", "-w", "-t", "60", "-o", standby.serverOptions])
        return standby
    }

    /// Promotes a standby to a primary (`pg_ctl promote`) and waits until it accepts writes.
    public func promote() throws {
        try pgctl(["promote", "-w", "-t", "60"])
    }

    /// Stops the server the way a crash or a power cut to its process would (`pg_ctl stop -m immediate`):
    /// no checkpoint, connections cut. The directory stays until ``stop()``.
    public func crash() throws {
        try pgctl(["stop", "-w", "-m", "immediate"])
    }

    /// Waits until this standby has replayed everything `primary` had written when the call began.
    public func waitForReplay(of primary: TestCluster, timeout: Duration = .seconds(60)) async throws {
        let target = try await primary.psql("SELECT pg_current_wal_lsn()")
        let started = ContinuousClock.now
        while try await psql("SELECT pg_last_wal_replay_lsn() >= '\(target)'::pg_lsn") != "t" {
            guard ContinuousClock.now - started < timeout else {
                throw TestClusterError("the standby did not replay up to \(target) within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// A new cluster directory (owned by `postgres` when running as root) with an empty `data` inside, and a
    /// free port.
    private static func makeDirectory() throws -> (URL, Int) {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("competence-pg-\(UUID().uuidString.prefix(8))")
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try PostgresBinaries.locate().handOver(directory)
        return (directory, try freePort())
    }

    /// Server settings: fast rather than durable (these clusters are thrown away), enough connections for
    /// the conformance checks running in parallel; then the cluster's own ``settings``.
    private var serverOptions: String {
        "-p \(port) -k \(directory!.path) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB"
            + settings.map { " -c \($0)" }.joined()
    }

    /// Restarts the server (`pg_ctl restart -m fast`): every open connection is terminated.
    public func restart() throws {
        try pgctl(["restart", "-w", "-t", "60", "-m", "fast", "-o", serverOptions])
    }

    /// Runs SQL through `psql` (a separate client, as an administrator would) and returns its unaligned output.
    public func psql(_ sql: String) async throws -> String {
        let run = try await Subprocess.run(Self.psqlPath, [url, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard run.succeeded else { throw TestClusterError("psql failed (\(run.termination)): \(run.stderr)") }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts SQL through `psql` in the background, its session named `application` (so a test can find it in
    /// `pg_stat_activity` and end it with `pg_terminate_backend`); the statements run as one transaction.
    public func psqlSession(_ sql: String, application: String) throws -> Subprocess {
        let separator = url.contains("?") ? "&" : "?"
        return try Subprocess(
            Self.psqlPath, [url + separator + "application_name=\(application)", "-X", "-A", "-t", "-c", sql])
    }

    private static var psqlPath: String {
        let directory = (try? PostgresBinaries.locate().directory) ?? "/usr/bin"
        return FileManager.default.isExecutableFile(atPath: "\(directory)/psql") ? "\(directory)/psql" : "/usr/bin/psql"
    }

    /// Stops the server and deletes its directory; a no-op for an external server or a second call.
    public func stop() throws {
        guard let directory,
            !stopped.withLock({
                let was = $0
                $0 = true
                return was
            })
        else { return }
        defer { try? FileManager.default.removeItem(at: directory) }
        // A crashed server left its pid file behind but runs no more; nothing to stop then.
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("data/postmaster.pid").path),
            (try? pgctl(["status"])) != nil
        else { return }
        try pgctl(["stop", "-w", "-m", "fast"])
    }

    private func pgctl(_ arguments: [String]) throws {
        let directory = directory!
        try PostgresBinaries.locate().run(
            "pg_ctl",
            [
                "-D", directory.appendingPathComponent("data").path, "-l",
                directory.appendingPathComponent("server.log").path,
            ] + arguments,
            log: directory.appendingPathComponent("pg_ctl.log"))
    }

    /// A shell that waits for this process to end, then stops the cluster and deletes it: the safety net
    /// for a test process that crashes or is killed.
    private func startWatchdog() {
        guard let directory, let binaries = try? PostgresBinaries.locate() else { return }
        let data = directory.appendingPathComponent("data").path
        let stop = binaries.commandLine("pg_ctl", ["-D", data, "stop", "-m", "immediate"])
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            if [ -f '\(data)/postmaster.pid' ]; then \(stop) >/dev/null 2>&1; fi
            rm -rf '\(directory.path)'
            """
        _ = try? Subprocess.spawn("/bin/sh", ["-c", script], stdout: "/dev/null")
    }

    /// A port on 127.0.0.1 that nothing listens on right now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClusterError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw TestClusterError("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestClusterError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why the test server could not be started.
public struct TestClusterError: Error, CustomStringConvertible {
    /// What went wrong, and what to install or set.
    public let description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

/// Where `initdb` and `pg_ctl` live, and how to run them (as `postgres` when this process is root, since
/// PostgreSQL refuses to run as root).
struct PostgresBinaries {
    let directory: String
    let asRoot: Bool

    static func locate() throws -> PostgresBinaries {
        var candidates: [String] = []
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
                candidates.append("/usr/lib/postgresql/\(version)/bin")
            }
        }
        for path in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(path))
        }
        guard
            let directory = candidates.first(where: {
                FileManager.default.isExecutableFile(atPath: "\($0)/initdb")
                    && FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl")
            })
        else {
            let ci =
                ProcessInfo.processInfo.environment["CI"] == "true" ? " (CI=true: a missing server fails the run)" : ""
            throw TestClusterError(
                "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or PATH\(ci). "
                    + "Install PostgreSQL (apt-get install postgresql) "
                    + "or set \(TestCluster.externalVariable) to a server."
            )
        }
        return PostgresBinaries(directory: directory, asRoot: geteuid() == 0)
    }

    /// Gives `directory` to the `postgres` user when running as root.
    func handOver(_ directory: URL) throws {
        guard asRoot else { return }
        try Self.execute("/bin/chown", ["-R", "postgres:postgres", directory.path], log: nil)
    }

    func run(_ tool: String, _ arguments: [String], log: URL?) throws {
        if asRoot {
            try Self.execute(
                "/usr/sbin/runuser", ["-u", "postgres", "--", "\(directory)/\(tool)"] + arguments, log: log)
        } else {
            try Self.execute("\(directory)/\(tool)", arguments, log: log)
        }
    }

    /// The command as one shell line (arguments single-quoted).
    func commandLine(_ tool: String, _ arguments: [String]) -> String {
        let words =
            (asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + ["\(directory)/\(tool)"] + arguments
        return words.map { "'\($0)'" }.joined(separator: " ")
    }

    /// Runs a program to completion with output to `log` (a file, never a pipe: a server started by
    /// `pg_ctl` lives on after it, and must not hold anything of ours open).
    private static func execute(_ path: String, _ arguments: [String], log: URL?) throws {
        if let log {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            if geteuid() == 0 { chown(log.path, PostgresBinaries.postgresUID, PostgresBinaries.postgresGID) }
        }
        try Subprocess.runBlocking(path, arguments, log: log?.path)
    }

    static var postgresUID: uid_t { getpwnam("postgres")?.pointee.pw_uid ?? 0 }
    static var postgresGID: gid_t { getpwnam("postgres")?.pointee.pw_gid ?? 0 }
}
#endif
