import ArgumentParser

/// `competence import KIND FILE`: the import commands, one per kind of file.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import a CSV file (organisations, competences, survey, trainings, participation, participants, "
            + "outside-adoptions) "
            + "or an exported history (events).",
        discussion:
            "Each import is atomic: a file lands whole or not at all. Importing the same file again adds nothing.",
        subcommands: [
            ImportOrganisationsCommand.self, ImportCompetencesCommand.self, ImportSurveyCommand.self,
            ImportTrainingsCommand.self, ImportParticipationCommand.self, ImportParticipantsCommand.self,
            ImportOutsideAdoptionsCommand.self,
            ImportEventsCommand.self,
        ])
}
