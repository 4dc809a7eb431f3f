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

    @Option(name: .long, help: ArgumentHelp("The organisation (timeline only).", valueName: "id"))
    var organisation: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scopeOptions: ScopeOptions

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
        help: ArgumentHelp(
            "The day plan actions are judged against (default: the scope's day, else today, UTC).", valueName: "date"))
    var today: String?

    func validate() throws {
        if name == .timeline, organisation == nil {
            throw ValidationError("the timeline report needs --organisation ID")
        }
        if name != .timeline, organisation != nil {
            throw ValidationError("--organisation applies to the timeline report only")
        }
        if minGroup < 1 { throw ValidationError("--min-group must be at least 1") }
    }

    func run() async throws {
        let scope = try scopeOptions.scope()
        let options = try AnalyticsOptions(today: try judgementDay(scope: scope), minimumGroupSize: minGroup)
        let store = try storeOptions.opener.open(for: .read)
        let reports = try await AnalyticsReports.replay(store, scope: scope, options: options)
        let document = try ReportDocument(name: name, reports: reports, organisation: organisation)
        let target = OutputTarget(path: output, guarding: storeOptions.outputGuard)
        switch format {
        case .table: try target.write(TextTableRenderer.render(document))
        case .csv: try target.write(CSVRenderer.render(document.primaryTable))
        case .json:
            var data = try JSONRenderer.render(document)
            data.append(UInt8(ascii: "\n"))
            try target.write(String(decoding: data, as: UTF8.self))
        case .html: try target.write(HTMLPage.render(document))
        }
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
