import ArgumentParser
import CompetenceCore

/// `competence demo` (the default): records the demo scenario of both programmes and prints projections.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Record the demo scenario of both programmes into a fresh store and print the projections."
    )

    func run() async throws {
        print("Competence Ledger demo — the scenario lands with the domain catalogue.")
    }
}
