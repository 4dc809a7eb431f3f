import CompetenceCore
import Foundation

/// The import files of a generated programme, in the order an analyst imports them: organisations and
/// competences, then per wave the trainings procured and the participation since the last wave (before each
/// follow-up), and one long-format survey file per group of organisations (each its own round).
///
/// Every file is the CSV the `competence import …` commands read (the columns of `Docs/CLI.md`), made
/// deterministically from the seed: each value is drawn from a hash of what it is about (a person, a
/// competence, a wave), so any file can be made on its own, in any order, and is the same on every run.
/// Persons who completed a training targeting a competence improve on it more often than others, so the
/// effect report has something to find.
package struct ProgrammeFiles: Sendable {
    /// One import file.
    package struct File: Sendable {
        /// What it imports.
        package enum Kind: Hashable, Sendable {
            case organisations, competences, trainings, participation
            /// A survey round of `kind`.
            case survey(round: RoundID, kind: RoundKind)
        }

        /// Its name, e.g. `survey-w1-g003.csv`.
        package var name: String
        /// What it imports.
        package var kind: Kind
        /// Its bytes: UTF-8 CSV with a header row.
        package var contents: Data
    }

    /// What is generated.
    package let shape: ProgrammeShape
    /// The seed of every drawn value.
    package let seed: UInt64

    /// The files of a programme of `shape`.
    package init(shape: ProgrammeShape, seed: UInt64 = 2_026) {
        self.shape = shape
        self.seed = seed
    }

    // MARK: The files in import order

    /// What ``file(at:)`` returns for each index, in import order.
    package enum Entry: Hashable, Sendable {
        case organisations, competences
        case trainings(wave: Int)
        case participation(wave: Int)
        case survey(wave: Int, group: Int)
    }

    /// Every file, in import order.
    package var entries: [Entry] {
        var entries: [Entry] = [.organisations, .competences]
        for wave in 0..<shape.waves {
            if wave > 0 { entries += [.trainings(wave: wave), .participation(wave: wave)] }
            entries += (0..<shape.groups).map { .survey(wave: wave, group: $0) }
        }
        return entries
    }

    /// The file of `entry`.
    package func file(_ entry: Entry) -> File {
        switch entry {
        case .organisations: File(name: "organisations.csv", kind: .organisations, contents: organisations())
        case .competences: File(name: "competences.csv", kind: .competences, contents: competences())
        case .trainings(let wave):
            File(name: "trainings-w\(wave).csv", kind: .trainings, contents: trainings(wave: wave))
        case .participation(let wave):
            File(name: "participation-w\(wave).csv", kind: .participation, contents: participation(wave: wave))
        case .survey(let wave, let group):
            File(
                name: "survey-w\(wave)-g\(Self.number(group, digits: 3)).csv",
                kind: .survey(round: round(wave: wave, group: group), kind: wave == 0 ? .baseline : .followUp),
                contents: survey(wave: wave, group: group))
        }
    }

    // MARK: Ids and days

    /// The pseudonymous id of person `index`.
    package func person(_ index: Int) -> String { "r" + Self.number(index, digits: 6) }
    /// The id of organisation `index`.
    package func organisation(_ index: Int) -> String { "org-" + Self.number(index, digits: 4) }
    /// The id of competence `index`.
    package func competence(_ index: Int) -> String { "c" + Self.number(index, digits: 2) }
    /// The round of a group in a wave, e.g. `2023-03-baseline-g001`.
    package func round(wave: Int, group: Int) -> RoundID {
        let opens = opensOn(wave: wave)
        let month = (opens.month < 10 ? "0" : "") + "\(opens.month)"
        let kind = wave == 0 ? "baseline" : "follow-up"
        return RoundID("\(opens.year)-\(month)-\(kind)-g\(Self.number(group, digits: 3))")
    }
    /// The organisation of person `index`.
    package func organisation(ofPerson index: Int) -> Int { index / shape.personsPerOrganisation }

    /// The day the rounds of a wave open: every six months from 2023-03-01.
    package func opensOn(wave: Int) -> CalendarDate {
        let months = 2 + 6 * wave
        return CalendarDate(year: 2023 + months / 12, month: months % 12 + 1, day: 1)!
    }

    // MARK: Drawn values

    /// A hash of what a value is about: equal inputs, equal draws.
    private func draw(_ parts: Int...) -> UInt64 {
        var generator = SeededGenerator(seed: seed)
        for part in parts { generator = SeededGenerator(seed: generator.next() ^ UInt64(bitPattern: Int64(part))) }
        return generator.next()
    }

    private func chance(_ probability: Double, _ parts: Int...) -> Bool {
        var generator = SeededGenerator(seed: seed)
        for part in parts { generator = SeededGenerator(seed: generator.next() ^ UInt64(bitPattern: Int64(part))) }
        return generator.chance(probability)
    }

    /// What a drawn value is for: part of its hash, so that draws for different purposes differ.
    private enum Purpose: Int {
        case baseLevel = 1
        case improves
        case target
        case noTarget
        case importance
        case noImportance
        case answerDay
        case participates
        case training
        case completes
        case hours
        case role
        case kind
        case size
        case sector
        case region
        case cost
    }

    /// The training a person takes before `wave` (1…), if they take one: its index in their group.
    func training(ofPerson person: Int, wave: Int) -> Int? {
        guard wave > 0, chance(shape.participationShare, Purpose.participates.rawValue, person, wave) else {
            return nil
        }
        return Int(draw(Purpose.training.rawValue, person, wave) % UInt64(shape.trainingsPerGroup))
    }

    /// The competences training `index` of a group targets in a wave: three, spread over the framework.
    func competences(ofTraining index: Int, group: Int, wave: Int) -> [Int] {
        let first = Int(draw(Purpose.training.rawValue, group, wave, index) % UInt64(shape.competences))
        return (0..<min(3, shape.competences)).map { (first + $0 * 7) % shape.competences }
    }

    /// Whether a person completes the training they take before `wave`.
    func completes(person: Int, wave: Int) -> Bool { chance(0.85, Purpose.completes.rawValue, person, wave) }

    /// A person's current level (1–5) on a competence in a wave: a drawn baseline, then each wave a step up
    /// more often for those who completed a training targeting the competence.
    func level(person: Int, competence: Int, wave: Int) -> Int {
        var level = 1 + Int(draw(Purpose.baseLevel.rawValue, person, competence) % 3)
        for step in stride(from: 1, through: wave, by: 1) {
            let group = person / shape.personsPerFile
            let trained =
                training(ofPerson: person, wave: step).map {
                    completes(person: person, wave: step)
                        && competences(ofTraining: $0, group: group, wave: step).contains(competence)
                } ?? false
            if chance(trained ? 0.6 : 0.2, Purpose.improves.rawValue, person, competence, step) {
                level = min(5, level + 1)
            }
        }
        return level
    }

    // MARK: File contents

    private static let sectors = ["metal industry", "plastics", "wood products", "home care", "logistics", "food"]
    private static let regions = ["Päijät-Häme", "Uusimaa", "Varsinais-Suomi", "Etelä-Pohjanmaa", "Kanta-Häme"]

    private func organisations() -> Data {
        var text = "id,name,kind,sector,size_class,region\n"
        for index in 0..<shape.organisations {
            let kind = chance(0.8, Purpose.kind.rawValue, index) ? "enterprise" : "third-sector"
            let size = SizeClass.allCases[Int(draw(Purpose.size.rawValue, index) % 4)].rawValue
            let sector = Self.sectors[Int(draw(Purpose.sector.rawValue, index) % UInt64(Self.sectors.count))]
            let region = Self.regions[Int(draw(Purpose.region.rawValue, index) % UInt64(Self.regions.count))]
            text += "\(organisation(index)),Organisation \(index) Oy,\(kind),\(sector),\(size),\(region)\n"
        }
        return Data(text.utf8)
    }

    private func competences() -> Data {
        var text = "id,name,category,scale_min,scale_max,esco_uri\n"
        let categories = ["digital skills", "production", "leadership", "care", "sales"]
        for index in 0..<shape.competences {
            text += "\(competence(index)),Competence \(index),\(categories[index % categories.count]),1,5,\n"
        }
        return Data(text.utf8)
    }

    private func trainings(wave: Int) -> Data {
        var text = "id,title,provider,kind,competences,cost_eur,hours,procured_on\n"
        let procuredOn = opensOn(wave: wave).adding(days: -150)
        for group in 0..<shape.groups {
            for index in 0..<shape.trainingsPerGroup {
                let targets = competences(ofTraining: index, group: group, wave: wave).map(competence)
                let cost = 1_000 + Int(draw(Purpose.cost.rawValue, group, wave, index) % 9_000)
                text += "\(trainingID(group: group, wave: wave, index: index)),Training \(index) for group \(group),"
                text += "Provider \(index % 3),joint,\(targets.joined(separator: "|")),\(cost),16,\(procuredOn)\n"
            }
        }
        return Data(text.utf8)
    }

    private func trainingID(group: Int, wave: Int, index: Int) -> String {
        "w\(wave)-g\(Self.number(group, digits: 3))-t\(index)"
    }

    private func participation(wave: Int) -> Data {
        var text = "training,respondent,organisation,attended_hours,completed,completed_on,recorded_on\n"
        let completedOn = opensOn(wave: wave).adding(days: -30)
        for person in 0..<shape.persons {
            guard let index = training(ofPerson: person, wave: wave) else { continue }
            let training = trainingID(group: person / shape.personsPerFile, wave: wave, index: index)
            let organisation = organisation(organisation(ofPerson: person))
            if completes(person: person, wave: wave) {
                text += "\(training),\(self.person(person)),\(organisation),16,true,\(completedOn),\n"
            } else {
                let hours = 2 * Int(draw(Purpose.hours.rawValue, person, wave) % 7)
                text += "\(training),\(self.person(person)),\(organisation),\(hours),false,,\(completedOn)\n"
            }
        }
        return Data(text.utf8)
    }

    private func survey(wave: Int, group: Int) -> Data {
        let persons = (group * shape.personsPerFile)..<min(shape.persons, (group + 1) * shape.personsPerFile)
        return survey(
            wave: wave, persons: persons, id: person, organisation: { organisation(organisation(ofPerson: $0)) })
    }

    /// The round of ``newcomersSurvey(rows:)``.
    package static let newcomersRound: RoundID = "newcomers-baseline"

    /// A baseline survey of about `rows` rows (whole persons, every competence) by persons the programme
    /// does not have yet (`n000000`, …), spread over the organisations: the file of the import benchmarks,
    /// the same work in an empty store and in a full one. Import it with `--round newcomers-baseline
    /// --kind baseline`.
    package func newcomersSurvey(rows: Int) -> Data {
        let persons = 0..<max(1, rows / shape.competences)
        return survey(
            wave: 0, persons: persons, id: { "n" + Self.number($0, digits: 6) },
            organisation: { organisation($0 % shape.organisations) })
    }

    private func survey(
        wave: Int, persons: Range<Int>, id personID: (Int) -> String, organisation organisationOf: (Int) -> String
    ) -> Data {
        var text = "respondent,organisation,role,competence,current,target,importance,answered_on\n"
        text.reserveCapacity(persons.count * shape.competences * 40)
        let opens = opensOn(wave: wave)
        for person in persons {
            let id = personID(person)
            let organisation = organisationOf(person)
            let role = PersonRole.allCases[Int(draw(Purpose.role.rawValue, person) % 8) < 6 ? 2 : 1].rawValue
            let answeredOn = opens.adding(days: Int(draw(Purpose.answerDay.rawValue, person, wave) % 21))
            for competence in 0..<shape.competences {
                let current = level(person: person, competence: competence, wave: wave)
                let target =
                    chance(0.1, Purpose.noTarget.rawValue, person, competence, wave)
                    ? "" : "\(min(5, current + 1 + Int(draw(Purpose.target.rawValue, person, competence) % 2)))"
                let importance =
                    chance(0.05, Purpose.noImportance.rawValue, person, competence, wave)
                    ? "" : "\(1 + draw(Purpose.importance.rawValue, person, competence) % 5)"
                text += "\(id),\(organisation),\(role),\(self.competence(competence)),\(current),\(target),"
                text += "\(importance),\(answeredOn)\n"
            }
        }
        return Data(text.utf8)
    }

    /// `value` with leading zeros to `digits` digits.
    private static func number(_ value: Int, digits: Int) -> String {
        let text = String(value)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }
}
