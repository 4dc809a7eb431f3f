import Foundation
import TestSupport
import Testing

/// Issue 12, the tables that repeat the matrix's and the effect report's persons: the raters table (its self
/// column is the matrix cell) and the then-test table (a subset of the effect cell's paired persons), through
/// the real `competence` tool.
///
/// The store: acme (6 persons) and beta (2) are small firms of one region, gamma (5) a medium firm of another.
/// Beta is a primary cell; the matrix's region relation (acme + beta) makes acme its complement. Every person
/// answers a baseline, a follow-up and a then-test (retrospective) rating, and a manager rates acme's people.
@Suite("Public reports: raters and then-test give back no matrix complement")
struct LinkedTablesAttackTests {
    /// acme's follow-up levels: the value the matrix withholds as a complement (mean 3.5).
    static let acmeLevels = [3, 4, 4, 5, 2, 3]

    static func programme() async throws -> Programme {
        let programme = try Programme()
        try programme.directory.write(
            "o.csv",
            """
            id,name,kind,sector,size_class,region
            acme,Acme,enterprise,metal industry,small,Päijät-Häme
            beta,Beta,enterprise,metal industry,small,Päijät-Häme
            gamma,Gamma,enterprise,metal industry,medium,Uusimaa

            """)
        try programme.directory.write(
            "c.csv", "id,name,category,scale_min,scale_max,esco_uri\nexcel,Excel,digital skills,1,5,\n")
        let people: [(String, String, Int)] =
            acmeLevels.enumerated().map { ("a\($0.offset + 1)", "acme", $0.element) }
            + [("b1", "beta", 1), ("b2", "beta", 5)]
            + [2, 3, 3, 4, 4].enumerated().map { ("g\($0.offset + 1)", "gamma", $0.element) }
        let header = "respondent,organisation,role,competence,current,target,importance,answered_on,rater,perspective\n"
        try programme.directory.write(
            "b.csv", header + people.map { "\($0.0),\($0.1),staff,excel,1,5,3,2024-01-10,self,current\n" }.joined())
        try programme.directory.write(
            "f.csv",
            header
                + people.map { person, organisation, level in
                    "\(person),\(organisation),staff,excel,\(level),5,3,2024-09-10,self,current\n"
                        + "\(person),\(organisation),staff,excel,1,,,2024-09-10,self,retrospective-pre\n"
                        + (organisation == "acme" ? "\(person),acme,staff,excel,4,,,2024-09-10,manager,current\n" : "")
                }.joined())
        try await programme.succeed(["import", "organisations", "o.csv"])
        try await programme.succeed(["import", "competences", "c.csv"])
        try await programme.succeed(["import", "survey", "b.csv", "--round", "r1", "--kind", "baseline"])
        try await programme.succeed(["import", "survey", "f.csv", "--round", "r2", "--kind", "follow-up"])
        return programme
    }

    /// The tables of a JSON report.
    static func tables(_ programme: Programme, _ arguments: [String]) async throws -> [String: [[String: String]]] {
        try jsonTables(try await programme.succeed(["report"] + arguments + ["--format", "json"]).stdout)
    }

    /// acme's self-assessed mean from the raters table: read directly, or as `ALL` minus the other published
    /// organisations when acme is the only one withheld.
    static func acmeFromRaters(_ raters: [[String: String]]) -> Double? {
        let row = { (population: String) in raters.first { $0["organisation"] == population } }
        if let mean = row("acme")?["self_mean_current"].flatMap(Double.init) { return mean }
        guard let all = row("ALL"), let n = all["self_n"].flatMap(Double.init),
            let mean = all["self_mean_current"].flatMap(Double.init)
        else { return nil }
        let others = raters.filter { !["acme", "ALL"].contains($0["organisation"]) }
        let published = others.compactMap { row -> (Double, Double)? in
            guard let n = row["self_n"].flatMap(Double.init), let m = row["self_mean_current"].flatMap(Double.init)
            else { return nil }
            return (n, m)
        }
        guard published.count == others.count else { return nil }
        let restN = published.reduce(0) { $0 + $1.0 }
        return (n * mean - published.reduce(0) { $0 + $1.0 * $1.1 }) / (n - restN)
    }

    @Test("the matrix withholds acme as a complement, and the raters table does not give it back")
    func raters() async throws {
        let programme = try await Self.programme()
        let published = try await Self.tables(programme, ["matrix"])
        let matrix = try #require(published["matrix"])
        let acme = try #require(matrix.first { $0["organisation"] == "acme" })
        let beta = try #require(matrix.first { $0["organisation"] == "beta" })
        #expect(acme["suppressed"] == "true" && acme["mean_current"] == nil)
        #expect(beta["suppressed"] == "true")
        let raters = try #require(published["raters"])
        #expect(Self.acmeFromRaters(raters) == nil)
        // The manager's column is a table of its own: acme's six ratings by their manager are published.
        #expect(raters.first { $0["organisation"] == "acme" }?["manager_n"] == "6")
        // The analyst's matrix plans its raters table with the matrix (the complements within the report).
        #expect(
            Self.acmeFromRaters(
                try #require(try await Self.tables(programme, ["matrix", "--audience", "analyst"])["raters"])) == nil)
        // The attack reads the value wherever the self column publishes it: with a minimum group of 2 beta is
        // no primary cell, acme needs no complement, and its mean, 3.5, is read from the raters table.
        let open = try await Self.tables(programme, ["matrix", "--min-group", "2"])
        #expect(Self.acmeFromRaters(try #require(open["raters"])) == 3.5)
        // The table's withheld counts: the matrix's cells once (acme, beta, their self column repeats them).
        let text = try await programme.succeed(["report", "matrix"]).stdout
        #expect(text.contains("withheld for privacy: "))
    }

    @Test("the then-test table gives back no matrix complement in public; the analyst's effect report does")
    func thenTest() async throws {
        let programme = try await Self.programme()
        func acmeFollowUp(_ audience: [String]) async throws -> Double? {
            let effect = try await Self.tables(programme, ["effect"] + audience)
            let rows = try #require(effect["then-test"])
            return rows.first { $0["organisation"] == "acme" }?["followup_mean"].flatMap(Double.init)
        }
        for audience in [[], ["--audience", "analyst"]] {
            let matrix = try #require(try await Self.tables(programme, ["matrix"] + audience)["matrix"])
            #expect(matrix.first { $0["organisation"] == "acme" }?["suppressed"] == "true")
        }
        // The analyst's effect report plans its own cells: it takes gamma as beta's complement and publishes
        // acme's then-test row, whose follow-up mean is the matrix's withheld acme mean.
        let mean = Double(Self.acmeLevels.reduce(0, +)) / Double(Self.acmeLevels.count)
        #expect(try await acmeFollowUp(["--audience", "analyst"]) == mean)
        // In public the then-test row follows the effect row of the same persons, which follows the matrix.
        #expect(try await acmeFollowUp([]) == nil)
        let effect = try #require(try await Self.tables(programme, ["effect"])["effect"])
        #expect(effect.first { $0["organisation"] == "acme" }?["suppressed"] == "true")
    }
}
