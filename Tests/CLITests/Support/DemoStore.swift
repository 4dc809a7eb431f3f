import Foundation
import TestSupport
import Testing

/// One demo store (`competence demo --store`) shared by the suites that only read it, recorded once per test
/// run (recording takes a while on a loaded machine).
actor DemoStore {
    static let shared = DemoStore()

    /// The recording, started by the first caller; later callers wait for the same one.
    private var recording: Task<TemporaryDirectory, any Error>?

    /// The directory holding `demo.store`, recorded on first use.
    func directoryURL() async throws -> URL {
        let task =
            recording
            ?? Task {
                let made = try TemporaryDirectory("competence-demo")
                let run = try await Tool.run(["demo", "--store", made.path("demo.store")], in: made.url)
                try #require(run.status == 0, "demo failed: \(run.stderr)")
                return made
            }
        recording = task
        return try await task.value.url
    }
}
