import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceImport

/// Every refusal of an import names the file, the data row, the column and the value, and nothing of the
/// file is appended: cells that cannot be read, values the ledger refuses (mapped back to their cell), and
/// faults of the whole file.
@Suite("CSV import: refusals")
struct ImportRefusalTests {
    static let surveyHeader = "respondent,organisation,role,competence,current,target,importance,answered_on\n"
    static let trainingHeader = "id,title,provider,kind,competences,cost_eur,hours,procured_on\n"
    static let participationHeader =
        "training,respondent,organisation,attended_hours,completed,completed_on,recorded_on\n"

    /// A workspace with organisations and competences imported.
    private func referenceData() async throws -> ImportWorkspace {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        return workspace
    }

    // MARK: Organisations and competences

    @Test("organisations: a kind, size class or day that is not one, an id the ledger refuses")
    func organisations() async throws {
        let workspace = try ImportWorkspace()
        let header = "id,name,kind,sector,size_class,region,enrolled_on\n"
        try await workspace.rowRefusal(
            OrganisationsImport(), "kind.csv",
            header + "acme,Acme,enterprise,metal,small,Häme,\nbeta,Beta,factory,metal,small,Häme,\n",
            row: 2, column: "kind", value: "factory", saying: "expected one of enterprise, third-sector")
        try await workspace.rowRefusal(
            OrganisationsImport(), "size.csv", header + "acme,Acme,enterprise,metal,huge,Häme,\n",
            row: 1, column: "size_class", value: "huge",
            saying: "expected a size class (micro, small, medium, large), a head count such as 37, or a band")
        try await workspace.rowRefusal(
            OrganisationsImport(), "band.csv", header + "acme,Acme,enterprise,metal,5-19,Häme,\n",
            row: 1, column: "size_class", value: "5-19", saying: "a band within one class")
        try await workspace.rowRefusal(
            OrganisationsImport(), "enrolled.csv", header + "acme,Acme,enterprise,metal,small,Häme,2024-13-01\n",
            row: 1, column: "enrolled_on", value: "2024-13-01", saying: "expected a date YYYY-MM-DD")
        try await workspace.rowRefusal(
            OrganisationsImport(), "noname.csv", header + "acme,  ,enterprise,metal,small,Häme,\n",
            row: 1, column: "name", value: "", saying: "expected the organisation's name")
        // The ledger refuses the id (it names its field `organisation`): the error names the `id` column.
        try await workspace.rowRefusal(
            OrganisationsImport(), "id.csv",
            header + "acme,Acme,enterprise,metal,small,Häme,\n\"ac me\",X,enterprise,m,small,H,\n",
            row: 2, column: "id", value: "ac me", saying: "is not a valid id")
        #expect(try await workspace.store.headPosition() == 0)
    }

    @Test("competences: a scale bound that is not a number; a scale the ledger refuses names its column")
    func competences() async throws {
        let workspace = try ImportWorkspace()
        let header = "id;name;category;scale_min;scale_max;esco_uri\n"
        try await workspace.rowRefusal(
            CompetenceDefinitionsImport(), "min.csv", header + "excel;Excel;digital;one;5;\n",
            row: 1, column: "scale_min", value: "one", saying: "found 'one', expected a whole number")
        try await workspace.rowRefusal(
            CompetenceDefinitionsImport(), "scale.csv",
            header + "excel;Excel;digital;1;5;\nlean;Lean;production;5;1;\n",
            row: 2, column: "scale_max", value: "5–1", saying: "is not a usable scale")
    }

    // MARK: Survey answers

    @Test("survey: a level that is not a number names file, row 2, column 'current' and the value")
    func notANumber() async throws {
        let workspace = try await referenceData()
        try await workspace.rowRefusal(
            ImportWorkspace.baseline, "bad.csv",
            Self.surveyHeader + "p1,acme,staff,excel,2,4,5,2024-01-10\np2,acme,staff,excel,two,4,5,2024-01-10\n",
            row: 2, column: "current", value: "two", saying: "found 'two', expected a whole number")
    }

    @Test("survey: an unknown organisation is refused by the ledger and named by its row and column")
    func unknownOrganisation() async throws {
        let workspace = try await referenceData()
        try await workspace.rowRefusal(
            ImportWorkspace.baseline, "unknown.csv",
            Self.surveyHeader + "p1,acme,staff,excel,2,4,5,2024-01-10\np2,acme,staff,lean,2,4,5,2024-01-10\n"
                + "p9,nowhere,staff,excel,3,4,5,2024-01-11\n",
            row: 3, column: "organisation", value: "nowhere", saying: "'nowhere' is not an enrolled organisation")
    }

    @Test("survey: a level off the competence's scale (a `;` file) is refused with its row and column")
    func outOfScale() async throws {
        let workspace = try await referenceData()
        try await workspace.rowRefusal(
            ImportWorkspace.baseline, "scale.csv",
            """
            respondent;organisation;role;competence;current;target;importance;answered_on
            p1;acme;staff;excel;2;4;5;2024-01-10
            p2;acme;staff;excel;7;4;5;2024-01-10

            """,
            row: 2, column: "current", value: "7", saying: "'7' is outside the scale 1–5")
    }

    @Test("survey: a new respondent without a role, a bad day, an unknown rater")
    func surveyCells() async throws {
        let workspace = try await referenceData()
        try await workspace.rowRefusal(
            ImportWorkspace.baseline, "norole.csv",
            "respondent,organisation,competence,current,answered_on\np1,acme,excel,2,2024-01-10\n",
            row: 1, column: "role", value: "", saying: "(respondent 'p1' is new and is registered with a role)")
        try await workspace.rowRefusal(
            ImportWorkspace.baseline, "day.csv", Self.surveyHeader + "p1,acme,staff,excel,2,4,5,10.1.2024\n",
            row: 1, column: "answered_on", value: "10.1.2024", saying: "expected a date YYYY-MM-DD")
        try await workspace.rowRefusal(
            ImportWorkspace.baseline, "rater.csv",
            "respondent,organisation,role,competence,current,answered_on,rater\n"
                + "p1,acme,staff,excel,2,2024-01-10,boss\n",
            row: 1, column: "rater", value: "boss", saying: "expected one of self, manager, consultant")
    }

    @Test("survey: a round that exists with the other kind is refused as a parameter")
    func roundOfAnotherKind() async throws {
        let workspace = try await referenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        let wrongKind = SurveyImport(round: "2024-baseline", roundKind: .followUp, mapping: nil)
        let error = try await workspace.refusal(ImportFileError.self, wrongKind, "followup.csv")
        guard case .invalidParameter(let name, let value, let expected) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(name == "--kind" && value == "follow-up")
        #expect(expected == "baseline, the kind of the existing round '2024-baseline'")
    }

    // MARK: Trainings and participation

    @Test("trainings: a Finnish day names file, row, column and value exactly")
    func trainingDay() async throws {
        let workspace = try await referenceData()
        let error = try await workspace.refusal(
            ImportRowError.self, TrainingsImport(), "baddate.csv",
            Self.trainingHeader + "t1,Excel,Salpaus,joint,excel,100,4,1.2.2024\n")
        #expect(
            error.description
                == "\(workspace.path("baddate.csv")), row 1, column 'procured_on': found '1.2.2024', "
                + "expected a date YYYY-MM-DD; nothing of the file was imported")
    }

    @Test("trainings: an unknown competence in the list, a cost with three decimals, no competences")
    func trainingCells() async throws {
        let workspace = try await referenceData()
        try await workspace.rowRefusal(
            TrainingsImport(), "t.csv", Self.trainingHeader + "t1,Excel,Salpaus,joint,excel|welding,100,4,2024-02-01\n",
            row: 1, column: "competences", value: "welding", saying: "'welding' is not a defined competence")
        try await workspace.rowRefusal(
            TrainingsImport(), "cost.csv",
            Self.trainingHeader + "t1,Excel,Salpaus,joint,excel,\"12,345\",4,2024-02-01\n",
            row: 1, column: "cost_eur", value: "12,345", saying: "an amount in euros with at most two decimals")
        try await workspace.rowRefusal(
            TrainingsImport(), "none.csv", Self.trainingHeader + "t1,Excel,Salpaus,joint, | ,100,4,2024-02-01\n",
            row: 1, column: "competences", value: "", saying: "one or more competence ids separated by |")
        try await workspace.rowRefusal(
            TrainingsImport(), "kind.csv", Self.trainingHeader + "t1,Excel,Salpaus,online,excel,100,4,2024-02-01\n",
            row: 1, column: "kind", value: "online", saying: "expected one of joint, company")
    }

    @Test("trainings: the optional needs column — a malformed item, a need its source never named, another competence")
    func trainingNeeds() async throws {
        let workspace = try await referenceData()
        let header = "id,title,provider,kind,competences,cost_eur,hours,procured_on,needs\n"
        try await workspace.rowRefusal(
            TrainingsImport(), "shape.csv", header + "t1,Excel,Salpaus,joint,excel,100,4,2024-02-01,acme:excel\n",
            row: 1, column: "needs", value: "acme:excel", saying: "organisation:competence:source")
        try await workspace.rowRefusal(
            TrainingsImport(), "source.csv",
            header + "t1,Excel,Salpaus,joint,excel,100,4,2024-02-01,acme:excel:survey-gap|acme:excel:interview\n",
            row: 1, column: "needs", value: "interview", saying: "names no interview need of organisation 'acme'")
        try await workspace.rowRefusal(
            TrainingsImport(), "other.csv",
            header + "t1,Excel,Salpaus,joint,excel,100,4,2024-02-01,koti:lean:survey-gap\n",
            row: 1, column: "needs", value: "lean", saying: "is not among the competences the training targets")
    }

    @Test("participation: a bad flag or hours, a completion without a day, an unknown person or training")
    func participationCells() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        try await workspace.run(TrainingsImport(), "trainings.csv")
        try await workspace.rowRefusal(
            ParticipationImport(), "flag.csv", Self.participationHeader + "t1,p1,acme,12,maybe,2024-03-01,\n",
            row: 1, column: "completed", value: "maybe", saying: "expected true or false")
        try await workspace.rowRefusal(
            ParticipationImport(), "hours.csv", Self.participationHeader + "t1,p1,acme,lots,true,2024-03-01,\n",
            row: 1, column: "attended_hours", value: "lots", saying: "a number such as 12.5 or 12,5")
        try await workspace.rowRefusal(
            ParticipationImport(), "day.csv", Self.participationHeader + "t1,p1,acme,6,true,,\n",
            row: 1, column: "completed_on", value: "",
            saying: "expected a date YYYY-MM-DD, as completed is true (or a recorded_on column")
        try await workspace.rowRefusal(
            ParticipationImport(), "training.csv", Self.participationHeader + "t9,p1,acme,6,false,,\n",
            row: 1, column: "training", value: "t9", saying: "'t9' is not a procured training")
        try await workspace.rowRefusal(
            ParticipationImport(), "person.csv",
            Self.participationHeader + "t1,p1,acme,12,true,2024-03-01,\nt1,p7,acme,12,true,2024-03-01,\n",
            row: 2, column: "respondent", value: "p7", saying: "'p7' is not a registered person")
    }

    // MARK: Whole files

    @Test("file faults: missing columns, a ragged row, a header without rows, a column twice, an unreadable file")
    func fileFaults() async throws {
        let workspace = try ImportWorkspace()
        let columns = try await workspace.refusal(
            ImportFileError.self, OrganisationsImport(), "cols.csv", "id,name\nacme,Acme\n")
        guard case .missingColumns(_, let missing, let found) = columns else {
            Issue.record("unexpected \(columns)")
            return
        }
        #expect(missing == ["kind", "sector", "size_class", "region"] && found == ["id", "name"])
        #expect(
            columns.description
                == "\(workspace.path("cols.csv")) lacks the columns 'kind', 'sector', 'size_class', 'region'; "
                + "its header has 'id', 'name'")

        let ragged = try await workspace.refusal(
            ImportFileError.self, OrganisationsImport(), "ragged.csv",
            "id,name,kind,sector,size_class,region\nacme,Acme,enterprise,metal,small\n")
        #expect(
            ragged.description.hasPrefix(
                "\(workspace.path("ragged.csv")), row 1: 5 fields, but the header has 6 columns"))

        let empty = try await workspace.refusal(
            ImportFileError.self, OrganisationsImport(), "empty.csv", "id,name,kind,sector,size_class,region\n\n")
        #expect(empty.description == "\(workspace.path("empty.csv")) has a header but no data rows; nothing to import")

        let twice = try await workspace.refusal(
            ImportFileError.self, OrganisationsImport(), "twice.csv",
            "id,name,kind,sector,size_class,region,name\nacme,A,enterprise,metal,small,H,B\n")
        #expect(twice.description.hasSuffix("has the column 'name' twice in its header"))

        let absent = try await workspace.refusal(ImportFileError.self, OrganisationsImport(), "absent.csv")
        guard case .unreadable(let file, _) = absent else {
            Issue.record("unexpected \(absent)")
            return
        }
        #expect(file == workspace.path("absent.csv"))
        #expect(try await workspace.store.headPosition() == 0)
    }

    @Test("a file that is not UTF-8 is refused with advice")
    func notUTF8() async throws {
        let workspace = try ImportWorkspace()
        var latin1 = Data("id,name,kind,sector,size_class,region\nacme,P".utf8)
        latin1.append(contentsOf: [0xE4, 0x69, 0x6A])  // "äij" in ISO 8859-1
        latin1.append(Data("ät-Häme Oy,enterprise,metal,small,Häme\n".utf8))
        try latin1.write(to: URL(fileURLWithPath: workspace.path("latin1.csv")))
        let error = try await workspace.refusal(ImportFileError.self, OrganisationsImport(), "latin1.csv")
        #expect(
            error.description.hasSuffix(
                "is not UTF-8 text; save it as CSV UTF-8 (with or without BOM), UTF-16 with BOM, or as .xlsx"))
    }

    @Test("the whole file or nothing: a bad last row keeps every earlier row out")
    func nothingOfTheFile() async throws {
        let workspace = try await referenceData()
        let rows = (1...50).map { "p\($0),acme,staff,excel,3,4,,2024-01-10" }.joined(separator: "\n")
        try await workspace.rowRefusal(
            ImportWorkspace.baseline, "long.csv", Self.surveyHeader + rows + "\np51,acme,staff,excel,3,4,,2099-01-10\n",
            row: 51, column: "answered_on", value: "2099-01-10", saying: "in the future")
        #expect(try await workspace.store.headPosition() == 4)
    }
}
