import ArgumentParser
import CompetenceCore
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

    @Option(name: .customLong("min-group"), help: ArgumentHelp("Withhold figures about fewer persons than this.", valueName: "n"))
    var minGroup: Int = AnalyticsOptions.defaultMinimumGroupSize

    @Option(
        name: .customLong("effective-on"),
        help: ArgumentHelp("A day for the time-travel section: how things stood on that day.", valueName: "date"))
    var effectiveOn: String = "2024-06-30"

    func validate() throws {
        if minGroup < 1 { throw ValidationError("--min-group must be at least 1") }
        if CalendarDate(effectiveOn) == nil { throw ValidationError("--effective-on takes a date YYYY-MM-DD, not '\(effectiveOn)'") }
    }

    func run() async throws {
        let temporary = store == nil ? Self.temporaryStorePath() : nil
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        let location = store.map(StoreLocation.init(parsing:)) ?? .file(path: temporary!)
        let eventStore = try StoreOpener(location: location).open(for: .write)

        let started = ContinuousClock.now
        let summary = try await DemoScenario().record(into: eventStore)
        let recording = ContinuousClock.now - started
        print("""
            Competence Ledger demo: two programmes recorded as immutable events.
              LOSSI (Päijät-Häme industrial firms, 2023–2025) and TULOS (welfare and health organisations, 2019–2021)
              \(summary.events) events in \(summary.steps) atomic ledger calls, up to position \(summary.lastPosition), \
            into \(location) in \(Self.format(recording)).
              Figures about fewer than \(minGroup) persons are withheld; plan actions are judged on \(DemoScenario.recordingDay).

            """)

        let options = try AnalyticsOptions(today: DemoScenario.recordingDay, minimumGroupSize: minGroup)
        let reports = try await AnalyticsReports.replay(eventStore, options: options)
        for section in DemoSection.main {
            print(section.render(reports))
        }

        let day = CalendarDate(effectiveOn)!
        let then = try await AnalyticsReports.replay(
            eventStore, scope: .effectiveOn(day), options: try AnalyticsOptions(today: day, minimumGroupSize: minGroup))
        let heading = "Time travel: how things stood on \(day), and on \(DemoScenario.recordingDay)"
        print("\(heading)\n\(String(repeating: "=", count: heading.count))\n")
        print(TextTableRenderer.render(try KeyFigures.table(then: then, thenDay: day, now: reports, nowDay: DemoScenario.recordingDay)))
        print("computed from: \(reports.provenance.summary)")
        if temporary != nil {
            print("""

                The demo store was temporary. To keep one and explore it:
                  competence demo --store ./demo.store
                  competence report effect --store ./demo.store --format html --output effect.html
                """)
        }
    }

    /// A new directory path under the system temporary directory (the store creates it).
    private static func temporaryStorePath() -> String {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("competence-demo-\(UUID().uuidString.prefix(8)).store").path
    }

    private static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}

/// One part of the demo's output: a heading and the report tables it shows.
struct DemoSection: Sendable {
    /// What the section shows, for people.
    let heading: String
    /// Picks the section's tables out of the reports.
    let tables: @Sendable (AnalyticsReports) throws -> [ReportTable]

    /// The projections the demo prints, in order.
    static let main: [DemoSection] = [
        DemoSection(heading: "Where the programme stands") { reports in
            [try IndicatorTable.table(reports.indicators).keepingRows(titled: "Programme indicators") { $0[0] != "provenance" }]
        },
        DemoSection(heading: "What to train first") { reports in
            reports.matrix.tables.compactMap { table in
                switch table.name {
                case "ranked_gaps": table.keepingRows(titled: "Top three gaps per organisation (mean gap × mean importance)") { $0[1] <= "3" && $0[1].count == 1 }
                case "matrix_breakdown": table.keepingRows(titled: "Skills matrix by region (by sector and size class: competence report matrix)") { $0[0] == "region" }
                default: nil
                }
            }
        },
        DemoSection(heading: "What was bought, and whether it meets the gaps") { reports in
            reports.trainings.tables.filter { $0.name == "trainings" || $0.name == "coverage" }
        },
        DemoSection(heading: "Whether the training worked") { reports in
            reports.effect.tables.map { table in
                guard table.name == "effect" else { return table }
                return table.keepingRows(titled: "Effect for the programme as a whole (per organisation: competence report effect)") {
                    $0.first == "ALL"
                }
            }
        },
        DemoSection(heading: "Plans and good practices") { reports in
            reports.plans.tables.filter { $0.name == "plan_actions" } + reports.practices.tables
        },
    ]

    /// The section as text: its heading underlined, then each table.
    func render(_ reports: AnalyticsReports) -> String {
        var out = heading.isEmpty ? "" : "\(heading)\n\(String(repeating: "=", count: heading.count))\n\n"
        do {
            for table in try tables(reports) { out += TextTableRenderer.render(table) + "\n" }
        } catch {
            out += "(not available: \(error))\n"
        }
        return out
    }
}

extension ReportTable {
    /// The table with a new title and only the rows `keep` accepts.
    func keepingRows(titled title: String, _ keep: ([String]) -> Bool) -> ReportTable {
        var table = self
        table.title = title
        table.rows = rows.filter(keep)
        return table
    }
}

/// The programme's numeric indicators on two days, side by side.
enum KeyFigures {
    /// One row per numeric indicator: its value on `thenDay` and on `nowDay`.
    static func table(then: AnalyticsReports, thenDay: CalendarDate, now: AnalyticsReports, nowDay: CalendarDate) throws -> ReportTable {
        let before = try IndicatorTable.table(then.indicators)
        let after = try IndicatorTable.table(now.indicators)
        let earlier = Dictionary(uniqueKeysWithValues: before.rows.map { ($0[0], $0[1]) })
        let rows = after.rows.filter { Double($0[1]) != nil }.map { row in
            Row(indicator: row[0], then: earlier[row[0]] ?? "", now: row[1])
        }
        var table = ReportTable(name: "key_figures", title: "Programme indicators", rows: rows)
        table.columns = ["indicator", thenDay.description, nowDay.description]
        return table
    }

    struct Row: TableRow {
        static let columns = ["indicator", "then", "now"]
        var indicator: String
        var then: String
        var now: String
        var cells: [String] { [indicator, then, now] }
    }
}
