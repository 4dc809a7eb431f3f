import ArgumentParser
import CompetenceCore
import CompetenceOutput
import CompetenceStores

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
        let verification = try await storeOptions.opener.verify()
        for line in verification.checks { print(line) }
        guard verification.isIntact else {
            for fault in verification.faults { Console.note("fault: \(fault)") }
            throw CommandError.verificationFailed(location: location.description, faults: verification.faults.count)
        }
        print("\(location): sound")
    }
}
