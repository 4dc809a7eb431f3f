import ArgumentParser
import CompetenceCore
import CompetenceOutput
import CompetenceReports
import CompetenceStores
import Foundation

/// `competence verify-report FILE`: checks a report file against the store.
struct VerifyReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-report",
        abstract: "Check a report file (table, CSV with its FILE.stamp, JSON or HTML) against the store it came from.",
        discussion: """
            Prints "matches", "differs: N events changed, first at position P", "differs: …" when the figures or \
            options were changed, or "store has moved on: report is of position P, which still verifies". \
            Exits 1 when it differs.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The report file.") var file: String

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ReportVerifier.Unverifiable(description: "cannot read \(file): \(error.localizedDescription)")
        }
        // A CSV report's stamp is in FILE.stamp beside it.
        let sidecar = try? String(contentsOfFile: ReportOutput.sidecarPath(of: file), encoding: .utf8)
        let store = try storeOptions.opener.open(for: .read)
        let verdict = try await ReportVerifier(store: store).verify(text, sidecar: sidecar)
        Console.result(verdict.description)
        if !verdict.isMatch { throw ExitCode(1) }
    }
}
