import CompetenceCore
import CompetenceReports
import Foundation

/// What `competence demo` does after opening a store: records the scenario through the ledger, replays it,
/// and writes the main projections and a time-travel comparison as text.
package struct DemoRun: Sendable {
    /// The store recorded into.
    package let store: any EventStore
    /// How the store is named in the text (a location, never a password).
    package let storeName: String
    /// Figures about fewer persons than this are withheld.
    package let minimumGroupSize: Int
    /// The day of the time-travel section.
    package let effectiveOn: CalendarDate

    /// A run of the demo into `store`.
    package init(store: any EventStore, storeName: String, minimumGroupSize: Int, effectiveOn: CalendarDate) {
        self.store = store
        self.storeName = storeName
        self.minimumGroupSize = minimumGroupSize
        self.effectiveOn = effectiveOn
    }

    /// Records the scenario (adding nothing when it is there already) and returns the demo's text: the
    /// introduction, one block per overview section, and the time-travel comparison, in the order printed.
    package func run() async throws -> [String] {
        let started = ContinuousClock.now
        let summary = try await DemoScenario().record(into: store)
        let recording = ContinuousClock.now - started
        let seconds = Double(recording.components.seconds) + Double(recording.components.attoseconds) / 1e18
        let recordingDay = DemoScenario.recordingDay
        var blocks = [
            """
            Competence Ledger demo: two programmes recorded as immutable events.
              LOSSI (Päijät-Häme industrial firms, 2023–2025) and TULOS \
            (welfare and health organisations, 2019–2021)
              \(summary.events) events in \(summary.steps) atomic ledger calls, \
            up to position \(summary.lastPosition), \
            into \(storeName) in \(String(format: "%.2f s", seconds)).
              Figures about fewer than \(minimumGroupSize) persons are withheld; \
            plan actions are judged on \(recordingDay).

            """
        ]
        let options = try AnalyticsOptions(today: recordingDay, minimumGroupSize: minimumGroupSize)
        let reports = try await AnalyticsReports.replay(store, options: options)
        blocks += ProgrammeOverview.sections(reports).map(\.text)

        let day = effectiveOn
        let then = try await AnalyticsReports.replay(
            store, scope: .effectiveOn(day),
            options: try AnalyticsOptions(today: day, minimumGroupSize: minimumGroupSize))
        let heading = "Time travel: how things stood on \(day), and on \(recordingDay)"
        blocks.append("\(heading)\n\(String(repeating: "=", count: heading.count))\n")
        let keyFigures = ProgrammeOverview.keyFigures(then: then, thenDay: day, now: reports, nowDay: recordingDay)
        blocks.append(TextTableRenderer.render(keyFigures))
        blocks.append("computed from: \(reports.provenance.summary)")
        return blocks
    }
}
