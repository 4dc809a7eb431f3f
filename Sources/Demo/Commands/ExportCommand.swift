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
        discussion: "The file can be appended to another store with `competence import events FILE`.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    func run() async throws {
        let store = try storeOptions.opener.open(for: .read)
        let writer = try OutputTarget(path: output).open()
        let count = try await HistoryExporter(store: store, scope: try scopeOptions.scope()).export(to: writer)
        try writer.finish()
        if let output { Console.note("exported \(count) events to \(output)") }
    }
}
