import Foundation
import TestSupport
import Testing

/// `competence import`, end to end: every kind and the wide mapping land through the command line, a repeat
/// adds nothing, and a refusal reaches stderr with a non-zero exit and nothing appended. Each kind's events,
/// provenance and every refusal message are checked in-process by `CompetenceImportTests`.
@Suite("competence import", .timeLimit(.minutes(10)))
struct ImportTests {
    @Test("the five kinds and a wide survey land; a repeat adds nothing; a bad cell is refused on stderr")
    func importCommands() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let wide = try await programme.succeed([
            "import", "survey", "wide.csv", "--round", "2024-wide", "--kind", "baseline", "--mapping",
            "wide-mapping.json",
        ])
        #expect(wide.stdout.contains("wide.csv: 2 rows → 6 events recorded in file:\(programme.store)"))
        #expect(wide.stderr.isEmpty)
        let history = try await programme.history()
        let types = Dictionary(grouping: history.map { $0["type"] as? String ?? "" }, by: { $0 }).mapValues(\.count)
        #expect(
            types == [
                "OrganisationEnrolled": 2, "CompetenceDefined": 2, "SurveyRoundOpened": 3, "PersonRegistered": 5,
                "SurveyAnswerRecorded": 11, "TrainingProcured": 1, "ParticipationRecorded": 2,
            ])

        // The same file again: nothing added, and the tool says so.
        let again = try await programme.succeed([
            "import", "survey", "baseline.csv", "--round", "2024-baseline", "--kind", "baseline",
        ])
        #expect(again.stdout == "baseline.csv: already imported (same content); nothing added\n")
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        #expect(try await programme.history().count == history.count)

        // A bad cell: the message on stderr, nothing on stdout, a non-zero exit, nothing appended.
        try programme.directory.write(
            "bad.csv",
            """
            respondent,organisation,role,competence,current,target,importance,answered_on
            p1,acme,staff,excel,2,4,5,2024-01-10
            p2,acme,staff,excel,two,4,5,2024-01-10

            """)
        let bad = try await programme.run(["import", "survey", "bad.csv", "--round", "r", "--kind", "baseline"])
        #expect(bad.status != 0)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("bad.csv, row 2, column 'current': found 'two', expected a whole number"))
        #expect(try await programme.history().count == history.count)
    }
}
