import ArgumentParser
import CompetenceCore
import CompetenceOutput
import CompetenceReports
import CompetenceStores
import Foundation

/// `competence report NAME`: computes an analyst report from the store and writes it as a table, CSV, JSON or
/// one HTML page.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compute a report: \(ReportName.allCases.map(\.rawValue).joined(separator: ", ")).",
        discussion:
            "CSV writes the report's primary table with the documented columns; indicators as JSON is one object.")

    @Argument(help: "The report: \(ReportName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var name: ReportName

    @Option(name: .long, help: ArgumentHelp("The organisation (timeline and trace only).", valueName: "id"))
    var organisation: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only this programme: its organisations, their persons, rounds, trainings and practices.", valueName: "id"))
    var programme: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only this pilot's organisation and the pilot (plans, practices, timeline, trace, outcomes).",
            valueName: "id"))
    var pilot: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "public (default: fit for publication; time travel in whole survey rounds, no --position) or analyst "
                + "(any scope; every output says it is not for publication).", valueName: "audience"))
    var audience: ReportAudience = .public

    @Option(
        name: .long,
        help: ArgumentHelp(
            "As the ledger knew it at the end of this survey round (closed, or when the next one opened).",
            valueName: "id"))
    var round: String?

    @Option(name: .long, help: "table, csv, json or html.")
    var format: ReportFormat = .table

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write to this file (mode 0600, replaced atomically) instead of stdout; - is stdout.", valueName: "file"))
    var output: String?

    @Option(
        name: .customLong("min-group"),
        help: ArgumentHelp("Withhold figures about fewer persons than this.", valueName: "n"))
    var minGroup: Int = AnalyticsOptions.defaultMinimumGroupSize

    @Option(
        name: .long,
        help: "Whose ratings the matrix and effect read: self (default), manager, peer, consultant; never mixed.")
    var rater: Rater = .`self`

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The day plan actions are judged against (default: the scope's day, else today, UTC).", valueName: "date"))
    var today: String?

    @Flag(
        name: .customLong("full-replay"),
        help: ArgumentHelp(
            "Read the whole log instead of starting from the snapshot every import keeps (same figures and stamp; "
                + "slower on a long history)."))
    var fullReplay = false

    func validate() throws {
        if name == .timeline || name == .trace, organisation == nil {
            throw ValidationError("the \(name.rawValue) report needs --organisation ID")
        }
        if name != .timeline, name != .trace, organisation != nil {
            throw ValidationError("--organisation applies to the timeline and trace reports only")
        }
        if pilot != nil, !name.takesPilot { throw ValidationError(ReportError.pilotNotApplicable(name).description) }
        if minGroup < 1 { throw ValidationError("--min-group must be at least 1") }
        if round != nil, scopeOptions.asOf != nil || scopeOptions.effectiveOn != nil || scopeOptions.position != nil {
            throw ValidationError("give at most one of --round, --as-of, --effective-on and --position")
        }
    }

    func run() async throws {
        var document = try await replayedDocument()
        // The replayed state has ended; its pages go back before the report is rendered and stamped.
        FreedMemory.giveBack()
        document.audience = audience
        let target = OutputTarget(path: output, guarding: storeOptions.outputGuard)
        let (text, sidecar) = try ReportOutput.renderWithSidecar(document, as: format, organisation: organisation)
        try target.write(text)
        // A CSV file keeps exactly its columns; its stamp and withheld counts go to FILE.stamp beside it (0600,
        // like the report). On stdout there is no file beside: the withheld counts go to stderr with a note that
        // this CSV carries no stamp.
        if let sidecar {
            if let path = target.path {
                try OutputTarget(path: ReportOutput.sidecarPath(of: path), guarding: storeOptions.outputGuard)
                    .write(sidecar)
            } else {
                Console.note(document.withheldSummary)
                Console.note(
                    "this CSV carries no stamp: give --output FILE to write it to FILE.stamp for verify-report")
            }
        }
    }

    /// The report, from the store replayed in the scope asked for. The replayed state (most of the memory at
    /// 10 million events) ends with this call, before the report is rendered and stamped.
    private func replayedDocument() async throws -> ReportDocument {
        try ReportDocument(
            name: name, reports: try await replayedReports(), organisation: organisation,
            drawingCharts: format == .html)
    }

    /// The store replayed in the scope asked for. The store (its index: 20 bytes an event) ends with this call,
    /// before the reports are computed from the state.
    private func replayedReports() async throws -> AnalyticsReports {
        let store = try storeOptions.opener.open(for: .read)
        let scope = try await resolvedScope(store)
        let options = try AnalyticsOptions(
            today: try judgementDay(scope: scope), minimumGroupSize: minGroup, rater: rater, audience: audience,
            scope: ReportScope(programme: programme.map { ProgrammeID($0) }, pilot: pilot.map { PilotID($0) }))
        return try await AnalyticsReports.replay(
            store, scope: scope, options: options, startingFromSnapshot: !fullReplay)
    }

    /// The scope asked for; a public report's snapped to whole survey rounds (``PublicScope``), as is any
    /// `--round`.
    private func resolvedScope(_ store: any EventStore) async throws -> ReplayScope {
        let requested = try scopeOptions.scope()
        if audience == .analyst, round == nil { return requested }
        // Only a round or a day needs the survey calendar, and so a replay of the whole history to find it.
        if let snapped = try PublicScope.snapWithoutCalendar(requested, round: round.map { RoundID($0) }) {
            return snapped
        }
        let everything = try await ProjectionRunner(store: store)
            .replay(LedgerModel(hashingUsedEvents: false), scope: .everything).state
        return try PublicScope.snap(
            requested, round: round.map { RoundID($0) }, calendar: SurveyRoundCalendar(everything))
    }

    /// `--today`, else the day the scope names, else the current day (UTC).
    private func judgementDay(scope: ReplayScope) throws -> CalendarDate {
        guard let today else { return scope.day ?? CalendarDate(containing: Date()) }
        guard let day = CalendarDate(today) else {
            throw CommandError.invalidOption(name: "--today", value: today, expected: "a date YYYY-MM-DD")
        }
        return day
    }
}
