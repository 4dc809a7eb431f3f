import Foundation
import TestSupport
import Testing

/// The subtraction attacks of issue 12, run through the real `competence` tool on a file store: each test
/// mounts the attack on public reports (the default audience) and finds nothing, and shows that the same attack
/// on analyst reports (which plan each report's cells on their own and allow every scope) gives the value
/// back — so each test can fail.
@Suite("Public reports: the subtraction attacks recover nothing")
struct SubtractionAttackTests {
    static let organisations = """
        id,name,kind,sector,size_class,region
        acme,Acme,enterprise,metal industry,small,Päijät-Häme

        """
    static let competences = """
        id,name,category,scale_min,scale_max,esco_uri
        excel,Excel,digital skills,1,5,
        lean,Lean,production,1,5,

        """

    /// Five persons' answers on excel on `day` with levels `levels`.
    static func answers(_ levels: [Int], day: String, persons: [String]? = nil) -> String {
        let persons = persons ?? (1...levels.count).map { "p\($0)" }
        return "respondent,organisation,role,competence,current,target,importance,answered_on\n"
            + zip(persons, levels).map { "\($0),acme,staff,excel,\($1),5,3,\(day)\n" }.joined()
    }

    /// A store with five paired persons (baseline and follow-up) and a sixth with a follow-up answer only: the
    /// matrix reads six latest answers, the effect five paired persons.
    static func pairedAndOneMore() async throws -> Programme {
        let programme = try Programme()
        try programme.directory.write("o.csv", organisations)
        try programme.directory.write("c.csv", competences)
        try programme.directory.write("b.csv", answers([1, 2, 2, 3, 1], day: "2024-01-10"))
        try programme.directory.write(
            "f.csv", answers([3, 3, 4, 4, 2, 5], day: "2024-09-10", persons: ["p1", "p2", "p3", "p4", "p5", "p6"]))
        try await programme.succeed(["import", "organisations", "o.csv"])
        try await programme.succeed(["import", "competences", "c.csv"])
        try await programme.succeed(["import", "survey", "b.csv", "--round", "r1", "--kind", "baseline"])
        try await programme.succeed(["import", "survey", "f.csv", "--round", "r2", "--kind", "follow-up"])
        return programme
    }

    /// (a) The matrix over n + 1 latest answers minus the effect's follow-up mean over n paired persons.
    @Test func matrixMinusEffectFollowUp() async throws {
        let programme = try await Self.pairedAndOneMore()
        func attack(_ audience: [String]) async throws -> [Int] {
            let matrix = try CSVRows(try await programme.succeed(["report", "matrix", "--format", "csv"] + audience))
            let effect = try CSVRows(try await programme.succeed(["report", "effect", "--format", "csv"] + audience))
            return ["acme", "ALL"].compactMap { population in
                guard let everyone = matrix.row("organisation", population, "competence", "excel"),
                    let n1 = Double(everyone["respondents"] ?? ""), let m = Double(everyone["mean_current"] ?? ""),
                    let paired = effect.row("organisation", population, "competence", "excel"),
                    let n = Double(paired["paired_n"] ?? ""), let f = Double(paired["followup_mean"] ?? ""),
                    n1 == n + 1
                else { return nil }
                return Int((n1 * m - n * f).rounded())
            }
        }
        // The attack works on analyst reports: p6's level, 5, comes back (for acme and for ALL).
        #expect(try await attack(["--audience", "analyst"]) == [5, 5])
        #expect(try await attack([]) == [])
    }

    /// (b) A per-competence total minus the published training rows.
    @Test func competenceTotalMinusTrainingRows() async throws {
        let programme = try Programme()
        try programme.directory.write("o.csv", Self.organisations)
        try programme.directory.write("c.csv", Self.competences)
        try programme.directory.write("b.csv", Self.answers([1, 2, 2, 3, 1, 2, 3], day: "2024-01-10"))
        try programme.directory.write(
            "t.csv",
            """
            id,title,provider,kind,competences,cost_eur,hours,procured_on
            t1,Big,Salpaus,joint,excel,1000,10,2024-02-01
            t2,Small,Salpaus,joint,excel,500,10,2024-02-01

            """)
        // t1: six persons of 10 hours; t2: one person of 7 hours.
        try programme.directory.write(
            "p.csv",
            "training,respondent,organisation,attended_hours,completed,completed_on,recorded_on\n"
                + (1...6).map { "t1,p\($0),acme,10,true,2024-03-01,\n" }.joined()
                + "t2,p7,acme,7,true,2024-03-01,\n")
        for arguments in [
            ["organisations", "o.csv"], ["competences", "c.csv"],
            ["survey", "b.csv", "--round", "r1", "--kind", "baseline"], ["trainings", "t.csv"],
            ["participation", "p.csv"],
        ] {
            try await programme.succeed(["import"] + arguments)
        }
        let run = try await programme.succeed(["report", "trainings", "--format", "json"])
        let tables = try jsonTables(run.stdout)
        let trainings = try #require(tables["trainings"])
        let competences = try #require(tables["trainings_by_competence"])
        /// The hours of the one training of a competence left out of its published total, if exactly one is.
        func recovered(_ trainings: [[String: String]]) -> [Double] {
            competences.compactMap { competence in
                guard let total = Double(competence["attended_hours"] ?? "") else { return nil }
                let targeting = trainings.filter { $0["competences"]?.split(separator: "|").contains("excel") == true }
                let hidden = targeting.filter { $0["attended_hours"] == nil }
                guard hidden.count == 1 else { return nil }
                return total - targeting.compactMap { Double($0["attended_hours"] ?? "") }.reduce(0, +)
            }
        }
        // Before the trainings' cells were planned together (issue 12, first part) only t2 was withheld: the
        // attack on that table gives t2's 7 hours back.
        let onlySmallWithheld = trainings.map { row in
            row["training"] == "t2"
                ? row.filter { $0.key != "attended_hours" } : row.merging(["attended_hours": "60"]) { $1 }
        }
        #expect(recovered(onlySmallWithheld) == [7])
        #expect(recovered(trainings) == [])
        #expect(trainings.allSatisfy { $0["attended_hours"] == nil })
    }

    /// (c) Timeline values measured on fewer than k respondents.
    @Test func timelineValuesBelowK() async throws {
        let programme = try Programme()
        try programme.directory.write("o.csv", Self.organisations)
        try await programme.succeed(["import", "organisations", "o.csv"])
        try programme.directory.write(
            "m.ndjson",
            """
            {"id":"a096fb16-7456-4d60-829d-bbfc5a92c001","stream":"organisation-acme","version":2,"position":2,\
            "type":"IndicatorMeasured","schema_version":1,"occurred_at":"2024-05-01T00:00:00Z",\
            "recorded_at":"2024-05-01T12:00:00Z","metadata":{"correlation_id":"a69ecebd-80b8-8cca-ba30-b6b41ba66195"},\
            "payload_encoding":"json","payload":{"organisation":"acme","indicator":"well-being","name":"small",\
            "value":7.25,"unit":"score","measuredOn":"2024-05-01","respondents":3}}

            """)
        try await programme.succeed(["import", "events", "m.ndjson"])
        for format in ["table", "csv", "json", "html"] {
            let report = try await programme.succeed(
                ["report", "timeline", "--organisation", "acme", "--format", format])
            #expect(!report.stdout.contains("7.25"), "format \(format)")
            #expect(report.stdout.contains("withheld"), "format \(format)")
        }
        // The value is in the store: a minimum group of 3 prints it.
        let open = try await programme.succeed(["report", "timeline", "--organisation", "acme", "--min-group", "3"])
        #expect(open.stdout.contains("7.25"))
    }

    /// (d) `--position N` against `--position N + 1` around one answer.
    @Test func neighbouringPositions() async throws {
        let programme = try await Self.pairedAndOneMore()
        // The last answer recorded (p6's): the persons registered after it change no figure.
        let head = try #require(
            try await programme.history().last { $0["type"] as? String == "SurveyAnswerRecorded" }?["position"] as? Int)
        func allExcel(_ arguments: [String]) async throws -> (Double, Double)? {
            let run = try await programme.run(["report", "matrix", "--format", "csv"] + arguments)
            guard run.status == 0 else { return nil }
            guard let row = try CSVRows(run).row("organisation", "ALL", "competence", "excel"),
                let n = Double(row["respondents"] ?? ""), let mean = Double(row["mean_current"] ?? "")
            else { return nil }
            return (n, mean)
        }
        // Analyst reports allow it, and the last answer (p6's level, 5) comes back.
        let analyst = ["--audience", "analyst", "--position"]
        let before = try #require(try await allExcel(analyst + [String(head - 1)]))
        let after = try #require(try await allExcel(analyst + [String(head)]))
        #expect(Int((after.0 * after.1 - before.0 * before.1).rounded()) == 5)
        // Public reports refuse both.
        for position in [head - 1, head] {
            let refused = try await programme.run(["report", "matrix", "--position", String(position)])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("whole survey rounds"))
        }
    }

    /// (e) Two round snapshots around one answer: the end of round r2, and the present with one more answer.
    @Test func twoRoundSnapshots() async throws {
        let programme = try await Self.pairedAndOneMore()
        // Round r3 opens on 2025-03-01 (p1 on lean), so r2 ends then; p7 answers excel five days later.
        try programme.directory.write(
            "g.csv",
            """
            respondent,organisation,role,competence,current,target,importance,answered_on
            p1,acme,staff,lean,2,4,3,2025-03-01
            p7,acme,staff,excel,4,5,3,2025-03-06

            """)
        try await programme.succeed(["import", "survey", "g.csv", "--round", "r3", "--kind", "follow-up"])
        func allExcel(_ arguments: [String]) async throws -> (Double, Double)? {
            let run = try await programme.succeed(["report", "matrix", "--format", "csv"] + arguments)
            guard let row = try CSVRows(run).row("organisation", "ALL", "competence", "excel"),
                let n = Double(row["respondents"] ?? ""), let mean = Double(row["mean_current"] ?? "")
            else { return nil }
            return (n, mean)
        }
        func attack(_ audience: [String]) async throws -> Int? {
            guard let then = try await allExcel(audience + ["--effective-on", "2025-03-02"]),
                let now = try await allExcel(audience), now.0 == then.0 + 1
            else { return nil }
            return Int((now.0 * now.1 - then.0 * then.1).rounded())
        }
        // On analyst reports p7's level, 4, comes back.
        #expect(try await attack(["--audience", "analyst"]) == 4)
        #expect(try await attack([]) == nil)
        // The earlier public snapshot itself is published (the attack is not defeated by withholding everything).
        #expect(try await allExcel(["--effective-on", "2025-03-02"]) != nil)
    }
}

/// The rows of a CSV report (no quoted fields in these tests' data), each keyed by column.
struct CSVRows {
    let rows: [[String: String]]

    init(_ run: Tool.Run) throws {
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(lines.first).map(String.init)
        rows = lines.dropFirst().map { cells in
            Dictionary(uniqueKeysWithValues: zip(header, cells.map(String.init)).filter { !$0.1.isEmpty })
        }
    }

    /// The row where `column` is `value` and `other` is `otherValue`.
    func row(_ column: String, _ value: String, _ other: String, _ otherValue: String) -> [String: String]? {
        rows.first { $0[column] == value && $0[other] == otherValue }
    }
}

/// The tables of a JSON report, by name: rows keyed by column, `null` cells left out.
func jsonTables(_ text: String) throws -> [String: [[String: String]]] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let tables = try #require(object["tables"] as? [[String: Any]])
    var result: [String: [[String: String]]] = [:]
    for table in tables {
        let name = try #require(table["name"] as? String)
        let rows = try #require(table["rows"] as? [[String: Any]])
        result[name] = rows.map { $0.compactMapValues { $0 as? String } }
    }
    return result
}
