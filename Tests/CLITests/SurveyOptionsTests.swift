import Foundation
import TestSupport
import Testing

/// `import survey`'s options for data as it arrives, through the command line: a workbook with `--sheet` and
/// `--questions`, `--profile`, `--rater`, `--on-duplicate`, and `report --rater`. What each does is checked
/// in-process by `CompetenceImportTests`; here, that the tool wires them.
@Suite("competence import survey: profiles, workbooks, raters, duplicates", .timeLimit(.minutes(10)))
struct SurveyOptionsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { repository.appendingPathComponent(relative).path }

    @Test("a Forms workbook and a Webropol text file land; a wrong profile, a duplicate under refuse are refused")
    func options() async throws {
        let programme = try Programme()
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        let questions = Self.path("Docs/examples/survey-questions.csv")
        let forms = try await programme.succeed([
            "import", "survey", Self.path("Tests/Fixtures/Workbooks/ms-forms.xlsx"), "--sheet", "ms-forms",
            "--round", "r1", "--kind", "baseline", "--questions", questions,
        ])
        #expect(forms.stdout.contains("2 rows → 6 events"), "\(forms.stdout)")
        let wrong = try await programme.run([
            "import", "survey", Self.path("Docs/examples/webropol.txt"), "--round", "r2", "--kind", "follow-up",
            "--profile", "surveymonkey", "--questions", questions,
        ])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("expected one of webropol, ms-forms, google-forms, limesurvey"))
        let webropol = try await programme.succeed([
            "import", "survey", Self.path("Docs/examples/webropol.txt"), "--round", "r2", "--kind", "follow-up",
            "--profile", "webropol", "--questions", questions, "--rater", "manager",
        ])
        #expect(webropol.stdout.contains("2 rows → 4 events"), "\(webropol.stdout)")

        try programme.directory.write(
            "twice.csv",
            "respondent,organisation,competence,current,answered_on\nw1,acme,excel,3,2024-09-20\n"
                + "w1,acme,excel,4,2024-09-21\n")
        let refused = try await programme.run([
            "import", "survey", "twice.csv", "--round", "r3", "--kind", "follow-up", "--on-duplicate", "refuse",
        ])
        #expect(refused.status != 0 && refused.stderr.contains("is already answered by 'w1'"), "\(refused.stderr)")
        let superseded = try await programme.succeed([
            "import", "survey", "twice.csv", "--round", "r3", "--kind", "follow-up",
        ])
        #expect(superseded.stdout.contains("1 answer superseded an earlier answer"), "\(superseded.stdout)")

        // The managers' view: w1 and w2 rated by a manager in r2 have no manager baseline, so no pair; the self
        // view pairs w1's excel (2 → 4, the superseding answer).
        let manager = try await programme.succeed([
            "report", "effect", "--rater", "manager", "--format", "csv", "--min-group", "1",
        ])
        let managerRows = manager.stdout.split(separator: "\n").dropFirst()
        #expect(managerRows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[2] == "0" })
        let own = try await programme.succeed(["report", "effect", "--format", "csv", "--min-group", "1"])
        #expect(own.stdout.contains("\nacme,excel,1,2.000,4.000,2.000,"), "\(own.stdout)")
        let matrix = try await programme.succeed(["report", "matrix", "--format", "json", "--min-group", "1"])
        #expect(matrix.stdout.contains("\"raters\""))
    }
}
