import ArgumentParser
import CompetenceCore
import CompetenceOutput
import CompetenceStores
import Foundation

/// The projections `competence replay` can fold.
enum ProjectionName: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// ``LedgerModel``: the one fold of the whole catalogue that every report reads.
    case ledger
}

/// `competence replay`: folds a store into a projection and says how many events were folded and how fast.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Fold a store's events into a projection and print how many were folded and how fast.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(name: .long, help: "The projection: \(ProjectionName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var projection: ProjectionName = .ledger

    func run() async throws {
        let store = try storeOptions.opener.open(for: .read)
        let scope = try scopeOptions.scope()
        let clock = ContinuousClock()
        let start = clock.now
        let replayed: Replayed<LedgerState>
        switch projection {
        case .ledger:
            // Nothing here shows provenance, so the used-events hash (most of a replay's cost) is not made.
            replayed = try await ProjectionRunner(store: store).replay(
                LedgerModel(hashingUsedEvents: false), scope: scope)
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(replayed.eventsRead) / seconds : 0
        Console.result("projection: \(projection.rawValue) (\(scope))")
        Console.result(
            "events read: \(replayed.eventsRead), folded: \(replayed.eventsFolded), "
                + "unknown types passed over: \(replayed.unknownEvents)")
        Console.result("last position: \(replayed.checkpoint)")
        Console.result(String(format: "time: %.3f s, %.0f events/s", seconds, rate))
    }
}
