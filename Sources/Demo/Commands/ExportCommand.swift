import ArgumentParser
import CompetenceCore
import CompetenceExport
import CompetenceHistory
import CompetenceOutput
import CompetenceStores
import Foundation

/// `competence export`: the log (or the part a scope selects) as NDJSON, one event per line, global order; or,
/// with `--tables`, `--xapi` or `--moodle-framework`, the ledger in a format for analysts or other systems.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the event history as NDJSON (one envelope + payload per line, in global order).",
        discussion: """
            Each line carries its history-chain hash; a last summary line gives the count and the chain's head \
            (POSITION:HASH, also printed on stderr). For an export from position 1 without gaps that pair is \
            the store's anchor: `competence verify --expect POSITION:HASH` checks the store against it later. \
            The file can be appended to another store with `competence import events FILE`. \
            --tables DIR writes one CSV per entity and a datapackage.json (analysts only); --xapi FILE writes xAPI \
            1.0.3 statements (NDJSON); --moodle-framework FILE writes the competences for Moodle's import.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write to this file (mode 0600, replaced atomically) instead of stdout; - is stdout.", valueName: "file"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write tidy tables (one CSV per entity, datapackage.json) into this new or empty directory "
                + "(needs --audience analyst).", valueName: "dir"))
    var tables: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write answers, attendances and completions as xAPI 1.0.3 statements (NDJSON) to this file.",
            valueName: "file"))
    var xapi: String?

    @Option(
        name: .customLong("moodle-framework"),
        help: ArgumentHelp(
            "Write the competences as a Moodle competency framework (tool_lpimportcsv CSV) to this file.",
            valueName: "file"))
    var moodleFramework: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "public (default) or analyst. Tidy tables are person-level: they are written for analyst only.",
            valueName: "audience"))
    var audience: ReportAudience = .public

    @Option(
        name: .customLong("home-page"),
        help: ArgumentHelp(
            "--xapi: the IRL of the programme's system (the accounts' homePage, the base of activity ids).",
            valueName: "url"))
    var homePage: String = "https://competence-ledger.example"

    @Option(
        name: .customLong("framework-id"),
        help: ArgumentHelp("--moodle-framework: the framework's id number in Moodle.", valueName: "id"))
    var frameworkID: String = "competence-ledger"

    func validate() throws {
        let targets = [output, tables, xapi, moodleFramework].compactMap { $0 }
        if targets.count > 1 {
            throw ValidationError("give at most one of --output, --tables, --xapi and --moodle-framework")
        }
        if tables == nil, audience != .public {
            throw ValidationError("--audience applies to --tables only")
        }
        guard let url = URL(string: homePage), let scheme = url.scheme, ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw ValidationError("--home-page \(homePage): expected an http or https URL")
        }
    }

    func run() async throws {
        let store = try storeOptions.opener.open(for: .read)
        let scope = try scopeOptions.scope()
        if tables != nil || xapi != nil || moodleFramework != nil {
            try await exportForOthers(store, scope: scope)
            return
        }
        let target = OutputTarget(path: output, guarding: storeOptions.outputGuard)
        let writer = try target.open()
        let outcome = try await HistoryExporter(store: store, scope: scope).export(to: writer)
        try writer.finish()
        let anchor = outcome.isPrefix ? "history head \(outcome.head)" : "chain head \(outcome.head) (not a prefix)"
        Console.note("exported \(outcome.count) events to \(target.path ?? "stdout"); \(anchor)")
    }

    /// `--tables`, `--xapi` or `--moodle-framework`: replays the scope and writes the format asked for.
    private func exportForOthers(_ store: any EventStore, scope: ReplayScope) async throws {
        if tables != nil, audience != .analyst { throw ExportError.personLevelForPublic }
        let state = try await ProjectionRunner(store: store).replay(LedgerModel(hashingUsedEvents: false), scope: scope)
            .state
        if let tables {
            let directory = try TableDirectory(path: tables, guarding: storeOptions.outputGuard)
            let keyring = try await store.heldSubjectKeys?.keyring() ?? .empty
            let written = try TablesExport.write(state, keyring: keyring, into: directory)
            let rows = written.map { "\($0.name) \($0.rows.count)" }.joined(separator: ", ")
            Console.note("wrote \(written.count) tables and datapackage.json to \(tables) (rows: \(rows))")
        } else if let xapi {
            let lines = try XAPIStatements(homePage: homePage).lines(of: state)
            let target = OutputTarget(path: xapi, guarding: storeOptions.outputGuard)
            let writer = try target.open()
            for line in lines {
                try writer.write(line)
                try writer.write(Data([UInt8(ascii: "\n")]))
            }
            try writer.finish()
            Console.note("wrote \(lines.count) xAPI statements to \(target.path ?? "stdout")")
        } else if let moodleFramework {
            let framework = MoodleFramework(idNumber: frameworkID, shortName: "Competence Ledger")
            let target = OutputTarget(path: moodleFramework, guarding: storeOptions.outputGuard)
            try target.write(framework.csv(of: state))
            Console.note("wrote the Moodle competency framework '\(frameworkID)' to \(target.path ?? "stdout")")
        }
    }
}
