import Foundation
import TestSupport
import Testing

/// `competence import participants` and `competence report esf`, end to end: the import lands and refuses a
/// bad cell with nothing appended; on the demo store the report shows both programmes with the contract's
/// columns and indicators, withholds small groups by default (and shows them with `--min-group 1`), narrows
/// to one programme, and says "not for publication" for an analyst.
@Suite("competence import participants and report esf", .timeLimit(.minutes(10)))
struct ESFTests {
    static let header = "programme,stage,indicator,persons,suppressed"
    static let entryIndicators = [
        "participants", "female", "male", "other_or_not_stated", "age_under_25", "age_25_54", "age_55_plus",
        "isced_0_2", "isced_3_4", "isced_5_8", "employed", "self_employed", "unemployed", "inactive",
    ]

    @Test("import participants lands, a repeat adds nothing, a bad cell is refused on stderr with nothing appended")
    func importParticipants() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let run = try await programme.succeed(["import", "participants", "participants.csv"])
        #expect(run.stdout.contains("participants.csv: 4 rows → 4 events recorded in file:\(programme.store)"))
        let history = try await programme.history()
        #expect(history.filter { $0["type"] as? String == "ParticipantDataRecorded" }.count == 4)
        let again = try await programme.succeed(["import", "participants", "participants.csv"])
        #expect(again.stdout == "participants.csv: already imported (same content); nothing added\n")

        try programme.directory.write(
            "bad.csv",
            """
            respondent,stage,recorded_on,gender,age_band,birth_year,education,labour_status
            p2,exit,2024-09-11,male,55+,,5-8,employed
            p3,exit,2024-09-12,not-stated,,1890,3-4,employed

            """)
        let bad = try await programme.run(["import", "participants", "bad.csv"])
        #expect(bad.status != 0)
        #expect(bad.stdout.isEmpty)
        #expect(
            bad.stderr.contains("bad.csv, row 2, column 'birth_year': found '1890', expected a year from 1904 to 2024"),
            "\(bad.stderr)")
        let unknown = try await programme.run(["import", "participants", "participants-missing.csv"])
        #expect(unknown.status != 0)
        #expect(try await programme.history().count == history.count)

        // The fixture's organisations belong to no programme: the report has its header and no rows.
        let report = try await programme.succeed(["report", "esf", "--format", "csv"])
        #expect(report.stdout == Self.header + "\n")
        let refused = try await programme.run(["report", "esf", "--programme", "nope"])
        #expect(refused.status != 0 && refused.stderr.contains("no programme 'nope'"), "\(refused.stderr)")
        // Every report takes --programme; an id the ledger does not know is refused, naming the known ones.
        let unscoped = try await programme.run(["report", "matrix", "--programme", "lossi"])
        #expect(unscoped.status != 0 && unscoped.stderr.contains("no programme 'lossi'"), "\(unscoped.stderr)")
        #expect(unscoped.stderr.contains("known: none"), "\(unscoped.stderr)")
    }

    @Test("on the demo: both programmes, the contract's indicators, small groups withheld, one programme alone")
    func demoReport() async throws {
        let directory = try TemporaryDirectory()
        let store = directory.path("demo.store")
        let demo = try await Tool.run(["demo", "--store", store], in: directory.url)
        #expect(demo.status == 0, "\(demo.stderr)")
        func csv(_ extra: [String]) async throws -> [[String]] {
            let run = try await Tool.run(
                ["report", "esf", "--store", store, "--format", "csv"] + extra, in: directory.url)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout.split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
        }
        let published = try await csv([])
        #expect(published.first?.joined(separator: ",") == Self.header)
        let rows = Array(published.dropFirst())
        for programme in ["lossi", "tulos"] {
            let entry = rows.filter { $0[0] == programme && $0[1] == "entry" }.map { $0[2] }
            let exit = rows.filter { $0[0] == programme && $0[1] == "exit" }.map { $0[2] }
            #expect(entry == Self.entryIndicators)
            #expect(exit == Self.entryIndicators + ["changed_status", "raised_education"])
            let participants = rows.first { $0[0] == programme && $0[1] == "entry" && $0[2] == "participants" }
            #expect(Int(participants?[3] ?? "") ?? 0 >= 20, "\(programme) has its participants at entry")
        }
        // Withheld cells have no figure; every published non-zero figure covers at least 5 persons.
        let withheld = rows.filter { $0[4] == "true" }
        #expect(!withheld.isEmpty && withheld.allSatisfy { $0[3].isEmpty })
        #expect(rows.filter { $0[4] == "false" }.allSatisfy { (Int($0[3]) ?? -1) == 0 || (Int($0[3]) ?? 0) >= 5 })
        // With --min-group 1 every figure shows; the published ones are the same, and a small group (1–4
        // persons) is among the withheld.
        let exact = Array(try await csv(["--min-group", "1"]).dropFirst())
        #expect(exact.count == rows.count && exact.allSatisfy { $0[4] == "false" })
        for (published, exact) in zip(rows, exact) where published[4] == "false" { #expect(published == exact) }
        let small = zip(rows, exact).filter { $0.0[4] == "true" && (1...4).contains(Int($0.1[3]) ?? 0) }
        #expect(!small.isEmpty, "a group of 1–4 persons is withheld")

        let tulos = Array(try await csv(["--programme", "tulos"]).dropFirst())
        #expect(tulos == rows.filter { $0[0] == "tulos" })
        let analyst = try await csv(["--audience", "analyst"])
        #expect(analyst.first?.joined(separator: ",") == Self.header + ",not_for_publication")
        for format in ["table", "json", "html"] {
            let run = try await Tool.run(
                ["report", "esf", "--store", store, "--format", format, "--programme", "lossi"], in: directory.url)
            #expect(run.status == 0 && run.stdout.contains("age_25_54"), "\(format): \(run.stderr)")
        }
    }
}
