import Foundation
import TestSupport
import Testing

/// Issue 11's "done when": a 61-person programme of 7 organisations and two rounds, whose participation file
/// has unfinished rows without dates and whose follow-up file has one person answering a competence twice,
/// imports with the documented commands and columns, and `report effect` equals an independent computation
/// (latest answer wins; trained = completed a targeting training after the baseline answer and on or before the
/// follow-up answer's day; attended = not trained but took part on or before it; untrained = the rest). p07 (organisation o1) is trained on excel only because their latest follow-up answer
/// (2024-09-20) is after their completion (2024-09-19); the superseded answer's day (2024-09-17) is before it.
@Suite("A 61-person programme as it arrives", .timeLimit(.minutes(10)))
struct ProgrammeAcceptanceTests {
    /// One answer as written in a file.
    struct Answer {
        var person: String
        var organisation: String
        var competence: String
        var current: Int
        var day: String
    }

    /// One participation row.
    struct Participation {
        var training: String
        var person: String
        var organisation: String
        var completedOn: String?
    }

    static let competences = ["excel", "lean"]
    static let organisations = ["o1", "o2", "o3", "o4", "o5", "o6", "o7"]
    static let sizes = ["1-9", "10–49", "50-249", "250+", "37", "small", "4"]
    static let targets = ["t-excel": ["excel"], "t-lean": ["lean"], "t-both": ["excel", "lean"]]

    static func person(_ number: Int) -> String { number < 10 ? "p0\(number)" : "p\(number)" }
    static func organisation(_ number: Int) -> String { organisations[number % 7] }
    static func day(_ month: Int, _ day: Int) -> String {
        "2024-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// The files' rows, made by a fixed rule (no randomness): baseline answers of all 61, follow-up answers of
    /// those whose number is not a multiple of 9, and p07's excel answered twice — the later day first in the
    /// file, the earlier day's answer in a later row.
    static func baseline() -> [Answer] {
        (1...61).flatMap { n in
            competences.enumerated().map { index, competence in
                Answer(
                    person: person(n), organisation: organisation(n), competence: competence,
                    current: 1 + (n * 7 + index * 3) % 3, day: day(1, 10 + n % 10))
            }
        }
    }

    static func followUp() -> [Answer] {
        var rows: [Answer] = []
        for n in 1...61 where n % 9 != 0 {
            for (index, competence) in competences.enumerated() {
                let base = 1 + (n * 7 + index * 3) % 3
                var current = min(5, base + (n + index) % 3)
                if n == 7 && competence == "excel" {
                    rows.append(
                        Answer(
                            person: person(n), organisation: organisation(n), competence: competence, current: 5,
                            day: day(9, 20)))
                    current = 2
                }
                rows.append(
                    Answer(
                        person: person(n), organisation: organisation(n), competence: competence, current: current,
                        day: day(9, 10 + n % 10)))
            }
        }
        return rows
    }

    /// Completions between the rounds, a few after the follow-up and one on a follow-up day; unfinished rows
    /// (completed false, no day) for every third person in t-both; p07 completes t-excel on 2024-09-19, between
    /// their two follow-up answers.
    static func participation() -> [Participation] {
        var rows: [Participation] = []
        for n in 1...61 {
            let (who, org) = (person(n), organisation(n))
            switch n % 3 {
            case 0:
                rows.append(
                    Participation(
                        training: "t-excel", person: who, organisation: org,
                        completedOn: n % 5 == 0 ? day(10, 1) : day(5, 1 + n % 20)))
            case 1:
                let onFollowUpDay = n % 4 == 1 ? day(9, 10 + n % 10) : day(6, 2 + n % 20)
                rows.append(
                    Participation(training: "t-lean", person: who, organisation: org, completedOn: onFollowUpDay))
            default:
                rows.append(Participation(training: "t-both", person: who, organisation: org, completedOn: nil))
            }
        }
        rows.append(
            Participation(training: "t-excel", person: "p07", organisation: organisation(7), completedOn: day(9, 19)))
        return rows
    }

    /// The effect table as computed here from the rows alone: (organisation or ALL, competence) → the figures.
    static func expectedEffect() -> [String: [String: String]] {
        func latest(_ answers: [Answer]) -> [String: Answer] {
            var result: [String: Answer] = [:]
            for answer in answers {  // later rows come later: on the same day the later row wins
                let key = "\(answer.person) \(answer.competence)"
                if let kept = result[key], kept.day > answer.day { continue }
                result[key] = answer
            }
            return result
        }
        let baselines = latest(baseline())
        let followUps = latest(followUp())
        let completions = participation().filter { $0.completedOn != nil }
        struct Pair {
            var organisation: String
            var competence: String
            var change: Int
            var baseline: Int
            var followUp: Int
            var trained: Bool
            var attended: Bool
        }
        var pairs: [Pair] = []
        for (key, base) in baselines {
            guard let follow = followUps[key] else { continue }
            let trained = completions.contains { row in
                row.person == base.person && targets[row.training]!.contains(base.competence)
                    && row.completedOn! > base.day && row.completedOn! <= follow.day
            }
            // Attended: not trained, but took part in a targeting training on or before the follow-up day (an
            // unfinished row's day is its training's procurement day, t-both's 2024-03-01).
            let attended =
                !trained
                && participation().contains { row in
                    row.person == base.person && targets[row.training]!.contains(base.competence)
                        && (row.completedOn ?? "2024-03-01") <= follow.day
                }
            pairs.append(
                Pair(
                    organisation: base.organisation, competence: base.competence, change: follow.current - base.current,
                    baseline: base.current, followUp: follow.current, trained: trained, attended: attended))
        }
        func number(_ value: Double?) -> String {
            guard let value else { return "" }
            let text = String(format: "%.3f", value)
            return text == "-0.000" ? "0.000" : text
        }
        func mean(_ values: [Int]) -> Double? {
            values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
        }
        var table: [String: [String: String]] = [:]
        for competence in competences {
            for population in organisations + ["ALL"] {
                let members = pairs.filter {
                    $0.competence == competence && (population == "ALL" || $0.organisation == population)
                }
                let changes = members.map(\.change)
                let average = mean(changes)!
                let variance =
                    changes.map { (Double($0) - average) * (Double($0) - average) }.reduce(0, +)
                    / Double(changes.count - 1)
                let trained = members.filter(\.trained).map(\.change)
                let attended = members.filter(\.attended).map(\.change)
                let untrained = members.filter { !$0.trained && !$0.attended }.map(\.change)
                let did = mean(trained).flatMap { t in mean(untrained).map { t - $0 } }
                table["\(population) \(competence)"] = [
                    "paired_n": String(members.count), "baseline_mean": number(mean(members.map(\.baseline))),
                    "followup_mean": number(mean(members.map(\.followUp))), "mean_change": number(average),
                    "sd_change": number(variance.squareRoot()), "trained_n": String(trained.count),
                    "trained_change": number(mean(trained)), "untrained_n": String(untrained.count),
                    "untrained_change": number(mean(untrained)), "difference_in_differences": number(did),
                    "attended_n": String(attended.count), "attended_change": number(mean(attended)),
                ]
            }
        }
        return table
    }

    @Test("unfinished rows without dates and a double answer import as documented; the effect report is exact")
    func programme() async throws {
        let programme = try Programme()
        let directory = programme.directory
        var organisations = "id,name,kind,sector,size_class,region\n"
        for (index, id) in Self.organisations.enumerated() {
            organisations +=
                "\(id),Organisation \(index + 1),enterprise,metal industry,\(Self.sizes[index]),Päijät-Häme\n"
        }
        try directory.write("organisations-61.csv", organisations)
        func survey(_ answers: [Answer]) -> String {
            "respondent,organisation,role,competence,current,target,importance,answered_on\n"
                + answers.map { "\($0.person),\($0.organisation),staff,\($0.competence),\($0.current),4,,\($0.day)\n" }
                .joined()
        }
        try directory.write("baseline-61.csv", survey(Self.baseline()))
        try directory.write("followup-61.csv", survey(Self.followUp()))
        try directory.write(
            "trainings-61.csv",
            "id,title,provider,kind,competences,cost_eur,hours,procured_on\n"
                + "t-excel,Excel,Salpaus,joint,excel,1000,12,2024-02-01\n"
                + "t-lean,Lean,Salpaus,joint,lean,1000,12,2024-02-01\n"
                + "t-both,Excel and Lean,LAB,joint,excel|lean,2000,24,2024-03-01\n")
        try directory.write(
            "participation-61.csv",
            "training,respondent,organisation,attended_hours,completed,completed_on\n"
                + Self.participation().map {
                    "\($0.training),\($0.person),\($0.organisation),\($0.completedOn == nil ? 4 : 12),"
                        + "\($0.completedOn != nil),\($0.completedOn ?? "")\n"
                }.joined())

        try await programme.succeed(["import", "organisations", "organisations-61.csv"])
        try await programme.succeed(["import", "competences", "competences.csv"])
        try await programme.succeed([
            "import", "survey", "baseline-61.csv", "--round", "2024-baseline", "--kind", "baseline",
        ])
        let followUp = try await programme.succeed([
            "import", "survey", "followup-61.csv", "--round", "2024-follow-up", "--kind", "follow-up",
        ])
        #expect(followUp.stdout.contains("; 1 answer superseded an earlier answer (recorded as corrections)"))
        try await programme.succeed(["import", "trainings", "trainings-61.csv"])
        let participation = try await programme.succeed(["import", "participation", "participation-61.csv"])
        #expect(participation.stdout.contains("62 rows → 62 events"))

        let report = try await programme.succeed([
            "report", "effect", "--format", "csv", "--min-group", "1", "--today", "2024-12-31",
        ])
        let lines = report.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let header = try #require(lines.first).map(String.init)
        var actual: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            let cells = Dictionary(uniqueKeysWithValues: zip(header, line.map(String.init)))
            actual["\(cells["organisation"]!) \(cells["competence"]!)"] = cells
        }
        let expected = Self.expectedEffect()
        #expect(Set(actual.keys) == Set(expected.keys))
        for (key, figures) in expected {
            for (column, value) in figures {
                #expect(actual[key]?[column] == value, "\(key) \(column)")
            }
        }
    }
}
