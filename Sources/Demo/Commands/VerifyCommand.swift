import ArgumentParser
import CompetenceCore
import FileStore
import Foundation

/// `competence verify`: checks a store's integrity and names every fault; exits non-zero when there is one.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a store: framing, checksums and the hash chain (file store), then that every event decodes.",
        discussion: "Exits 0 when the store is sound; otherwise names each fault on stderr and exits 1.")

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let location = storeOptions.location
        var faults: [String] = []
        var summary: [String] = []
        if case .file(let path) = location {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandError.storeNotFound(location: location.description)
            }
            let report = try FileEventStore.verify(directory: path)
            summary.append("\(report.records) records in \(report.segments) segments; head hash \(report.headHash)")
            faults += report.problems.map { "bad record: \($0)" }
            if let chainBreak = report.firstChainBreak { faults.append(chainBreak.description) }
        }
        if faults.isEmpty {
            let decoding = try await LogSoundnessCheck(store: try storeOptions.opener.open(for: .read)).run()
            summary.append(decoding.summary)
            faults += decoding.faults
        }
        for line in summary { print(line) }
        guard faults.isEmpty else {
            for fault in faults { Console.note("fault: \(fault)") }
            throw CommandError.verificationFailed(location: location.description, faults: faults.count)
        }
        print("\(location): sound")
    }
}
