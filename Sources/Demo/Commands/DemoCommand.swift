import ArgumentParser
import CompetenceCore
import CompetenceReports
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
        let eventStore = try StoreOpener(location: location).open(for: .write)

        let started = ContinuousClock.now
        let summary = try await DemoScenario().record(into: eventStore)
        let recording = ContinuousClock.now - started
        print(
            """
            Competence Ledger demo: two programmes recorded as immutable events.
              LOSSI (Päijät-Häme industrial firms, 2023–2025) and TULOS \
            (welfare and health organisations, 2019–2021)
              \(summary.events) events in \(summary.steps) atomic ledger calls, \
            up to position \(summary.lastPosition), \
            into \(location) in \(Self.format(recording)).
              Figures about fewer than \(minGroup) persons are withheld; \
            plan actions are judged on \(DemoScenario.recordingDay).

            """)

        let options = try AnalyticsOptions(today: DemoScenario.recordingDay, minimumGroupSize: minGroup)
        let reports = try await AnalyticsReports.replay(eventStore, options: options)
        for section in ProgrammeOverview.sections(reports) {
            print(section.text)
        }

        let day = CalendarDate(effectiveOn)!
        let then = try await AnalyticsReports.replay(
            eventStore, scope: .effectiveOn(day), options: try AnalyticsOptions(today: day, minimumGroupSize: minGroup))
        let heading = "Time travel: how things stood on \(day), and on \(DemoScenario.recordingDay)"
        print("\(heading)\n\(String(repeating: "=", count: heading.count))\n")
        let keyFigures = ProgrammeOverview.keyFigures(
            then: then, thenDay: day, now: reports, nowDay: DemoScenario.recordingDay)
        print(TextTableRenderer.render(keyFigures))
        print("computed from: \(reports.provenance.summary)")
        if temporary != nil {
            print(
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

    private static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}
