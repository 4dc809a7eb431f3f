import ArgumentParser
import CompetenceCore
import CompetenceOutput
import CompetenceScenario
import CompetenceStores
import Foundation

/// `competence demo` (the default): records the demo scenario of both programmes into a fresh file store
/// and prints the main projections as tables.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record the demo scenario of both programmes into a fresh store and print the projections.",
        discussion: """
            Without --store the scenario goes into a new temporary file store, removed at the end. With --store \
            it goes into that store and stays there for `competence report …`; recording it again adds nothing.
            """)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Record into this store (PATH, file:PATH, postgres://…) and keep it, instead of a temporary one.",
            valueName: "url"))
    var store: String?

    @Option(
        name: .customLong("min-group"),
        help: ArgumentHelp("Withhold figures about fewer persons than this.", valueName: "n"))
    var minGroup: Int = AnalyticsOptions.defaultMinimumGroupSize

    @Option(
        name: .customLong("effective-on"),
        help: ArgumentHelp("A day for the time-travel section: how things stood on that day.", valueName: "date"))
    var effectiveOn: String = "2024-06-30"

    func validate() throws {
        if minGroup < 1 { throw ValidationError("--min-group must be at least 1") }
        if CalendarDate(effectiveOn) == nil {
            throw ValidationError("--effective-on takes a date YYYY-MM-DD, not '\(effectiveOn)'")
        }
    }

    func run() async throws {
        let temporary = store == nil ? Self.temporaryStorePath() : nil
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        let location = store.map(StoreLocation.init(parsing:)) ?? .file(path: temporary!)
        let demo = DemoRun(
            store: try StoreOpener(location: location).open(for: .write), storeName: location.description,
            minimumGroupSize: minGroup, effectiveOn: CalendarDate(effectiveOn)!)
        for block in try await demo.run() { Console.result(block) }
        if temporary != nil {
            Console.result(
                """

                The demo store was temporary. To keep one and explore it:
                  competence demo --store ./demo.store
                  competence report effect --store ./demo.store --format html --output effect.html
                """)
        }
    }

    /// A new directory path under the system temporary directory (the store creates it).
    private static func temporaryStorePath() -> String {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "competence-demo-\(UUID().uuidString.prefix(8)).store"
        ).path
    }
}
