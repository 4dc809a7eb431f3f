import ArgumentParser
import CompetenceCore
import CompetenceOutput
import CompetenceStores
import Foundation

/// `competence erase person ID` / `erase organisation ID`: crypto-shredding of one data subject.
struct EraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase the personal data of one person or organisation (destroys its key; cannot be undone).",
        discussion: """
            Destroys the subject's key in the store's key store and records a DataSubjectErased event that holds \
            only the subject and the day. Every personal text about the subject then reads [erased] in reports, \
            timelines and exports; counts and levels recorded under the pseudonymous id stay; the history chain \
            still verifies. Nothing else erases: this command is the only way, it names its subject explicitly, \
            and it prints what it erased. See Docs/Personal-Data.md.
            """,
        subcommands: [ErasePersonCommand.self, EraseOrganisationCommand.self])
}

/// `competence erase person ID`.
struct ErasePersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Erase the personal data of a person (by pseudonymous id).")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The person's id as recorded.") var id: String

    func run() async throws { try await Erasure.run(.person(PersonID(id)), storeOptions) }
}

/// `competence erase organisation ID`.
struct EraseOrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisation", abstract: "Erase the personal data recorded about an organisation.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The organisation's id as recorded.") var id: String

    func run() async throws { try await Erasure.run(.organisation(OrganisationID(id)), storeOptions) }
}

/// The wiring both erase commands share.
enum Erasure {
    static func run(_ subject: DataSubject, _ storeOptions: StoreOptions) async throws {
        let store = try storeOptions.opener.open(for: .write)
        let ledger = CompetenceLedger(store: store, recordedBy: "competence erase")
        let receipt = try await ledger.erase(subject, on: CalendarDate(containing: .now))
        Console.result("erased \(receipt)")
    }
}
