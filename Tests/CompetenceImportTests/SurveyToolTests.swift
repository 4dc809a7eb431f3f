import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceImport

/// The survey tools' example exports (Docs/examples/) and workbooks saved by a real spreadsheet program
/// (Tests/Fixtures/Workbooks/, see its README).
@Suite("Survey tools' exports and workbooks")
struct SurveyToolTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples = repository.appendingPathComponent("Docs/examples")
    static let workbooks = repository.appendingPathComponent("Tests/Fixtures/Workbooks")

    /// The four examples: each tool's export of the same two responses.
    static let tools = [
        ("webropol", "webropol.txt"), ("ms-forms", "ms-forms.csv"), ("google-forms", "google-forms.csv"),
        ("limesurvey", "limesurvey.csv"),
    ]

    /// What the examples hold, as answers (respondent, competence, current, target, day).
    static let expected: Set<String> = [
        "w1 excel 2 4 2024-01-10", "w1 lean 1 3 2024-01-10", "w2 excel 3 5 2024-01-11",
    ]

    private func answers(_ events: [CompetenceEvent]) -> [SurveyAnswerRecorded] {
        events.compactMap {
            if case .surveyAnswerRecorded(let event) = $0 { return event }
            return nil
        }
    }

    private func imported(
        _ file: URL, format: SurveyImport.Format, kind: RoundKind = .baseline, sheet: String? = nil
    ) async throws -> (events: [CompetenceEvent], outcome: CSVImporter.Outcome) {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        let outcome = try await workspace.importer.run(
            SurveyImport(round: "r1", roundKind: kind, format: format), file: file.path, sheet: sheet)
        return (try await workspace.typed(), outcome)
    }

    @Test("each tool's example imports by auto-detection and by --profile, giving the same events", arguments: tools)
    func example(profile name: String, file: String) async throws {
        let questions = try QuestionMap.load(path: Self.examples.appendingPathComponent("survey-questions.csv").path)
        let path = Self.examples.appendingPathComponent(file)
        let detected = try await imported(path, format: .automatic(questions: questions))
        let profile = try #require(SurveyProfile.named(name))
        let named = try await imported(path, format: .profile(profile, questions: questions))
        #expect(detected.events == named.events)
        #expect(detected.events.count == named.events.count && !detected.events.isEmpty)
        let read = Set(
            answers(detected.events).map {
                "\($0.respondent) \($0.competence) \($0.current) \($0.target.map(String.init) ?? "-") \($0.answeredOn)"
            })
        #expect(read == Self.expected)
        #expect(SurveyProfile.candidates(for: try CSVTable(path: path.path).header).map(\.name) == [name])
    }

    @Test("a tool's export without a question map is refused, naming the tool and the option")
    func questionsNeeded() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        let head = try await workspace.store.headPosition()
        let error = await #expect(throws: ImportFileError.self) {
            try await workspace.importer.run(
                SurveyImport(round: "r1", roundKind: .baseline, format: .automatic(questions: nil)),
                file: Self.examples.appendingPathComponent("google-forms.csv").path)
        }
        #expect(error?.description.contains("is a google-forms export; give --questions FILE") == true)
        #expect(try await workspace.store.headPosition() == head)
    }

    @Test("an answer text no table knows is refused naming the cell; nothing is appended")
    func unknownAnswerText() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        let text = try String(contentsOf: Self.examples.appendingPathComponent("google-forms.csv"), encoding: .utf8)
            .replacingOccurrences(of: "w1,acme,staff,2,4", with: "w1,acme,staff,quite good,4")
        try workspace.directory.write("gf.csv", text)
        let questions = try QuestionMap.load(path: Self.examples.appendingPathComponent("survey-questions.csv").path)
        try await workspace.rowRefusal(
            SurveyImport(round: "r1", roundKind: .baseline, format: .automatic(questions: questions)), "gf.csv",
            row: 1, column: "Current level [Excel]", value: "quite good", saying: "expected a level")
    }

    @Test("Microsoft Forms' workbook (date-time cells) gives the same events as its CSV")
    func formsWorkbook() async throws {
        let questions = try QuestionMap.load(path: Self.examples.appendingPathComponent("survey-questions.csv").path)
        let csv = try await imported(
            Self.workbooks.appendingPathComponent("ms-forms.csv"), format: .automatic(questions: questions))
        let xlsx = try await imported(
            Self.workbooks.appendingPathComponent("ms-forms.xlsx"), format: .automatic(questions: questions))
        #expect(!csv.events.isEmpty && csv.events == xlsx.events)
        let named = try await imported(
            Self.workbooks.appendingPathComponent("ms-forms.xlsx"), format: .automatic(questions: questions),
            sheet: "ms-forms")
        #expect(named.events == xlsx.events)
        let webropol = try await imported(
            Self.workbooks.appendingPathComponent("webropol.xlsx"), format: .automatic(questions: questions))
        let read = Set(
            answers(webropol.events).map {
                "\($0.respondent) \($0.competence) \($0.current) \($0.target.map(String.init) ?? "-") \($0.answeredOn)"
            })
        #expect(read == Self.expected)
    }

    @Test("every long import reads the same rows from a workbook as from CSV: the same events")
    func longWorkbooks() async throws {
        func run(_ ext: String) async throws -> [CompetenceEvent] {
            let workspace = try ImportWorkspace()
            func file(_ name: String) -> String { Self.workbooks.appendingPathComponent("\(name).\(ext)").path }
            _ = try await workspace.importer.run(OrganisationsImport(), file: file("organisations"))
            _ = try await workspace.importer.run(CompetenceDefinitionsImport(), file: workspace.path("competences.csv"))
            _ = try await workspace.importer.run(ImportWorkspace.baseline, file: file("baseline"))
            _ = try await workspace.importer.run(TrainingsImport(), file: file("trainings"))
            _ = try await workspace.importer.run(ParticipationImport(), file: file("participation"))
            return try await workspace.typed()
        }
        let csv = try await run("csv")
        let xlsx = try await run("xlsx")
        // 2 organisations, 2 competences, 3 persons, the round, 4 answers, the training, 3 participations.
        #expect(csv.count == 16)
        #expect(csv == xlsx)
    }

    @Test("a sheet that is not there is refused with the workbook's sheets; --sheet on a CSV file is refused")
    func sheets() async throws {
        let workspace = try ImportWorkspace()
        let error = await #expect(throws: ImportFileError.self) {
            try await workspace.importer.run(
                OrganisationsImport(), file: Self.workbooks.appendingPathComponent("organisations.xlsx").path,
                sheet: "Taul1")
        }
        #expect(error?.description.contains("has no sheet 'Taul1'; its sheets are 'organisations'") == true)
        await #expect(throws: ImportFileError.self) {
            try await workspace.importer.run(
                OrganisationsImport(), file: workspace.path("organisations.csv"), sheet: "organisations")
        }
        #expect(try await workspace.store.headPosition() == 0)
    }
}
