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
            The whole file is read and checked before anything is appended. A history whose streams never \
            interleave lands in one atomic append; otherwise in the fewest order-keeping atomic batches, and a \
            run cut short is completed by running it again. Importing the same file again adds nothing.
            """)

    @Argument(help: ArgumentHelp("The NDJSON file.", valueName: "file"))
    var file: String

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let entries = try HistoryReader(path: file).read()
        guard !entries.isEmpty else {
            Console.note("\(file) holds no events; nothing to import")
            return
        }
        let store = try storeOptions.opener.open(for: .write)
        let bar = ProgressBar(label: (file as NSString).lastPathComponent, total: entries.count)
        let outcome = try await HistoryAppender(store: store, file: file).append(entries, progress: bar.update)
        bar.finish()
        print(outcome.summary(file: file, storeName: storeOptions.location.description))
    }
}
