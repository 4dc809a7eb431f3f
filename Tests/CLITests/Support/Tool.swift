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
    static func run(_ arguments: [String], in directory: URL, stdin: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "COMPETENCE_STORE")
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a full pipe never blocks it.
        let outData = LockedData()
        let errData = LockedData()
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        process.waitUntilExit()
        group.wait()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData.get(), as: UTF8.self),
            stderr: String(decoding: errData.get(), as: UTF8.self))
    }
}

/// Bytes handed from a reading thread to the test.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
