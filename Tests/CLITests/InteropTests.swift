import Foundation
import TestSupport
import Testing

/// `export --xapi`, `export --moodle-framework` and ESCO's skills CSV in `import competences`, end to end.
@Suite("Interop: xAPI statements, a Moodle framework, ESCO skills", .timeLimit(.minutes(10)))
struct InteropTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("every xAPI statement of the demo meets xAPI 1.0.3's required properties and types; re-export is identical")
    func xapiStatements() async throws {
        let directory = try await DemoStore.shared.directoryURL()
        for file in ["first.ndjson", "second.ndjson"] {
            let run = try await Tool.run(["export", "--store", "demo.store", "--xapi", file], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let first = try Data(contentsOf: directory.appendingPathComponent("first.ndjson"))
        #expect(first == (try Data(contentsOf: directory.appendingPathComponent("second.ndjson"))))
        let mode =
            try FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent("first.ndjson")
                    .path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o600)

        let lines = String(decoding: first, as: UTF8.self).split(separator: "\n")
        var verbs: [String: Int] = [:]
        var ids = Set<String>()
        for line in lines {
            let statement = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object")
            let problems = XAPIChecker.problems(statement)
            #expect(problems.isEmpty, "\(problems) in \(line.prefix(400))")
            ids.insert(statement["id"] as? String ?? "")
            let verb = (statement["verb"] as? [String: Any])?["id"] as? String ?? ""
            verbs[verb, default: 0] += 1
            #expect(!line.contains("mbox"), "no mailbox, ever")
        }
        #expect(ids.count == lines.count, "statement ids are unique")

        // One statement per answer that counts, per participation, per completion.
        let tables = try await Tool.run(
            ["export", "--store", "demo.store", "--tables", "xapi-tables", "--audience", "analyst"], in: directory)
        #expect(tables.status == 0, "\(tables.stderr)")
        let answers = CSVText.parse(
            try String(contentsOf: directory.appendingPathComponent("xapi-tables/answers.csv"), encoding: .utf8))
        let participation = CSVText.parse(
            try String(contentsOf: directory.appendingPathComponent("xapi-tables/participation.csv"), encoding: .utf8))
        #expect(verbs["http://adlnet.gov/expapi/verbs/answered"] == answers.count - 1)
        #expect(verbs["http://adlnet.gov/expapi/verbs/attended"] == participation.count - 1)
        #expect(verbs["http://adlnet.gov/expapi/verbs/completed"] == participation.filter { $0[4] == "true" }.count)
        #expect(verbs.count == 3)
    }

    @Test("the Moodle framework has tool_lpimportcsv's header, the framework row with the scale, every competence")
    func moodleFramework() async throws {
        let directory = try await DemoStore.shared.directoryURL()
        let run = try await Tool.run(
            ["export", "--store", "demo.store", "--moodle-framework", "moodle.csv", "--framework-id", "lossi-tulos"],
            in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: directory.appendingPathComponent("moodle.csv"), encoding: .utf8)
        #expect(
            text.hasPrefix(
                "\"Parent id number\",\"Id number\",Shortname,Description,\"Description format\",\"Scale values\","
                    + "\"Scale configuration\",\"Rule type (optional)\",\"Rule outcome (optional)\","
                    + "\"Rule config (optional)\",\"Cross referenced competency id numbers\","
                    + "\"Exported id (optional)\",\"Is framework\",Taxonomy\n"))
        let rows = CSVText.parse(text)
        #expect(rows.allSatisfy { $0.count == 14 }, "14 columns in every row")
        let framework = rows[1]
        #expect(framework[1] == "lossi-tulos" && framework[12] == "1" && framework[0].isEmpty)
        #expect(framework[5].split(separator: ",").count == 5, "five scale values: \(framework[5])")
        let configuration = try #require(
            try JSONSerialization.jsonObject(with: Data(framework[6].utf8)) as? [[String: Any]])
        #expect(configuration.count == 6 && configuration[0]["scaleid"] != nil)
        #expect(configuration.dropFirst().map { $0["proficient"] as? Int } == [0, 0, 0, 1, 1], "4 and 5 proficient")
        #expect(configuration.dropFirst().map { $0["scaledefault"] as? Int } == [1, 0, 0, 0, 0])
        let tables = try await Tool.run(
            ["export", "--store", "demo.store", "--tables", "moodle-tables", "--audience", "analyst"], in: directory)
        #expect(tables.status == 0)
        let competences = CSVText.parse(
            try String(contentsOf: directory.appendingPathComponent("moodle-tables/competences.csv"), encoding: .utf8)
        )
        .dropFirst()
        let categories = Set(competences.map { $0[2] })
        let ids = Set(rows.dropFirst(2).map { $0[1] })
        #expect(ids == Set(competences.map { $0[0] }).union(categories.map { "category:" + $0 }))
        for row in rows.dropFirst(2) where !row[1].hasPrefix("category:") {
            #expect(row[0].hasPrefix("category:"), "a competence sits under its category")
        }
        #expect(Set(rows.dropFirst(2).map { $0[11] }).count == rows.count - 2, "exported ids are unique")
    }

    @Test("ESCO's skills CSV imports (URI kept, multi-line altLabels); a bad URI is refused with nothing appended")
    func escoSkills() async throws {
        let programme = try Programme()
        try await programme.importAll()
        let fixture = Self.repository.appendingPathComponent("Tests/Fixtures/ESCO/skills_en.csv").path
        let run = try await programme.succeed(["import", "competences", fixture])
        #expect(run.stdout.contains("3 rows → 3 events recorded"), "\(run.stdout)")
        let defined = try await programme.history().compactMap { line -> [String: Any]? in
            line["type"] as? String == "CompetenceDefined" ? line["payload"] as? [String: Any] : nil
        }
        let musical = try #require(defined.first { $0["name"] as? String == "manage musical staff" })
        #expect(musical["competence"] as? String == "0005c151-5b5a-4a66-8aac-60e734beb1ab")
        #expect(
            musical["escoURI"] as? String == "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab")
        #expect(musical["category"] as? String == "skill/competence")
        let again = try await programme.succeed(["import", "competences", fixture])
        #expect(again.stdout.contains("already imported"), "\(again.stdout)")

        let before = try await programme.history().count
        try programme.directory.write(
            "esco-bad.csv",
            """
            conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels
            KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaaa0000-4000-8000,knowledge,cross-sector,first,
            KnowledgeSkillCompetence,http://evil.example/skill/x,knowledge,cross-sector,second,

            """)
        let bad = try await programme.run(["import", "competences", "esco-bad.csv"])
        #expect(bad.status != 0)
        #expect(
            bad.stderr.contains("esco-bad.csv, row 2, column 'conceptUri': found 'http://evil.example/skill/x'"),
            "\(bad.stderr)")
        #expect(try await programme.history().count == before)
    }
}

/// A checker of xAPI 1.0.3 statements written from the specification (Part Two, section 2.4 "Statement
/// Properties"): the required properties, their types, and the rules this export promises (an `account`
/// actor, never a mailbox). Returns the problems found, empty for a conforming statement.
enum XAPIChecker {
    static func problems(_ statement: [String: Any]) -> [String] {
        var problems: [String] = []
        func require(_ condition: Bool, _ problem: String) { if !condition { problems.append(problem) } }
        let allowed: Set<String> = [
            "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version",
            "attachments",
        ]
        require(
            Set(statement.keys).isSubset(of: allowed), "unknown properties \(Set(statement.keys).subtracting(allowed))")
        require(isUUID(statement["id"]), "id is not a UUID")
        require(statement["stored"] == nil, "stored is set by the LRS, not the exporter")
        if let version = statement["version"] { require((version as? String)?.hasPrefix("1.0.") == true, "version") }

        // Actor: an Agent with exactly one inverse functional identifier, here an account.
        if let actor = statement["actor"] as? [String: Any] {
            require((actor["objectType"] as? String ?? "Agent") == "Agent", "actor.objectType must be Agent")
            let identifiers = ["mbox", "mbox_sha1sum", "openid", "account"].filter { actor[$0] != nil }
            require(identifiers == ["account"], "actor has identifiers \(identifiers), expected account only")
            let account = actor["account"] as? [String: Any] ?? [:]
            require(isIRL(account["homePage"]), "account.homePage is not an IRL")
            require(!((account["name"] as? String) ?? "").isEmpty, "account.name is empty")
        } else {
            problems.append("actor missing")
        }
        // Verb: an IRI id and a language map display.
        if let verb = statement["verb"] as? [String: Any] {
            require(isIRI(verb["id"]), "verb.id is not an IRI")
            require((verb["id"] as? String)?.hasPrefix("http://adlnet.gov/expapi/verbs/") == true, "not an ADL verb")
            require(isLanguageMap(verb["display"]), "verb.display is not a language map")
        } else {
            problems.append("verb missing")
        }
        // Object: an Activity with an IRI id and, here, a definition with a name and a type.
        if let object = statement["object"] as? [String: Any] {
            problems += activityProblems(object, "object")
        } else {
            problems.append("object missing")
        }
        // Result: score.scaled in [-1, 1], raw within [min, max], min < max; completion boolean; duration ISO 8601.
        if let result = statement["result"] {
            if let result = result as? [String: Any] {
                if let score = result["score"] as? [String: Any] {
                    let scaled = score["scaled"] as? Double
                    require(scaled.map { (-1...1).contains($0) } ?? false, "score.scaled outside [-1, 1]")
                    if let raw = score["raw"] as? Double, let minimum = score["min"] as? Double,
                        let maximum = score["max"] as? Double
                    {
                        require(minimum < maximum && (minimum...maximum).contains(raw), "score.raw outside [min, max]")
                    }
                }
                if let completion = result["completion"] { require(completion is Bool, "completion not a boolean") }
                if let duration = result["duration"] {
                    require(
                        (duration as? String)?.range(
                            of: #"^P(\d+(\.\d+)?D)?(T(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"#,
                            options: .regularExpression) != nil, "duration is not ISO 8601")
                }
            } else {
                problems.append("result is not an object")
            }
        }
        // Context: contextActivities of activity arrays; extensions keyed by IRIs.
        if let context = statement["context"] as? [String: Any] {
            if let activities = context["contextActivities"] as? [String: Any] {
                for (key, value) in activities {
                    require(["parent", "grouping", "category", "other"].contains(key), "contextActivities.\(key)")
                    for activity in value as? [[String: Any]] ?? [] {
                        problems += activityProblems(activity, "contextActivities.\(key)")
                    }
                }
            }
            if let extensions = context["extensions"] as? [String: Any] {
                require(extensions.keys.allSatisfy { isIRI($0) }, "extension keys must be IRIs")
            }
            if let registration = context["registration"] { require(isUUID(registration), "registration") }
        }
        if let timestamp = statement["timestamp"] {
            require(
                (timestamp as? String)?.range(
                    of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#,
                    options: .regularExpression) != nil, "timestamp is not ISO 8601")
        }
        return problems
    }

    private static func activityProblems(_ activity: [String: Any], _ place: String) -> [String] {
        var problems: [String] = []
        if (activity["objectType"] as? String ?? "Activity") != "Activity" { problems.append("\(place).objectType") }
        if !isIRI(activity["id"]) { problems.append("\(place).id is not an IRI") }
        if let definition = activity["definition"] as? [String: Any] {
            if let name = definition["name"], !isLanguageMap(name) { problems.append("\(place) name") }
            if let type = definition["type"], !isIRI(type) { problems.append("\(place) type") }
        }
        return problems
    }

    private static func isUUID(_ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return text.range(
            of: #"^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#,
            options: [.regularExpression, .caseInsensitive]) != nil
    }

    private static func isIRI(_ value: Any?) -> Bool {
        guard let text = value as? String, let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        return !scheme.isEmpty && scheme.first!.isLetter && !text.contains(" ")
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    private static func isIRL(_ value: Any?) -> Bool {
        guard isIRI(value), let text = value as? String else { return false }
        return text.hasPrefix("http://") || text.hasPrefix("https://")
    }

    private static func isLanguageMap(_ value: Any?) -> Bool {
        guard let map = value as? [String: Any], !map.isEmpty else { return false }
        return map.allSatisfy { key, value in
            value is String
                && key.range(of: #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"#, options: .regularExpression) != nil
        }
    }
}
