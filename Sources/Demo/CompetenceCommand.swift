import ArgumentParser
import CompetenceOutput
import Foundation

/// The `competence` tool: the demo, imports, reports, history moves and benchmarks over any store.
@main
struct CompetenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "competence",
        abstract: "Record and analyse a competence-development programme as an immutable event history.",
        subcommands: [
            DemoCommand.self, ImportCommand.self, ReportCommand.self, ExportCommand.self, VerifyCommand.self,
            ReplayCommand.self, EraseCommand.self, VerifyReportCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: DemoCommand.self
    )

    /// Parses and runs like ArgumentParser's own `main`, but every message it prints — errors of the
    /// libraries, of the arguments and help — passes through ``TerminalText`` first: a value from a file or
    /// the command line never reaches the terminal as raw control characters or escape sequences.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = TerminalText.sanitised(fullMessage(for: error))
            if !message.isEmpty {
                if code == .success {
                    Console.result(message)
                } else {
                    Console.note(message)
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
