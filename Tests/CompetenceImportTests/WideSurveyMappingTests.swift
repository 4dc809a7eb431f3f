import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceImport

/// Wide survey exports (one row per respondent, one column per question) through a JSON mapping: the
/// documented Google Forms example, the mapping's own checks, and refusals named by the wide file's columns.
@Suite("CSV import: wide surveys through a mapping")
struct WideSurveyMappingTests {
    /// A workspace with the reference data, and the fixture's mapping loaded.
    private func prepared() async throws -> (ImportWorkspace, WideSurveyMapping) {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        return (workspace, try WideSurveyMapping.load(path: workspace.path("wide-mapping.json")))
    }

    private func survey(_ mapping: WideSurveyMapping) -> SurveyImport {
        SurveyImport(round: "2024-wide", roundKind: .baseline, mapping: mapping)
    }

    private func answers(_ workspace: ImportWorkspace) async throws -> [SurveyAnswerRecorded] {
        try await workspace.typed().compactMap { event -> SurveyAnswerRecorded? in
            guard case .surveyAnswerRecorded(let answer) = event else { return nil }
            return answer
        }
    }

    @Test("the Finnish Google Forms export (`;`, BOM, answer texts, timestamps) gives one answer per filled cell")
    func googleForms() async throws {
        let (workspace, mapping) = try await prepared()
        #expect(
            mapping.columns == [
                "Vastaajatunnus", "Aikaleima", "Organisaatio", "Rooli", "Nykyinen osaaminen [Excel]",
                "Tavoitetaso [Excel]", "Nykyinen osaaminen [Lean]", "Tavoitetaso [Lean]",
            ])
        let outcome = try await workspace.run(survey(mapping), "wide.csv")
        #expect(outcome.rows == 2)
        #expect(outcome.events == 1 + 2 + 3)
        let day = { (day: Int) in CalendarDate(year: 2024, month: 1, day: day)! }
        #expect(
            try await answers(workspace) == [
                SurveyAnswerRecorded(
                    round: "2024-wide", respondent: "w1", organisation: "acme", competence: "excel", current: 2,
                    target: 4, answeredOn: day(10)),
                SurveyAnswerRecorded(
                    round: "2024-wide", respondent: "w1", organisation: "acme", competence: "lean", current: 1,
                    target: 3, answeredOn: day(10)),
                SurveyAnswerRecorded(
                    round: "2024-wide", respondent: "w2", organisation: "koti", competence: "excel", current: 3,
                    target: 4, answeredOn: day(11)),
            ])
        let registered = try await workspace.typed().compactMap { event -> PersonRegistered? in
            guard case .personRegistered(let person) = event else { return nil }
            return person
        }
        #expect(
            registered == [
                PersonRegistered(person: "w1", organisation: "acme", role: .staff),
                PersonRegistered(person: "w2", organisation: "koti", role: .manager),
            ])
        #expect(try await workspace.run(survey(mapping), "wide.csv").alreadyImported)
    }

    @Test("a fixed organisation and role, US dates, numeric levels, importance and another rater")
    func fixedValues() async throws {
        let (workspace, _) = try await prepared()
        try workspace.directory.write(
            "forms.json",
            #"{"respondent": "ID", "organisation_id": "koti", "role_value": "staff", "answered_on": "Timestamp", "#
                + #""date_format": "m/d/y", "rater": "manager", "#
                + #""competences": [{"competence": "excel", "current": "Excel now", "importance": "Excel matters"}]}"#)
        try workspace.directory.write(
            "forms.csv", "Timestamp,ID,Excel now,Excel matters\n1/31/2024 14:22:10,f1,4,5\n2/1/2024 9:00:00,f2,,\n")
        let mapping = try WideSurveyMapping.load(path: workspace.path("forms.json"))
        try await workspace.run(survey(mapping), "forms.csv")
        #expect(
            try await answers(workspace) == [
                SurveyAnswerRecorded(
                    round: "2024-wide", respondent: "f1", organisation: "koti", competence: "excel", current: 4,
                    importance: 5, answeredOn: CalendarDate(year: 2024, month: 1, day: 31)!, rater: .manager)
            ])
    }

    @Test(
        "the date formats read days, and a time after the day is ignored",
        arguments: [
            (SurveyDateFormat.auto, "2024-01-31T14:22:10Z", "2024-01-31"),
            (.auto, "2024-01-31", "2024-01-31"),
            (.auto, "31.1.2024 9.05.00", "2024-01-31"),
            (.monthFirst, "1/31/2024 2:22 PM", "2024-01-31"),
            (.dayFirst, "31/1/2024", "2024-01-31"),
        ])
    func dateFormats(format: SurveyDateFormat, text: String, day: String) {
        #expect(format.day(from: text) == CalendarDate(day))
    }

    @Test(
        "dates that are not days of the format are nil",
        arguments: [
            (SurveyDateFormat.auto, "31/1/2024"), (.auto, "2024-02-30"), (.auto, ""), (.monthFirst, "31/1/2024"),
            (.dayFirst, "1/31/2024"), (.dayFirst, "31/1/24"),
        ])
    func badDates(format: SurveyDateFormat, text: String) {
        #expect(format.day(from: text) == nil)
    }

    @Test("cells the mapping cannot read are named by the wide file's column")
    func cellRefusals() async throws {
        let (workspace, mapping) = try await prepared()
        let header =
            "Aikaleima;Vastaajatunnus;Organisaatio;Rooli;Nykyinen osaaminen [Excel];Tavoitetaso [Excel];"
            + "Nykyinen osaaminen [Lean];Tavoitetaso [Lean]\n"
        try await workspace.rowRefusal(
            survey(mapping), "text.csv", header + "10.1.2024;w1;acme;staff;6 guru;;;\n",
            row: 1, column: "Nykyinen osaaminen [Excel]", value: "6 guru",
            saying: "expected a level as a whole number or one of the answer texts in the mapping's 'levels'")
        try await workspace.rowRefusal(
            survey(mapping), "target.csv", header + "10.1.2024;w1;acme;staff;2;4;;3 ohjattuna\n",
            row: 1, column: "Nykyinen osaaminen [Lean]", value: "",
            saying: "expected the current level of lean (its target or importance is filled in)")
        try await workspace.rowRefusal(
            survey(mapping), "stamp.csv", header + "eilen;w1;acme;staff;2;4;;\n",
            row: 1, column: "Aikaleima", value: "eilen",
            saying: "expected a date YYYY-MM-DD or D.M.YYYY (a time after it is ignored)")
        try await workspace.rowRefusal(
            survey(mapping), "role.csv", header + "10.1.2024;w1;acme;chef;2;4;;\n",
            row: 1, column: "Rooli", value: "chef", saying: "expected one of manager, supervisor, staff")
        // A level the ledger refuses is named by the question's column, not by a field name.
        try await workspace.rowRefusal(
            survey(mapping), "scale.csv", header + "10.1.2024;w1;acme;staff;2;4;;\n11.1.2024;w2;acme;staff;9;;;\n",
            row: 2, column: "Nykyinen osaaminen [Excel]", value: "9", saying: "is outside the scale 1–5")
        // A new respondent needs a role: the mapping's role column is named.
        try await workspace.rowRefusal(
            survey(mapping), "norole.csv", header + "10.1.2024;w1;acme;;2;4;;\n",
            row: 1, column: "Rooli", value: "", saying: "(respondent 'w1' is new and is registered with a role)")
    }

    @Test("a column the mapping names but the file lacks is refused before anything is read")
    func missingColumn() async throws {
        let (workspace, _) = try await prepared()
        try workspace.directory.write(
            "mapping.json",
            #"{"respondent": "Vastaajatunnus", "answered_on": "Aikaleima", "organisation_id": "acme", "#
                + #""competences": [{"competence": "excel", "current": "Missing column"}]}"#)
        let mapping = try WideSurveyMapping.load(path: workspace.path("mapping.json"))
        let error = try await workspace.refusal(ImportFileError.self, survey(mapping), "wide.csv")
        #expect(error.description.hasPrefix("\(workspace.path("wide.csv")) lacks the column 'Missing column'; "))
    }

    @Test(
        "a mapping that cannot be right is refused with its file and reason",
        arguments: [
            (
                #"{"answered_on": "A", "organisation": "O", "competences": [{"competence": "x", "current": "C"}]}"#,
                "the field 'respondent' is missing"
            ),
            (
                #"{"respondent": "R", "answered_on": "A", "organisation": "O", "competences": [{"competence": "x"}]}"#,
                "current' is missing"
            ),
            (
                #"{"respondent": "R", "answered_on": "A", "competences": [{"competence": "x", "current": "C"}]}"#,
                "give exactly one of 'organisation' (a column) and 'organisation_id' (a fixed id)"
            ),
            (
                #"{"respondent": "R", "answered_on": "A", "organisation": "O", "organisation_id": "acme", "#
                    + #""competences": [{"competence": "x", "current": "C"}]}"#,
                "give exactly one of 'organisation' (a column) and 'organisation_id' (a fixed id)"
            ),
            (
                #"{"respondent": "R", "answered_on": "A", "organisation": "O", "role": "Ro", "role_value": "staff", "#
                    + #""competences": [{"competence": "x", "current": "C"}]}"#,
                "give at most one of 'role' (a column) and 'role_value'"
            ),
            (
                #"{"respondent": "R", "answered_on": "A", "organisation": "O", "competences": []}"#,
                "'competences' lists no question columns"
            ),
            (
                #"{"respondent": "R", "answered_on": "A", "organisation": "O", "date_format": "y.m.d", "#
                    + #""competences": [{"competence": "x", "current": "C"}]}"#, "not a valid mapping"
            ),
            ("respondent: R", "not a valid mapping"),
        ])
    func badMappings(json: String, reason: String) throws {
        let directory = try TemporaryDirectory("competence-mapping")
        let path = try directory.write("mapping.json", json)
        let error = try #require(throws: ImportFileError.self) { try WideSurveyMapping.load(path: path) }
        guard case .badMapping(let file, let said) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == path)
        #expect(said.contains(reason), "\(said)")
        #expect(error.description.hasPrefix("mapping \(path): "))
    }

    @Test("a mapping file that cannot be read is named")
    func unreadableMapping() throws {
        let error = try #require(throws: ImportFileError.self) {
            try WideSurveyMapping.load(path: "/nonexistent/mapping.json")
        }
        #expect(error.description.hasPrefix("cannot read /nonexistent/mapping.json: "))
    }
}
