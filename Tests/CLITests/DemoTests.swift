import CompetenceCore
import CompetenceScenario
import Foundation
import TestSupport
import Testing

@Suite("competence demo", .timeLimit(.minutes(10)))
struct DemoTests {
    @Test(
        """
        with no arguments the tool records the demo into a temporary file store, prints the projections, \
        and leaves nothing behind
        """
    )
    func noArguments() async throws {
        let directory = try TemporaryDirectory()
        // A temporary directory of its own (TMPDIR), so that no other process's demo store can be mistaken
        // for one this run left behind.
        let temporary = try TemporaryDirectory()
        let run = try await Tool.run([], in: directory.url, extra: ["TMPDIR": temporary.url.path])
        #expect(run.status == 0, "\(run.stderr)")
        let events = DemoScenario().events.count
        #expect(run.stdout.contains("\(events) events in \(DemoScenario().steps.count) atomic ledger calls"))
        for heading in [
            "Where the programme stands", "What to train first", "Top three gaps per organisation",
            "Coverage of each organisation's top gaps", "Whether the training worked",
            "Effect for the programme as a whole", "Reaction scores per training", "Development plan actions",
            "Good-practice catalogue", "Whether the organisations changed", "Indicators before and after",
            "Time travel: how things stood on 2024-06-30",
        ] {
            #expect(run.stdout.contains(heading), "missing section '\(heading)'")
        }
        // The programme-wide effect rows.
        #expect(run.stdout.contains("\nALL "))
        // Nothing written to the working directory, the temporary store removed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path).isEmpty)
    }

    @Test("with --store the demo stays in that store; a second run adds nothing; reports run on it")
    func keptStore() async throws {
        let directory = try TemporaryDirectory()
        let store = directory.path("demo.store")
        let first = try await Tool.run(["demo", "--store", store], in: directory.url)
        #expect(first.status == 0, "\(first.stderr)")
        let exported = try await Tool.run(["export", "--store", store], in: directory.url)
        let lines = exported.stdout.split(separator: "\n").count
        #expect(lines == DemoScenario().events.count + 1, "one line per event and the summary line")
        let second = try await Tool.run(["demo", "--store", store], in: directory.url)
        #expect(second.status == 0, "\(second.stderr)")
        let again = try await Tool.run(["export", "--store", store], in: directory.url)
        #expect(again.stdout == exported.stdout)
        let effect = try await Tool.run(["report", "effect", "--store", store, "--format", "csv"], in: directory.url)
        #expect(effect.status == 0, "\(effect.stderr)")
        #expect(
            effect.stdout.hasPrefix(
                "organisation,competence,paired_n,baseline_mean,followup_mean,mean_change,sd_change,effect_size_dz,"
                    + "trained_n,trained_change,untrained_n,untrained_change,difference_in_differences,suppressed"))
    }

    @Test("a day that does not exist is refused before anything is recorded")
    func badDay() async throws {
        let directory = try TemporaryDirectory()
        let run = try await Tool.run(
            ["demo", "--effective-on", "2024-02-30", "--store", directory.path("x.store")], in: directory.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("--effective-on takes a date YYYY-MM-DD"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("x.store")))
    }
}
