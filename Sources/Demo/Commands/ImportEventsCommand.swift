import ArgumentParser
import CompetenceCore
import CompetenceHistory
import CompetenceOutput
import CompetenceStores
import Foundation

/// `competence import events FILE`: appends an exported history to a store, keeping ids and times.
struct ImportEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract:
            "Append a history exported by `competence export` (NDJSON), "
            + "keeping event ids, versions, order, times and metadata.",
        discussion: """
            The whole file is read and checked before anything is appended: every line, the history chain and \
            its summary line, and every event with the ledger's rules. A history whose streams never \
            interleave lands in one atomic append; otherwise in the fewest order-keeping atomic batches, and a \
            run cut short is completed by running it again. Importing the same file again adds nothing.
            """)

    @Argument(help: ArgumentHelp("The NDJSON file.", valueName: "file"))
    var file: String

    @OptionGroup var storeOptions: StoreOptions

    @Flag(
        name: .customLong("allow-unknown-types"),
        help: "Append events of types this build does not know, unchecked (by default they are refused).")
    var allowUnknownTypes = false

    func run() async throws {
        let history = try HistoryReader(path: file).read()
        guard !history.entries.isEmpty else {
            Console.note("\(file) holds no events; nothing to import")
            return
        }
        let store = try storeOptions.opener.open(for: .write)
        let bar = ProgressBar(label: (file as NSString).lastPathComponent, total: history.entries.count)
        let appender = HistoryAppender(store: store, file: file, allowsUnknownTypes: allowUnknownTypes)
        let outcome = try await appender.append(history, progress: bar.update)
        bar.finish()
        Console.result(outcome.summary(file: file, storeName: storeOptions.location.description))
    }
}
