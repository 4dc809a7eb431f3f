import ArgumentParser
import CompetenceCore
import CompetenceOutput
import CompetenceStores

/// `competence verify`: checks a store's integrity and names every fault; exits non-zero when there is one.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: """
            Check a store: framing, checksums and the hash chain (file store) or the head, stream versions, \
            constraints and the stored history chain (PostgreSQL); then positions, versions and ids read back \
            gap-free and every event decodes.
            """,
        discussion: """
            Prints the history chain's head as `history head: POSITION:HASH`: keep that anchor (or the one \
            `competence export` prints) and check the store against it later with --expect, which detects a \
            truncated tail, removed last segments or a rewritten suffix. Exits 0 when the store is sound; \
            otherwise names each fault on stderr and exits 1.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "An anchor printed earlier by verify or export: the history up to POSITION must still hash to HASH.",
            valueName: "position:hash"))
    var expect: String?

    func validate() throws {
        if let expect, HistoryAnchor(expect) == nil {
            throw ValidationError("--expect takes POSITION:HASH (a position and 64 hex digits), not '\(expect)'")
        }
    }

    func run() async throws {
        let location = storeOptions.location
        let verification = try await storeOptions.opener.verify(expecting: expect.flatMap(HistoryAnchor.init))
        for line in verification.checks { Console.result(line) }
        if let head = verification.historyHead { Console.result("history head: \(head)") }
        guard verification.isIntact else {
            for fault in verification.faults { Console.note("fault: \(fault)") }
            if let position = verification.firstBrokenPosition { Console.note("first broken position: \(position)") }
            throw CommandError.verificationFailed(location: location.description, faults: verification.faults.count)
        }
        Console.result("\(location): sound")
    }
}
