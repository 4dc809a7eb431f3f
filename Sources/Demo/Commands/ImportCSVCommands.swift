import ArgumentParser
import CompetenceCore
import CompetenceImport
import CompetenceOutput
import CompetenceStores
import Foundation

/// What every CSV import takes: the file, the store and who records.
struct CSVImportOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The CSV file (UTF-8 with or without BOM or UTF-16 with BOM; `,`, `;` or tab separated; header row) or an "
                + "Excel workbook (.xlsx).", valueName: "file"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp("The sheet of a workbook to read (default: its first sheet).", valueName: "name"))
    var sheet: String?

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("recorded-by"),
        help: ArgumentHelp("Who records (kept in each event's metadata; default $USER).", valueName: "name"))
    var recordedBy: String?

    /// Imports the file as `kind` and prints what happened.
    func run(_ kind: some CSVImportKind) async throws {
        let user = recordedBy ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
        let store = try storeOptions.opener.open(for: .write)
        let importer = CSVImporter(store: store, recordedBy: user) { label, done, total in
            ProgressBar(label: label, total: total).update(done)
        }
        let outcome = try await importer.run(kind, file: file, sheet: sheet)
        ProgressBar(label: file, total: 1).finish()
        Console.result(outcome.summary(storeName: storeOptions.location.description))
    }
}

/// `competence import organisations FILE`.
struct ImportOrganisationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisations", abstract: "Enrol organisations: id,name,kind,sector,size_class,region.")
    @OptionGroup var options: CSVImportOptions
    func run() async throws { try await options.run(OrganisationsImport()) }
}

/// `competence import competences FILE`.
struct ImportCompetencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "competences", abstract: "Define competences: id,name,category,scale_min,scale_max,esco_uri.")
    @OptionGroup var options: CSVImportOptions
    func run() async throws { try await options.run(CompetenceDefinitionsImport()) }
}

/// `competence import survey FILE --round ROUND --kind baseline|follow-up [--mapping FILE.json | --profile NAME]
/// [--questions FILE] [--rater R] [--perspective P] [--on-duplicate supersede|refuse]`.
struct ImportSurveyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Record survey answers (long format, a survey tool's export, or a wide export with --mapping).",
        discussion: """
            Long format: respondent,organisation,role,competence,current,target,importance,answered_on \
            (optional rater, perspective). A survey tool's export (webropol, ms-forms, google-forms, limesurvey) \
            is recognised from its header, or named with --profile; --questions maps its questions to competences. \
            A round that does not exist is opened; new respondents are registered (role needed). A later answer \
            by the same person to the same competence (same rater and perspective) supersedes the earlier one.
            """)
    @OptionGroup var options: CSVImportOptions

    @Option(name: .long, help: ArgumentHelp("The survey round, e.g. 2024-baseline.", valueName: "round"))
    var round: String

    @Option(name: .long, help: "baseline or follow-up.")
    var kind: RoundKind

    @Option(
        name: .long, help: ArgumentHelp("A JSON mapping for a wide export (see Docs/CLI.md).", valueName: "file.json"))
    var mapping: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The survey tool whose export the file is: webropol, ms-forms, google-forms, limesurvey (default: "
                + "recognised from the header).", valueName: "name"))
    var profile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A survey tool export's questions: a question,competence[,aspect] file or a competences file with a "
                + "question column (CSV or .xlsx).", valueName: "file"))
    var questions: String?

    @Option(name: .long, help: "Who rated, where the file has no rater column: self, manager, peer, consultant.")
    var rater: Rater?

    @Option(name: .long, help: "current or retrospective-pre (the then-test), where the file has no such column.")
    var perspective: Perspective?

    @Option(
        name: .customLong("on-duplicate"),
        help: "supersede (default: a later answer corrects the earlier) or refuse (the file is refused).")
    var onDuplicate: DuplicatePolicy = .supersede

    func run() async throws {
        let questions = try questions.map(QuestionMap.load(path:))
        let format: SurveyImport.Format
        switch (mapping, profile) {
        case (.some, .some):
            throw ValidationError("--mapping and --profile exclude each other: a mapping reads a wide export itself")
        case (let path?, nil):
            guard questions == nil else { throw ValidationError("--questions applies to --profile, not --mapping") }
            format = .mapping(try WideSurveyMapping.load(path: path))
        case (nil, let name?):
            guard let named = SurveyProfile.named(name) else {
                throw ValidationError(
                    "--profile \(name): expected one of " + SurveyProfile.all.map(\.name).joined(separator: ", "))
            }
            format = .profile(named, questions: questions)
        case (nil, nil): format = .automatic(questions: questions)
        }
        try await options.run(
            SurveyImport(
                round: RoundID(round), roundKind: kind, format: format, rater: rater, perspective: perspective,
                duplicates: onDuplicate))
    }
}

/// `competence import trainings FILE`.
struct ImportTrainingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainings",
        abstract: "Record procured trainings: id,title,provider,kind,competences,cost_eur,hours,procured_on.")
    @OptionGroup var options: CSVImportOptions
    func run() async throws { try await options.run(TrainingsImport()) }
}

/// `competence import participation FILE`.
struct ImportParticipationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participation",
        abstract: "Record participation: training,respondent,organisation,attended_hours,completed,completed_on.")
    @OptionGroup var options: CSVImportOptions
    func run() async throws { try await options.run(ParticipationImport()) }
}

/// `competence import participants FILE`.
struct ImportParticipantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participants",
        abstract:
            "Record ESF participant data: respondent,stage,recorded_on,gender,age_band,birth_year,education,"
            + "labour_status (optional disadvantage-flag columns).")
    @OptionGroup var options: CSVImportOptions
    func run() async throws { try await options.run(ParticipantsImport()) }
}

/// `competence import outside-adoptions FILE`.
struct ImportOutsideAdoptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outside-adoptions",
        abstract:
            "Record adoptions of good practices by organisations outside the programme: practice,name,kind,sector,"
            + "region,adopted_on (optional note).")
    @OptionGroup var options: CSVImportOptions
    func run() async throws { try await options.run(OutsideAdoptionsImport()) }
}
