import ArgumentParser
import CompetenceCore
import FileStore
import Foundation
import PostgresStore

/// `competence verify`: checks a store's integrity and names every fault; exits non-zero when there is one.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: """
            Check a store: framing, checksums and the hash chain (file store) or the head, stream versions and \
            constraints (PostgreSQL); then positions, versions and ids read back gap-free and every event decodes.
            """,
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
            // Opened only now: a file store with a fault before its tail refuses to open, and its faults are
            // already named above.
            let store = try storeOptions.opener.open(for: .read)
            defer { (store as? PostgresEventStore)?.close() }
            if let postgres = store as? PostgresEventStore {
                let problems = try await postgres.verifyConsistency()
                summary.append("head, stream versions and constraints: \(problems.isEmpty ? "consistent" : "\(problems.count) faults")")
                faults += problems
            }
            if faults.isEmpty {
                let decoding = try await LogSoundnessCheck(store: store).run()
                summary.append(decoding.summary)
                faults += decoding.faults
            }
        }
        for line in summary { print(line) }
        guard faults.isEmpty else {
            for fault in faults { Console.note("fault: \(fault)") }
            throw CommandError.verificationFailed(location: location.description, faults: faults.count)
        }
        print("\(location): sound")
    }
}
