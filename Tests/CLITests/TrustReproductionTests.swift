import Foundation
import TestSupport
import Testing

/// The numbered problems of issue 10 as the tool's user met them, through the documented command line only:
/// each test failed on the code before the fix and passes after it. The library-level cases (and many more)
/// are in `AdversarialTests`.
@Suite("issue 10 reproductions (the tool)", .timeLimit(.minutes(10)))
struct TrustReproductionTests {
    /// The number of events `export` writes (event lines only).
    private func eventCount(_ programme: Programme, store: String? = nil) async throws -> Int {
        let run = try await Tool.run(["export", "--store", store ?? programme.store], in: programme.directory.url)
        #expect(run.status == 0, "export failed: \(run.stderr)")
        return run.stdout.split(separator: "\n").filter { $0.hasPrefix("{\"id\":") }.count
    }

    @Test("1: export --output naming the store, its parent or . is refused; the store stays; outputs are 0600")
    func outputNeverReplacesAStore() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let before = try await eventCount(programme)
        for target in [programme.store, programme.store + "/", ".", programme.store + "/history.ndjson"] {
            let run = try await programme.run(["export", "--output", target])
            #expect(run.status != 0, "export --output \(target) was not refused")
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: programme.store, isDirectory: &isDirectory))
            #expect(isDirectory.boolValue, "the store directory was replaced by --output \(target)")
            #expect(try await eventCount(programme) == before)
        }
        #expect(try await programme.succeed(["verify"]).stdout.contains("sound"))
        #expect(FileManager.default.fileExists(atPath: programme.directory.path("organisations.csv")))

        try await programme.succeed(["report", "matrix", "--format", "csv", "--output", "matrix.csv"])
        try await programme.succeed(["export", "--output", "history.ndjson"])
        for name in ["matrix.csv", "history.ndjson"] {
            let mode = try FileManager.default.attributesOfItem(atPath: programme.directory.path(name))[
                .posixPermissions]
            #expect((mode as? NSNumber)?.intValue == 0o600, "\(name) has mode \(String(describing: mode))")
        }
    }

    @Test("2: the same survey file imported for a second round records that round; the same round again does not")
    func secondRoundIsRecorded() async throws {
        let programme = try Programme()
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        try await programme.succeed(["import", "survey", "baseline.csv", "--round", "r1", "--kind", "baseline"])
        let first = try await eventCount(programme)
        let second = try await programme.succeed([
            "import", "survey", "baseline.csv", "--round", "r2", "--kind", "follow-up",
        ])
        #expect(!second.stdout.contains("already imported"), "\(second.stdout)")
        let afterSecond = try await eventCount(programme)
        #expect(afterSecond == first + 5, "a round opening and 4 answers of round r2")
        let history = try await Tool.run(["export", "--store", programme.store], in: programme.directory.url).stdout
        #expect(history.contains("\"stream\":\"round-r2\""))
        let repeated = try await programme.succeed([
            "import", "survey", "baseline.csv", "--round", "r2", "--kind", "follow-up",
        ])
        #expect(repeated.stdout.contains("already imported"))
        #expect(try await eventCount(programme) == afterSecond)
    }

    @Test("3: import events runs the ledger's rules, refuses unknown types, and keeps recorded_at")
    func historiesAreValidated() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try await programme.succeed(["export", "--output", "history.ndjson"])
        let lines = try programme.directory.read("history.ndjson").split(separator: "\n").map(String.init)
        let events = lines.filter { $0.hasPrefix("{\"id\":") }

        // recorded_at survives a move: the copy's export carries the source's times.
        let copy = programme.directory.path("copy.store")
        let moved = try await Tool.run(
            ["import", "events", "history.ndjson", "--store", copy], in: programme.directory.url)
        #expect(moved.status == 0, "\(moved.stderr)")
        let copied = try await Tool.run(["export", "--store", copy], in: programme.directory.url).stdout
        let times = { (text: String) in
            text.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: "\"recorded_at\":\"") else { return nil }
                return String(line[range.upperBound...].prefix(27))
            }
        }
        #expect(times(copied) == times(events.joined(separator: "\n")))

        // An e-mail address as a person id, an event in the wrong stream, an unknown type: each refused,
        // naming the line; the target gets nothing.
        let registration = try #require(events.first { $0.contains("\"type\":\"PersonRegistered\"") })
        let hostile = [
            registration.replacingOccurrences(of: "\"person\":\"p1\"", with: "\"person\":\"matti@example.fi\""),
            events[0].replacingOccurrences(of: "\"stream\":\"organisation-acme\"", with: "\"stream\":\"person-acme\""),
            events[0].replacingOccurrences(of: "\"type\":\"OrganisationEnrolled\"", with: "\"type\":\"Unheard\""),
        ]
        for (index, line) in hostile.enumerated() {
            #expect(line != registration && line != events[0], "case \(index) did not change the line")
            // Case 0 keeps the valid history before the registration: nothing of it may land either.
            let body = index == 0 ? events.prefix { $0 != registration } + [line] : [line]
            let file = "hostile-\(index).ndjson"
            try programme.directory.write(file, body.joined(separator: "\n") + "\n")
            let target = programme.directory.path("target-\(index).store")
            let run = try await Tool.run(["import", "events", file, "--store", target], in: programme.directory.url)
            #expect(run.status != 0, "case \(index) was accepted: \(run.stdout)")
            #expect(run.stderr.contains("\(file), line"), "\(run.stderr)")
            if FileManager.default.fileExists(atPath: target) {
                #expect(try await eventCount(programme, store: target) == 0, "case \(index) appended events")
            }
        }
    }

    @Test("4: a formula in a title is neutralised in CSV; escape sequences never reach the terminal raw")
    func formulasAndEscapes() async throws {
        let programme = try Programme()
        try await programme.importAll()
        try programme.directory.write(
            "hostile-trainings.csv",
            """
            id,title,provider,kind,competences,cost_eur,hours,procured_on
            t2,"=HYPERLINK(""http://evil.example"",""x"")",Salpaus,joint,excel,100,2,2024-02-01
            t3,"\u{202E}fdp.exe",Salpaus,joint,excel,100,2,2024-02-01

            """)
        try await programme.succeed(["import", "trainings", "hostile-trainings.csv"])
        let csv = try await programme.succeed(["report", "trainings", "--format", "csv"]).stdout
        #expect(csv.contains("'=HYPERLINK"), "\(csv)")
        #expect(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"))
        // A right-to-left override in a title reaches the table only as a visible escape.
        let table = try await programme.succeed(["report", "trainings"])
        #expect(table.stdout.contains("fdp.exe"))
        #expect(!table.stdout.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B })
        // An escape sequence in a title is refused at import (the text rule), shown inert in the refusal.
        try programme.directory.write(
            "escape-title.csv",
            """
            id,title,provider,kind,competences,cost_eur,hours,procured_on
            t5,"\u{1B}]0;owned\u{07}\u{1B}[31mred",Salpaus,joint,excel,100,2,2024-02-01

            """)
        let title = try await programme.run(["import", "trainings", "escape-title.csv"])
        #expect(title.status != 0)
        #expect(title.stderr.contains("title") && !title.stderr.unicodeScalars.contains { $0.value == 0x1B })

        // A formula as an id is refused at import; an escape sequence in the refusal is shown inert.
        try programme.directory.write(
            "formula-id.csv",
            """
            id,title,provider,kind,competences,cost_eur,hours,procured_on
            =cmd|x,Title,Salpaus,joint,excel,100,2,2024-02-01

            """)
        let formula = try await programme.run(["import", "trainings", "formula-id.csv"])
        #expect(formula.status != 0)
        try programme.directory.write(
            "escape-cell.csv",
            """
            id,title,provider,kind,competences,cost_eur,hours,procured_on
            t4,Title,Salpaus,joint,excel,\u{1B}[2J,2,2024-02-01

            """)
        let escape = try await programme.run(["import", "trainings", "escape-cell.csv"])
        #expect(escape.status != 0)
        #expect(!escape.stderr.unicodeScalars.contains { $0.value == 0x1B }, "\(escape.stderr)")
        let option = try await programme.run(["report", "matrix", "--format", "\u{1B}[2Jcsv"])
        #expect(option.status != 0)
        #expect(!option.stderr.unicodeScalars.contains { $0.value == 0x1B }, "\(option.stderr)")
    }

    @Test("7: NUL in a text field, a phone number or a personal identity code as a person id are refused")
    func textAndIdentities() async throws {
        let programme = try Programme()
        try await programme.succeed(["import", "organisations", "organisations.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        let before = try await eventCount(programme)
        let cases: [(respondent: String, says: String)] = [
            ("+358401234567", "phone number"), ("040 123 4567", "phone number"),
            ("010190-123A", "personal identity code"), ("matti@example.fi", "e-mail address"),
        ]
        for (index, item) in cases.enumerated() {
            try programme.directory.write(
                "person-\(index).csv",
                """
                respondent,organisation,role,competence,current,answered_on
                \(item.respondent),acme,staff,excel,2,2024-01-10

                """)
            let run = try await programme.run([
                "import", "survey", "person-\(index).csv", "--round", "r1", "--kind", "baseline",
            ])
            #expect(run.status != 0, "\(item.respondent) was accepted")
            #expect(run.stderr.contains(item.says), "\(run.stderr)")
        }
        var bytes = Data("id,title,provider,kind,competences,cost_eur,hours,procured_on\nt1,Ti".utf8)
        bytes.append(0)
        bytes.append(contentsOf: "tle,Salpaus,joint,excel,100,2,2024-02-01\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: programme.directory.path("nul.csv")))
        let nul = try await programme.run(["import", "trainings", "nul.csv"])
        #expect(nul.status != 0)
        #expect(nul.stderr.contains("title"), "\(nul.stderr)")
        #expect(try await eventCount(programme) == before)
    }

    @Test("anchors: export and verify print the same head pair; verify --expect holds it, refuses a wrong one")
    func anchors() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let export = try await programme.succeed(["export", "--output", "-"])
        let pair = try #require(export.stderr.split(separator: " ").last.map { $0.trimmingCharacters(in: .newlines) })
        #expect(export.stderr.contains("exported 20 events to stdout; history head 20:"), "\(export.stderr)")
        let verify = try await programme.succeed(["verify"])
        #expect(verify.stdout.contains("history head: \(pair)\n"), "\(verify.stdout)")
        let held = try await programme.succeed(["verify", "--expect", pair])
        #expect(held.stdout.contains("anchor \(pair) holds (the head)"))
        let wrong = "20:" + String(repeating: "0", count: 64)
        let refused = try await programme.run(["verify", "--expect", wrong])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("fault: the history up to position 20 is not the one anchored"))
        let ahead = try await programme.run(["verify", "--expect", "21:" + String(pair.dropFirst(3))])
        #expect(ahead.status == 1 && ahead.stderr.contains("before the anchor's position 21"), "\(ahead.stderr)")
        let malformed = try await programme.run(["verify", "--expect", "twenty"])
        #expect(malformed.status != 0 && malformed.stderr.contains("--expect takes POSITION:HASH"))
    }
}
