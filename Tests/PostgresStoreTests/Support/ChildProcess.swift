import Foundation
import TestSupport

/// Runs the `PostgresStoreStressChild` executable (built next to the test binary) as a separate OS process.
enum ChildProcess {
    /// Starts the child with `arguments`, waits for it off the cooperative pool, and returns its exit status
    /// and standard output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let run = try await Subprocess.run(Subprocess.builtExecutable("PostgresStoreStressChild"), arguments)
        return (run.status, run.stdout)
    }
}
