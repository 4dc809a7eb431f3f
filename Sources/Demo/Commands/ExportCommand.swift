import ArgumentParser
import CompetenceCore
import CompetenceHistory
import CompetenceOutput
import CompetenceStores
import Foundation

/// `competence export`: the log (or the part a scope selects) as NDJSON, one event per line, global order.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the event history as NDJSON (one envelope + payload per line, in global order).",
        discussion: """
            Each line carries its history-chain hash; a last summary line gives the count and the chain's head \
            (POSITION:HASH, also printed on stderr). For an export from position 1 without gaps that pair is \
            the store's anchor: `competence verify --expect POSITION:HASH` checks the store against it later. \
            The file can be appended to another store with `competence import events FILE`.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write to this file (mode 0600, replaced atomically) instead of stdout; - is stdout.", valueName: "file"))
    var output: String?

    func run() async throws {
        let store = try storeOptions.opener.open(for: .read)
        let target = OutputTarget(path: output, guarding: storeOptions.outputGuard)
        let writer = try target.open()
        let outcome = try await HistoryExporter(store: store, scope: try scopeOptions.scope()).export(to: writer)
        try writer.finish()
        let anchor = outcome.isPrefix ? "history head \(outcome.head)" : "chain head \(outcome.head) (not a prefix)"
        Console.note("exported \(outcome.count) events to \(target.path ?? "stdout"); \(anchor)")
    }
}
