import ArgumentParser
import CompetenceBench
import CompetenceCore
import CompetenceStores
import Foundation

/// `competence bench`: measures a store's append, read, replay and open speed.
///
/// Build with `-c release` for figures worth writing down. Each measurement prints a human-readable line,
/// or with `--json` one JSON object per line:
/// `{"store":"file","case":"append-batch-100","events":…,"seconds":…,"events_per_second":…,"peak_rss_bytes":…}`.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure append, read, replay and open speed of a store (build with -c release)."
    )

    @Option(
        name: .long,
        help: "The store to measure: a directory path, file:PATH, or postgres://… (default: a temporary file store).")
    var store: String?

    @Option(name: .long, help: "Events in the replay and open cases.")
    var events: Int = 1_000_000

    @Option(name: .long, parsing: .upToNextOption, help: "Only these cases (default: all the store supports).")
    var cases: [String] = []

    @Flag(name: .long, help: "Print one JSON object per measurement.")
    var json = false

    func run() async throws {
        let reporter = BenchReporter(json: json)
        let location = store.map(StoreLocation.init(parsing:))
        let suite = try BenchSuite.make(for: location, events: events)
        for benchCase in suite.cases where cases.isEmpty || cases.contains(benchCase.name) {
            let measurement = try await benchCase.run()
            reporter.report(store: suite.storeKind, case: benchCase.name, measurement)
        }
    }
}
