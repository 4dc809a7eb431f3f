import Foundation
import TestSupport
import Testing

/// `competence export --tables DIR`, end to end: every importable table imports again as it is and gives the
/// same table back (hostile text included: formulas neutralised in the files, restored by the importer); the
/// files are 0600 in a new 0700 directory; the public audience, a non-empty directory, a file, a path inside
/// the store and a second target are refused with nothing written.
@Suite("competence export --tables", .timeLimit(.minutes(10)))
struct ExportTablesTests {
    /// Organisations whose text a spreadsheet would run, and one already starting with the text marker.
    static let hostileOrganisations = """
        id,name,kind,sector,size_class,region
        evil,"=HYPERLINK(""http://evil.example"",""click"")",enterprise,@metal,small,+358 region
        marked,''=kept as written,third-sector,-care,micro,'plain

        """

    /// A training that names the needs it answers (the optional `needs` column).
    static let trainingWithNeeds = """
        id,title,provider,kind,competences,cost_eur,hours,procured_on,organisations,programme,needs
        t2,Lean and Excel basics,Salpaus,joint,lean|excel,800,6,2024-03-01,acme|koti,,acme:lean:survey-gap|koti:excel:survey-gap

        """

    /// The tables that have an import format, and the columns compared after the round trip (the import's,
    /// plus the round and its kind for answers, which `import survey` takes as options).
    static let importable: [(table: String, columns: Int, extra: [String])] = [
        ("organisations", 8, []), ("competences", 8, []),
        ("answers", 8, ["round", "round_kind", "rater", "perspective"]),
        ("trainings", 11, []), ("participation", 7, []),
    ]

    @Test("each importable table imports again as it is and gives the same table back")
    func roundTrip() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try programme.directory.write("hostile.csv", Self.hostileOrganisations)
        try await programme.succeed(["import", "organisations", "hostile.csv"])
        try programme.directory.write("needs.csv", Self.trainingWithNeeds)
        try await programme.succeed(["import", "trainings", "needs.csv"])
        let export = try await programme.succeed(["export", "--tables", "tables", "--audience", "analyst"])
        #expect(export.stderr.contains("wrote 13 tables and datapackage.json to tables"), "\(export.stderr)")
        let directory = programme.directory.path("tables")
        let organisations = try String(contentsOfFile: directory + "/organisations.csv", encoding: .utf8)
        #expect(organisations.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",enterprise,'@metal"))
        #expect(organisations.contains("marked,''=kept as written,third-sector,'-care,micro,'plain"))
        let trainings = try table(directory, "trainings")
        #expect(Array(trainings[0].prefix(11)).suffix(3) == ["organisations", "programme", "needs"])
        #expect(
            trainings.contains { $0.prefix(11).last == "acme:lean:survey-gap|koti:excel:survey-gap" }, "\(trainings)")
        #expect(try mode(directory) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            #expect(try mode(directory + "/" + name) == 0o600, "\(name)")
        }

        // A scope cuts the tables: on 2024-05-01 only the baseline had been answered.
        try await programme.succeed([
            "export", "--tables", "spring", "--audience", "analyst", "--effective-on", "2024-05-01",
        ])
        let spring = try table(programme.directory.path("spring"), "answers")
        #expect(spring.count == 5 && spring.dropFirst().allSatisfy { $0[9] == "baseline" }, "\(spring)")

        // A second store from the tables alone: organisations, competences, answers (one round at a time, as
        // `import survey` takes the round as an option), trainings, participation.
        let copy = programme.directory.path("copy.store")
        func importInto(_ arguments: [String]) async throws {
            let run = try await Tool.run(arguments + ["--store", copy], in: programme.directory.url)
            #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.stderr)")
        }
        try await importInto(["import", "organisations", "tables/organisations.csv"])
        try await importInto(["import", "competences", "tables/competences.csv"])
        let answers = try table(directory, "answers")
        let roundColumn = try #require(answers[0].firstIndex(of: "round"))
        let kindColumn = try #require(answers[0].firstIndex(of: "round_kind"))
        for round in Set(answers.dropFirst().map { $0[roundColumn] }).sorted() {
            let rows = answers.dropFirst().filter { $0[roundColumn] == round }
            try programme.directory.write(
                "answers-\(round).csv", ([answers[0]] + rows).map(CSVText.line).joined(separator: "\n") + "\n")
            try await importInto([
                "import", "survey", "answers-\(round).csv", "--round", round, "--kind", rows[0][kindColumn],
            ])
        }
        try await importInto(["import", "trainings", "tables/trainings.csv"])
        try await importInto(["import", "participation", "tables/participation.csv"])
        let again = try await Tool.run(
            ["export", "--tables", "again", "--audience", "analyst", "--store", copy], in: programme.directory.url)
        #expect(again.status == 0, "\(again.stderr)")

        for (name, columns, extra) in Self.importable {
            let before = try table(directory, name)
            let after = try table(programme.directory.path("again"), name)
            #expect(before.count > 1, "\(name) has rows")
            func compared(_ rows: [[String]]) -> [[String]] {
                let header = rows[0]
                let picked = Array(0..<columns) + extra.compactMap { header.firstIndex(of: $0) }
                return rows.map { row in picked.map { row[$0] } }.sorted { $0.lexicographicallyPrecedes($1) }
            }
            #expect(compared(before) == compared(after), "\(name) round trip")
        }
        // The copy holds the text as the first store did, not the neutralised form.
        let names = try await programme.history(store: copy).compactMap { line in
            (line["payload"] as? [String: Any])?["name"] as? String
        }
        #expect(names.contains("=HYPERLINK(\"http://evil.example\",\"click\")"), "\(names)")
        #expect(names.contains("'=kept as written"), "\(names)")
    }

    @Test("public audience, non-empty directory, a file, the store, two targets: refused, nothing written")
    func refusals() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let publicAudience = try await programme.run(["export", "--tables", "out"])
        #expect(
            publicAudience.status != 0 && publicAudience.stderr.contains("give --audience analyst"),
            "\(publicAudience.stderr)")
        #expect(!FileManager.default.fileExists(atPath: programme.directory.path("out")))

        try FileManager.default.createDirectory(
            atPath: programme.directory.path("busy"), withIntermediateDirectories: false)
        try programme.directory.write("busy/notes.txt", "mine")
        let busy = try await programme.run(["export", "--tables", "busy", "--audience", "analyst"])
        #expect(busy.status != 0 && busy.stderr.contains("the directory is not empty (notes.txt)"), "\(busy.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: programme.directory.path("busy")) == ["notes.txt"])

        let file = try await programme.run(["export", "--tables", "organisations.csv", "--audience", "analyst"])
        #expect(file.status != 0 && file.stderr.contains("is not a directory"), "\(file.stderr)")

        for inside in ["ledger.store/tables", "ledger.store/../ledger.store", "./ledger.store/"] {
            let run = try await programme.run(["export", "--tables", inside, "--audience", "analyst"])
            #expect(run.status != 0 && run.stderr.contains("event store"), "\(inside): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: programme.directory.path("ledger.store/tables")))

        let two = try await programme.run(["export", "--tables", "t", "--xapi", "x.ndjson", "--audience", "analyst"])
        #expect(two.status != 0 && two.stderr.contains("give at most one of"), "\(two.stderr)")
        let audience = try await programme.run(["export", "--xapi", "x.ndjson", "--audience", "analyst"])
        #expect(audience.status != 0 && audience.stderr.contains("--audience applies to --tables only"))

        // An escape sequence in DIR is shown escaped on the terminal, never raw.
        let escaped = try await programme.run(["export", "--tables", "out\u{1B}[31m", "--audience", "analyst"])
        #expect(escaped.status == 0, "\(escaped.stderr)")
        #expect(!escaped.stderr.contains("\u{1B}") && escaped.stderr.contains("\\u{1B}[31m"), "\(escaped.stderr)")
    }

    private func table(_ directory: String, _ name: String) throws -> [[String]] {
        CSVText.parse(try String(contentsOfFile: "\(directory)/\(name).csv", encoding: .utf8))
    }

    private func mode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? Int ?? 0) & 0o777
    }
}
