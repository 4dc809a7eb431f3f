import Foundation
import TestSupport
import Testing

/// Issue 14 items 2–4 end to end, on the demo store: `report outcomes` in every format with a small group
/// withheld, `import outside-adoptions` (hostile names included) counted apart in the practice catalogue,
/// the coverage report's needs from every source, and `report trace --organisation ID`.
@Suite("competence report outcomes, import outside-adoptions, report trace", .timeLimit(.minutes(10)))
struct OutcomesTests {
    static let outcomesHeader =
        "scope,organisation,pilot,indicator,name,unit,before_on,before,after_on,after,change,practices_adopted,"
        + "trainings_completed,persons_completing,suppressed"
    static let traceHeader =
        "competence,source,identified_on,training,training_link,plan,action,action_status,pairs,baseline_mean,"
        + "follow_up_mean,change,suppressed"

    /// The cells of a CSV text (quoted cells with commas and doubled quotes; no line breaks inside cells).
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { line in
            var cells: [String] = []
            var cell = ""
            var quoted = false
            var characters = Array(line)[...]
            while let character = characters.popFirst() {
                if quoted {
                    if character == "\"" {
                        if characters.first == "\"" {
                            cell.append("\"")
                            characters = characters.dropFirst()
                        } else {
                            quoted = false
                        }
                    } else {
                        cell.append(character)
                    }
                } else if character == "\"" {
                    quoted = true
                } else if character == "," {
                    cells.append(cell)
                    cell = ""
                } else {
                    cell.append(character)
                }
            }
            return cells + [cell]
        }
    }

    private func demo() async throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let store = directory.path("demo.store")
        let demo = try await Tool.run(["demo", "--store", store], in: directory.url)
        #expect(demo.status == 0, "\(demo.stderr)")
        return (directory, store)
    }

    @Test("report outcomes: the documented columns, organisation and pilot rows, every format, a small group withheld")
    func outcomes() async throws {
        let (directory, store) = try await demo()
        func report(_ extra: [String]) async throws -> Tool.Run {
            let run = try await Tool.run(["report", "outcomes", "--store", store] + extra, in: directory.url)
            #expect(run.status == 0, "\(run.stderr)")
            return run
        }
        let csv = Self.rows(try await report(["--format", "csv"]).stdout)
        #expect(csv.first?.joined(separator: ",") == Self.outcomesHeader)
        let rows = Array(csv.dropFirst())
        #expect(rows.allSatisfy { $0.count == 15 })
        let wellBeing = rows.filter { $0[0] == "organisation" && $0[4] == "work ability index" && !$0[9].isEmpty }
        #expect(wellBeing.count >= 5, "the piloting TULOS organisations measured work ability twice or more")
        for row in wellBeing {
            let before = try #require(Double(row[7]))
            let after = try #require(Double(row[9]))
            #expect(row[10] == String(format: "%.3f", after - before) && row[14] == "false")
        }
        #expect(rows.contains { $0[0] == "pilot" && !$0[2].isEmpty && !$0[10].isEmpty })
        #expect(rows.contains { !$0[11].isEmpty }, "practices adopted between the measurements")
        #expect(rows.contains { !$0[12].isEmpty && (Int($0[13]) ?? 0) >= 5 }, "LOSSI trainings completed in between")
        // Hitsaamo's well-being survey has four respondents: withheld at the default minimum group.
        let hitsaamo = rows.filter { $0[1] == "hitsaamo" && $0[4] == "staff well-being" }
        #expect(!hitsaamo.isEmpty && hitsaamo.allSatisfy { $0[7].isEmpty && $0[14] == "true" })

        // Work ability rests on 6 respondents: with --min-group 7 it is withheld, the days stay.
        let strict = Array(Self.rows(try await report(["--format", "csv", "--min-group", "7"]).stdout).dropFirst())
        let hidden = strict.filter { $0[4] == "work ability index" }
        #expect(!hidden.isEmpty && hidden.allSatisfy { $0[7].isEmpty && $0[9].isEmpty && $0[10].isEmpty })
        #expect(hidden.allSatisfy { $0[14] == "true" && !$0[6].isEmpty })
        let table = try await report(["--min-group", "7"]).stdout
        #expect(table.contains("withheld for privacy:") && table.contains("Outcomes"), "\(table)")

        for format in ["table", "json", "html"] {
            let run = try await report(["--format", format])
            #expect(run.stdout.contains("work ability index"), "\(format)")
        }
        let analyst = try await report(["--format", "csv", "--audience", "analyst"]).stdout
        #expect(analyst.hasPrefix(Self.outcomesHeader + ",not_for_publication"))
    }

    @Test("import outside-adoptions: counted apart in practices and indicators; hostile names are safe or refused")
    func outsideAdoptions() async throws {
        let (directory, store) = try await demo()
        func practices() async throws -> [[String]] {
            let run = try await Tool.run(
                ["report", "practices", "--store", store, "--format", "csv"], in: directory.url)
            #expect(run.status == 0, "\(run.stderr)")
            return Self.rows(run.stdout)
        }
        let before = try await practices()
        let columns = try #require(before.first)
        #expect(columns.suffix(2) == ["outside_adoptions", "outside_adopted_by"])
        let outside = try #require(columns.firstIndex(of: "outside_adoptions"))
        let walking = try #require(before.first { $0.first == "walking-meetings" })
        #expect(walking[outside] == "2", "the demo records two adoptions of walking meetings outside TULOS")

        try directory.write(
            "outside.csv",
            """
            practice,name,kind,sector,region,adopted_on,note
            shared-shift-planning,"=HYPERLINK(""http://evil.example"",""x"")",enterprise,cleaning,Uusimaa,2022-03-01,
            peer-mentoring,Siivous Oy,third-sector,cleaning,Uusimaa,2022-03-02,seen at a forum

            """)
        let recorded = try await Tool.run(
            ["import", "outside-adoptions", "outside.csv", "--store", store], in: directory.url)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("2 rows → 2 events recorded"), "\(recorded.stdout)")
        let after = try await practices()
        let shared = try #require(after.first { $0.first == "shared-shift-planning" })
        #expect(shared[outside] == "1")
        #expect(shared.last == "'=HYPERLINK(\"http://evil.example\",\"x\")", "a formula-like name is neutralised")
        let sharedBefore = try #require(before.first { $0.first == "shared-shift-planning" })
        #expect(sharedBefore[outside] == "0")
        let adoptions = try #require(columns.firstIndex(of: "adoptions"))
        #expect(shared[adoptions] == sharedBefore[adoptions], "adoptions inside the programme are counted apart")
        #expect(after.first { $0.first == "walking-meetings" } == walking)
        let indicators = try await Tool.run(
            ["report", "indicators", "--store", store, "--format", "json"], in: directory.url)
        #expect(indicators.stdout.contains("\"good_practice_adoptions_outside\" : 5"), "\(indicators.stdout)")

        let exported = try await Tool.run(["export", "--store", store], in: directory.url)
        try directory.write(
            "hostile.csv",
            "practice,name,kind,sector,region,adopted_on\n"
                + "peer-mentoring,Red\u{1B}[31m Oy,enterprise,cleaning,Uusimaa,2022-03-03\n")
        let hostile = try await Tool.run(
            ["import", "outside-adoptions", "hostile.csv", "--store", store], in: directory.url)
        #expect(hostile.status != 0)
        #expect(hostile.stderr.contains("hostile.csv, row 1, column 'name'"), "\(hostile.stderr)")
        #expect(!hostile.stderr.contains("\u{1B}"), "the escape sequence is not echoed to the terminal")
        try directory.write(
            "unknown.csv",
            "practice,name,kind,sector,region,adopted_on\nno-such-practice,Oy Ab,enterprise,metal,Uusimaa,2022-03-03\n")
        let unknown = try await Tool.run(
            ["import", "outside-adoptions", "unknown.csv", "--store", store], in: directory.url)
        #expect(unknown.status != 0 && unknown.stderr.contains("column 'practice'"), "\(unknown.stderr)")
        let again = try await Tool.run(["export", "--store", store], in: directory.url)
        #expect(again.stdout == exported.stdout, "nothing appended")
    }

    @Test("needs from every source in the coverage report; report trace follows them to trainings, plans, change")
    func trace() async throws {
        let (directory, store) = try await demo()
        let trainings = try await Tool.run(
            ["report", "trainings", "--store", store, "--format", "json"], in: directory.url)
        #expect(trainings.status == 0, "\(trainings.stderr)")
        for source in ["\"survey-gap\"", "\"interview\"", "\"foresight\"", "\"training-need\"", "need_coverage"] {
            #expect(trainings.stdout.contains(source), "\(source)")
        }
        let organisation = "konepaja"
        let run = try await Tool.run(
            ["report", "trace", "--organisation", organisation, "--store", store, "--format", "csv"],
            in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = Self.rows(run.stdout)
        #expect(csv.first?.joined(separator: ",") == Self.traceHeader)
        let rows = Array(csv.dropFirst())
        #expect(rows.contains { $0[1] == "interview" && $0[4] == "named" && !$0[3].isEmpty })
        #expect(rows.contains { !$0[5].isEmpty && !$0[6].isEmpty }, "a plan action takes a need up")
        #expect(rows.contains { !$0[11].isEmpty || $0[12] == "true" }, "the competence's change, or withheld")
        for format in ["table", "json", "html"] {
            let other = try await Tool.run(
                ["report", "trace", "--organisation", organisation, "--store", store, "--format", format],
                in: directory.url)
            #expect(other.status == 0 && other.stdout.contains("From need to result"), "\(format): \(other.stderr)")
        }
        let missing = try await Tool.run(["report", "trace", "--store", store], in: directory.url)
        #expect(missing.status != 0 && missing.stderr.contains("the trace report needs --organisation ID"))
        let unknown = try await Tool.run(
            ["report", "trace", "--organisation", "nowhere", "--store", store], in: directory.url)
        #expect(unknown.status != 0 && unknown.stderr.contains("nowhere"), "\(unknown.stderr)")
    }
}
