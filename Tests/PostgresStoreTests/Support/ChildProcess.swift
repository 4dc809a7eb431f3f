import Dispatch
import Foundation

/// Runs the `PostgresStoreStressChild` executable (built next to the test binary) as a separate OS process.
enum ChildProcess {
    /// The child executable, in the directory of the running test binary.
    static var executable: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("PostgresStoreStressChild").path
    }

    /// Starts the child with `arguments`, waits for it off the cooperative pool, and returns its exit status
    /// and standard output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let output = NSTemporaryDirectory() + "stress-child-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: output) }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestClusterError("the stress child is not built at \(executable)")
        }
        let pid = try PostgresBinaries.spawn(executable, arguments, output: output)
        let status: Int32 = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xff, text)
    }
}
