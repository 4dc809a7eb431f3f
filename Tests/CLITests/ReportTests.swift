import Foundation
import TestSupport
import Testing

/// `competence report`, end to end: every report in every format, the CSV contracts, indicators as one JSON
/// object, the scope options, and a self-contained HTML page that a headless browser renders. Documents,
/// renderers, escaping and the indicator table are checked in-process by `CompetenceReportsTests`.
@Suite("competence report", .timeLimit(.minutes(10)))
struct ReportTests {
    static let names = ["matrix", "trainings", "effect", "plans", "indicators", "practices", "esf"]

    @Test("matrix and effect CSV headers are exactly the contract's columns (more may follow)")
    func csvContracts() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let matrix = try await programme.succeed(["report", "matrix", "--format", "csv", "--min-group", "1"]).stdout
        let matrixHeader = matrix.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            matrixHeader.hasPrefix("organisation,competence,respondents,mean_current,mean_target,mean_gap,suppressed"))
        #expect(matrix.contains("\nacme,excel,2,3.500,4.000,0.500,false"))

        let effect = try await programme.succeed(["report", "effect", "--format", "csv", "--min-group", "1"]).stdout
        let effectHeader = effect.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            effectHeader.hasPrefix(
                "organisation,competence,paired_n,baseline_mean,followup_mean,mean_change,sd_change,effect_size_dz,"
                    + "trained_n,trained_change,untrained_n,untrained_change,difference_in_differences,suppressed"))
        #expect(effect.contains("\nALL,excel,3,2.000,3.000,1.000,"))

        // The default minimum group of 5 withholds these small groups.
        let suppressed = try await programme.succeed(["report", "matrix", "--format", "csv"]).stdout
        #expect(suppressed.contains("\nacme,excel,,,,,true"))
    }

    @Test("every report in every format succeeds and says what it was computed from; indicators JSON is one object")
    func everyReportEveryFormat() async throws {
        let programme = try Programme()
        try await programme.importAll()
        for name in Self.names + ["timeline"] {
            for format in ["table", "csv", "json", "html"] {
                let output = "\(name).\(format)"
                var arguments = ["report", name, "--format", format, "--output", output, "--min-group", "1"]
                if name == "timeline" { arguments += ["--organisation", "acme"] }
                let run = try await programme.succeed(arguments)
                #expect(run.stdout.isEmpty && run.stderr.isEmpty, "\(name) \(format)")
                let text = try programme.directory.read(output)
                #expect(!text.isEmpty)
                switch format {
                case "csv": #expect(text.split(separator: "\n").count >= 1)
                case "json": #expect((try JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any])
                case "html":
                    #expect(text.hasPrefix("<!DOCTYPE html>"))
                    #expect(!text.contains("<script") && !text.contains("src=") && !text.contains("<link"))
                default: #expect(text.contains("computed from: everything"))
                }
            }
        }
        #expect(try programme.directory.read("timeline.csv").contains("OrganisationEnrolled"))
        // Indicators as JSON: one object with a field per indicator (to stdout, without --output).
        let run = try await programme.succeed(["report", "indicators", "--format", "json", "--min-group", "1"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["organisations"] as? Int == 2)
        #expect(object["trainings"] as? Int == 1)
        #expect(object["survey_rounds"] as? Int == 2)
        #expect(object["provenance"] is [String: Any])
    }

    @Test(
        """
        scopes: --position, --as-of and --effective-on change what is folded; bad values, a timeline without \
        an organisation or with an unknown one, and a missing store are refused on stderr
        """)
    func scopesAndRefusals() async throws {
        let programme = try Programme()
        try await programme.importAll()
        // Every scope is open to an analyst report, which says in the file that it is not for publication.
        let analyst = ["--audience", "analyst"]
        let early = try await programme.succeed(
            ["report", "indicators", "--format", "json", "--position", "2"] + analyst)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(early.stdout.utf8)) as? [String: Any])
        #expect(object["notice"] as? String == "ANALYST REPORT — NOT FOR PUBLICATION")
        #expect(object["organisations"] as? Int == 2)
        #expect(object["trainings"] as? Int == 0)
        let before = try await programme.succeed(
            [
                "report", "indicators", "--format", "json", "--effective-on", "2024-01-31",
            ] + analyst)
        let beforeObject = try #require(
            try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        #expect(beforeObject["survey_rounds"] as? Int == 1)
        let asOf = try await programme.succeed(
            ["report", "indicators", "--format", "json", "--as-of", "1999-12-31"] + analyst)
        let asOfObject = try #require(try JSONSerialization.jsonObject(with: Data(asOf.stdout.utf8)) as? [String: Any])
        #expect(asOfObject["organisations"] as? Int == 0)

        let analystCSV = try await programme.succeed(["report", "matrix", "--format", "csv"] + analyst).stdout
        #expect(
            analystCSV.split(separator: "\n").allSatisfy {
                $0.hasSuffix(",not_for_publication") || $0.hasSuffix(",true")
            })
        let analystText = try await programme.succeed(["report", "matrix"] + analyst).stdout
        #expect(analystText.hasPrefix("ANALYST REPORT — NOT FOR PUBLICATION\n"))

        // A public report (the default) moves only in whole survey rounds.
        let position = try await programme.run(["report", "matrix", "--position", "2"])
        #expect(position.status != 0)
        #expect(position.stderr.contains("whole survey rounds"))
        let tooEarly = try await programme.run(["report", "matrix", "--as-of", "1999-12-31"])
        #expect(tooEarly.status != 0)
        #expect(tooEarly.stderr.contains("no survey round had ended by 1999-12-31"))
        let running = try await programme.run(["report", "matrix", "--round", "2024-follow-up"])
        #expect(running.status != 0)
        #expect(running.stderr.contains("has not ended"))
        // The baseline round was never closed: it ends when the follow-up opens, and a day after that snaps back.
        let baseline = try await programme.succeed(["report", "matrix", "--format", "csv", "--round", "2024-baseline"])
        #expect(!baseline.stdout.contains("not_for_publication"))
        let later = try await programme.succeed(["report", "matrix", "--format", "csv", "--as-of", "2030-01-01"])
        #expect(later.stdout == baseline.stdout)

        let bad = try await programme.run(["report", "matrix", "--as-of", "31.1.2024"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("expected a date YYYY-MM-DD"))
        let both = try await programme.run(["report", "matrix", "--as-of", "2024-01-01", "--position", "3"])
        #expect(both.status != 0)

        let missing = try await programme.run(["report", "timeline"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--organisation"))
        let unknown = try await programme.run(["report", "timeline", "--organisation", "nowhere"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("nowhere"))

        // A missing store is an error, not an empty report.
        let none = try await Tool.run(
            ["report", "matrix", "--store", programme.directory.path("none.store")], in: programme.directory.url)
        #expect(none.status != 0)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.contains("no event store at"))
        #expect(!FileManager.default.fileExists(atPath: programme.directory.path("none.store")))
    }

    /// Headless Chromium renders the HTML page to a PNG. `.ci/run` installs Debian's `chromium`; where it is
    /// missing this test fails (it does not pass silently).
    @Test("the HTML page renders in headless Chromium")
    func rendersInBrowser() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try await programme.succeed([
            "report", "indicators", "--format", "html", "--output", "overview.html", "--min-group", "1",
        ])
        let browser = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "headless Chromium is needed to check the HTML report renders: apt-get install -y chromium (.ci/run does)")
        let png = programme.directory.path("overview.png")
        let render = try await Tool.spawn(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,900",
                "--screenshot=\(png)", programme.directory.url.appendingPathComponent("overview.html").absoluteString,
            ], in: programme.directory.url)
        #expect(render.status == 0, "chromium failed: \(render.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR: width and height are big-endian at bytes 16…23.
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1200 && height == 900)
        // A blank page compresses to a few kilobytes; charts, text and tables do not.
        #expect(data.count > 20_000)
    }
}
