import Foundation
import TestSupport
import Testing

/// `competence import`: the five CSV kinds, the wide survey, re-imports and every error message.
@Suite("competence import", .timeLimit(.minutes(10)))
struct ImportTests {
    @Test("imports the five kinds: comma, semicolon with BOM, quoted delimiters and line breaks")
    func importsFiveKinds() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let history = try await programme.history()
        let types = history.map { $0["type"] as? String ?? "" }
        #expect(types.filter { $0 == "OrganisationEnrolled" }.count == 2)
        #expect(types.filter { $0 == "CompetenceDefined" }.count == 2)
        #expect(types.filter { $0 == "SurveyRoundOpened" }.count == 2)
        #expect(types.filter { $0 == "PersonRegistered" }.count == 3)
        #expect(types.filter { $0 == "SurveyAnswerRecorded" }.count == 8)
        #expect(types.filter { $0 == "TrainingProcured" }.count == 1)
        #expect(types.filter { $0 == "ParticipationRecorded" }.count == 2)

        let lean = try #require(
            history.first {
                ($0["payload"] as? [String: Any])?["competence"] as? String == "lean"
                    && $0["type"] as? String == "CompetenceDefined"
            })
        #expect((lean["payload"] as? [String: Any])?["name"] as? String == "Lean; continuous improvement")
        let acme = try #require(history.first { $0["type"] as? String == "OrganisationEnrolled" })
        #expect((acme["payload"] as? [String: Any])?["name"] as? String == "Acme Metal, Oy")
        let training = try #require(history.first { $0["type"] as? String == "TrainingProcured" })
        #expect((training["payload"] as? [String: Any])?["title"] as? String == "Excel for\nproduction planning")
        #expect((training["payload"] as? [String: Any])?["costCents"] as? Int == 150_050)
    }

    @Test("every imported event carries its file, row, content hash and the import's correlation id")
    func provenance() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let answers = try await programme.history().filter { $0["type"] as? String == "SurveyAnswerRecorded" }
        let first = try #require(answers.first)
        let metadata = try #require(first["metadata"] as? [String: Any])
        let origin = try #require(metadata["origin"] as? [String: Any])
        #expect(origin["source"] as? String == "baseline.csv")
        #expect(origin["row"] as? Int == 1)
        let hash = try #require(origin["content_hash"] as? String)
        #expect(hash.count == 64)
        let baselineCorrelations = Set(
            answers.prefix(4).compactMap { ($0["metadata"] as? [String: Any])?["correlation_id"] as? String })
        #expect(baselineCorrelations.count == 1)
        let followUpCorrelation = (answers[4]["metadata"] as? [String: Any])?["correlation_id"] as? String
        #expect(followUpCorrelation != nil && !baselineCorrelations.contains(followUpCorrelation!))
    }

    @Test("a wide Google Forms style export (Finnish, ; and BOM, answer texts) imports through a mapping")
    func wideSurvey() async throws {
        let programme = try Programme()
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        let run = try await programme.succeed([
            "import", "survey", "wide.csv", "--round", "2024-wide", "--kind", "baseline", "--mapping",
            "wide-mapping.json",
        ])
        #expect(run.stdout.contains("2 rows"))
        let answers = try await programme.history().filter { $0["type"] as? String == "SurveyAnswerRecorded" }
            .compactMap { $0["payload"] as? [String: Any] }
        #expect(answers.count == 3)
        let w1Lean = try #require(
            answers.first { $0["respondent"] as? String == "w1" && $0["competence"] as? String == "lean" })
        #expect(w1Lean["current"] as? Int == 1)
        #expect(w1Lean["target"] as? Int == 3)
        #expect(w1Lean["answeredOn"] as? String == "2024-01-10")
        #expect(
            answers.contains {
                $0["respondent"] as? String == "w2" && $0["competence"] as? String == "excel"
                    && $0["current"] as? Int == 3
            })
    }

    @Test("re-importing the same file adds nothing")
    func reimport() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let before = try await programme.history().count
        let again = try await programme.succeed([
            "import", "survey", "baseline.csv", "--round", "2024-baseline", "--kind", "baseline",
        ])
        #expect(again.stdout.contains("already imported"))
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        #expect(try await programme.history().count == before)
    }

    @Test("a malformed cell names file, row and column, and nothing of the file is appended")
    func badCell() async throws {
        let programme = try Programme()
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        let before = try await programme.history().count
        try programme.directory.write(
            "bad.csv",
            """
            respondent,organisation,role,competence,current,target,importance,answered_on
            p1,acme,staff,excel,2,4,5,2024-01-10
            p2,acme,staff,excel,two,4,5,2024-01-10

            """)
        let run = try await programme.run(["import", "survey", "bad.csv", "--round", "r", "--kind", "baseline"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("bad.csv, row 2, column 'current'"))
        #expect(run.stderr.contains("found 'two', expected a whole number"))
        #expect(try await programme.history().count == before)

        try programme.directory.write(
            "baddate.csv",
            """
            id,title,provider,kind,competences,cost_eur,hours,procured_on
            t1,Excel,Salpaus,joint,excel,100,4,1.2.2024

            """)
        let dateRun = try await programme.run(["import", "trainings", "baddate.csv"])
        #expect(dateRun.status != 0)
        #expect(
            dateRun.stderr.contains(
                "baddate.csv, row 1, column 'procured_on': found '1.2.2024', expected a date YYYY-MM-DD"))
        #expect(try await programme.history().count == before)
    }

    @Test("an unknown organisation is refused with its row and column; nothing is appended")
    func unknownOrganisation() async throws {
        let programme = try Programme()
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        let before = try await programme.history().count
        try programme.directory.write(
            "unknown.csv",
            """
            respondent,organisation,role,competence,current,target,importance,answered_on
            p1,acme,staff,excel,2,4,5,2024-01-10
            p2,acme,staff,lean,2,4,5,2024-01-10
            p9,nowhere,staff,excel,3,4,5,2024-01-11

            """)
        let run = try await programme.run(["import", "survey", "unknown.csv", "--round", "r", "--kind", "baseline"])
        #expect(run.status != 0)
        #expect(
            run.stderr.contains("unknown.csv, row 3, column 'organisation': 'nowhere' is not an enrolled organisation"))
        #expect(try await programme.history().count == before)
    }

    @Test("an unknown competence in a training is refused with its row and column")
    func unknownCompetence() async throws {
        let programme = try Programme()
        try await programme.succeed(["import", "competences", "competences.csv"])
        try programme.directory.write(
            "t.csv",
            """
            id,title,provider,kind,competences,cost_eur,hours,procured_on
            t1,Excel,Salpaus,joint,excel|welding,100,4,2024-02-01

            """)
        let run = try await programme.run(["import", "trainings", "t.csv"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("t.csv, row 1, column 'competences': 'welding' is not a defined competence"))
    }

    @Test("a level off the competence's scale is refused with its row and column; nothing is appended")
    func outOfScale() async throws {
        let programme = try Programme()
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        let before = try await programme.history().count
        try programme.directory.write(
            "scale.csv",
            """
            respondent;organisation;role;competence;current;target;importance;answered_on
            p1;acme;staff;excel;2;4;5;2024-01-10
            p2;acme;staff;excel;7;4;5;2024-01-10

            """)
        let run = try await programme.run(["import", "survey", "scale.csv", "--round", "r", "--kind", "baseline"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("scale.csv, row 2, column 'current': '7'"))
        #expect(run.stderr.contains("nothing of the file was imported"))
        #expect(try await programme.history().count == before)
    }

    @Test("file-level faults: missing columns, ragged rows, a new respondent without a role, a bad mapping")
    func fileFaults() async throws {
        let programme = try Programme()
        try programme.directory.write("cols.csv", "id,name\nacme,Acme\n")
        let columns = try await programme.run(["import", "organisations", "cols.csv"])
        #expect(columns.status != 0)
        #expect(columns.stderr.contains("cols.csv lacks the columns 'kind', 'sector', 'size_class', 'region'"))

        try programme.directory.write(
            "ragged.csv", "id,name,kind,sector,size_class,region\nacme,Acme,enterprise,metal,small\n")
        let ragged = try await programme.run(["import", "organisations", "ragged.csv"])
        #expect(ragged.status != 0)
        #expect(ragged.stderr.contains("ragged.csv, row 1: 5 fields, but the header has 6 columns"))

        try await programme.succeed(["import", "organisations", "organisations.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        try programme.directory.write(
            "norole.csv",
            """
            respondent,organisation,competence,current,answered_on
            p1,acme,excel,2,2024-01-10

            """)
        let noRole = try await programme.run(["import", "survey", "norole.csv", "--round", "r", "--kind", "baseline"])
        #expect(noRole.status != 0)
        #expect(noRole.stderr.contains("norole.csv, row 1, column 'role'"))

        try programme.directory.write(
            "mapping.json",
            #"{"respondent": "Vastaajatunnus", "answered_on": "Aikaleima", "organisation_id": "acme", "#
                + #""competences": [{"competence": "excel", "current": "Missing column"}]}"#)
        let mapping = try await programme.run([
            "import", "survey", "wide.csv", "--round", "r", "--kind", "baseline", "--mapping", "mapping.json",
        ])
        #expect(mapping.status != 0)
        #expect(mapping.stderr.contains("wide.csv lacks the column 'Missing column'"))
    }
}
