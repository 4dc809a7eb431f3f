import ArgumentParser

/// The `competence` tool: the demo, imports, reports, history moves and benchmarks over any store.
@main
struct CompetenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "competence",
        abstract: "Record and analyse a competence-development programme as an immutable event history.",
        subcommands: [
            DemoCommand.self, ImportCommand.self, ReportCommand.self, ExportCommand.self, VerifyCommand.self,
            ReplayCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: DemoCommand.self
    )
}
