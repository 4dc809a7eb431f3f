import CompetenceCore
import Crypto
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import CompetenceImport

/// Every import kind's happy path on the programme's files: the events each file records, field by field,
/// their provenance, one atomic recording per file, and a repeat that adds nothing.
@Suite("CSV import: the five kinds")
struct ImportKindsTests {
    @Test("organisations: one OrganisationEnrolled per row; a quoted comma stays in the name")
    func organisations() async throws {
        let workspace = try ImportWorkspace()
        let outcome = try await workspace.run(OrganisationsImport(), "organisations.csv")
        #expect(outcome.rows == 2 && outcome.events == 2 && !outcome.alreadyImported && outcome.lastPosition == 2)
        let enrolled = try await workspace.typed().compactMap { event -> OrganisationEnrolled? in
            guard case .organisationEnrolled(let enrolled) = event else { return nil }
            return enrolled
        }
        #expect(
            enrolled == [
                OrganisationEnrolled(
                    organisation: "acme", name: "Acme Metal, Oy", kind: .enterprise, sector: "metal industry",
                    sizeClass: .small, region: "Päijät-Häme"),
                OrganisationEnrolled(
                    organisation: "koti", name: "Kotihoito ry", kind: .thirdSector, sector: "home care",
                    sizeClass: .micro, region: "Päijät-Häme"),
            ])
    }

    @Test("competences: a `;` file with a BOM; a quoted `;` stays in the name; an empty ESCO cell is nil")
    func competences() async throws {
        let workspace = try ImportWorkspace()
        let outcome = try await workspace.run(CompetenceDefinitionsImport(), "competences.csv")
        #expect(outcome.rows == 2 && outcome.events == 2)
        let defined = try await workspace.typed().compactMap { event -> CompetenceDefined? in
            guard case .competenceDefined(let defined) = event else { return nil }
            return defined
        }
        #expect(
            defined == [
                CompetenceDefined(
                    competence: "excel", name: "Excel", category: "digital skills",
                    scale: LevelScale(minimum: 1, maximum: 5)),
                CompetenceDefined(
                    competence: "lean", name: "Lean; continuous improvement", category: "production",
                    scale: LevelScale(minimum: 1, maximum: 5),
                    escoURI: "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"),
            ])
    }

    @Test("survey (long): opens the round, registers new respondents with their role, records every answer")
    func survey() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        let outcome = try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        #expect(outcome.rows == 4 && outcome.events == 1 + 3 + 4 && outcome.lastPosition == 12)
        #expect(
            outcome.summary(storeName: "file:x.store")
                == "\(workspace.path("baseline.csv")): 4 rows → 8 events recorded in file:x.store (last position 12)")
        let events = try await workspace.typed().dropFirst(4)
        guard case .surveyRoundOpened(let opened) = events.first else {
            Issue.record("the round is not opened first: \(String(describing: events.first))")
            return
        }
        #expect(
            opened
                == SurveyRoundOpened(
                    round: "2024-baseline", kind: .baseline, organisations: ["acme", "koti"],
                    competences: ["excel", "lean"], opensOn: CalendarDate(year: 2024, month: 1, day: 10)!))
        let registered = events.compactMap { event -> PersonRegistered? in
            guard case .personRegistered(let registered) = event else { return nil }
            return registered
        }
        #expect(
            registered == [
                PersonRegistered(person: "p1", organisation: "acme", role: .staff),
                PersonRegistered(person: "p2", organisation: "acme", role: .manager),
                PersonRegistered(person: "p3", organisation: "koti", role: .staff),
            ])
        let answers = events.compactMap { event -> SurveyAnswerRecorded? in
            guard case .surveyAnswerRecorded(let answer) = event else { return nil }
            return answer
        }
        #expect(answers.count == 4)
        #expect(
            answers[1]
                == SurveyAnswerRecorded(
                    round: "2024-baseline", respondent: "p1", organisation: "acme", competence: "lean", current: 1,
                    target: 3, importance: nil, answeredOn: CalendarDate(year: 2024, month: 1, day: 10)!))
        #expect(answers.map(\.current) == [2, 1, 3, 1])
        #expect(answers.allSatisfy { $0.rater == .`self` })

        // The follow-up round knows its respondents already: only the round and the answers.
        let followUp = try await workspace.run(ImportWorkspace.followUp, "followup.csv")
        #expect(followUp.events == 1 + 4)
    }

    @Test("trainings: a quoted line break in the title, `|` lists, a decimal comma in the cost")
    func trainings() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(TrainingsImport(), "trainings.csv")
        guard case .trainingProcured(let training) = try await workspace.typed().last else {
            Issue.record("no training recorded")
            return
        }
        #expect(
            training
                == TrainingProcured(
                    training: "t1", title: "Excel for\nproduction planning", provider: "Salpaus", kind: .joint,
                    competences: ["excel", "lean"], costCents: 150_050, hours: 12,
                    procuredOn: CalendarDate(year: 2024, month: 2, day: 1)!))
    }

    @Test("trainings: the optional needs column names the needs a training answers")
    func trainingNeeds() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try workspace.directory.write(
            "needs.csv",
            "id,title,provider,kind,competences,cost_eur,hours,procured_on,needs\n"
                + "t9,Excel,Salpaus,joint,excel|lean,100,4,2024-02-01, acme:excel:survey-gap | koti:lean:survey-gap \n"
                + "t8,Lean,Salpaus,joint,lean,100,4,2024-02-01,\n")
        try await workspace.run(TrainingsImport(), "needs.csv")
        let trainings = try await workspace.typed().compactMap { event -> TrainingProcured? in
            guard case .trainingProcured(let training) = event else { return nil }
            return training
        }
        #expect(
            trainings.first { $0.training == "t9" }?.needs == [
                NeedReference(organisation: "acme", competence: "excel", origin: .surveyGap),
                NeedReference(organisation: "koti", competence: "lean", origin: .surveyGap),
            ])
        #expect(trainings.first { $0.training == "t8" }?.needs == nil, "an empty needs cell names none")
    }

    @Test("a file saved with CRLF line ends: a quoted line break is a line feed, no carriage return is recorded")
    func crlf() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        let text = ProgrammeFiles.trainings.replacingOccurrences(of: "\n", with: "\r\n")
        try workspace.directory.write("trainings-crlf.csv", text)
        try await workspace.run(TrainingsImport(), "trainings-crlf.csv")
        guard case .trainingProcured(let training) = try await workspace.typed().last else {
            Issue.record("no training recorded")
            return
        }
        #expect(training.title == "Excel for\nproduction planning")
    }

    @Test("participation: completed and not completed; recorded_on stands in for a missing completion day")
    func participation() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importAll()
        let recorded = try await workspace.typed().compactMap { event -> ParticipationRecorded? in
            guard case .participationRecorded(let participation) = event else { return nil }
            return participation
        }
        #expect(
            recorded == [
                ParticipationRecorded(
                    training: "t1", person: "p1", organisation: "acme", attendedHours: 12, completed: true,
                    completedOn: CalendarDate(year: 2024, month: 3, day: 1)!,
                    recordedOn: CalendarDate(year: 2024, month: 3, day: 1)!),
                ParticipationRecorded(
                    training: "t1", person: "p3", organisation: "koti", attendedHours: 6, completed: false,
                    completedOn: nil, recordedOn: CalendarDate(year: 2024, month: 2, day: 20)!),
            ])
    }

    @Test("the whole programme: 20 events of the expected types, one atomic append per file")
    func wholeProgramme() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importAll()
        let events = try await workspace.recorded()
        let counts = Dictionary(grouping: events, by: \.type).mapValues(\.count)
        #expect(
            counts == [
                "OrganisationEnrolled": 2, "CompetenceDefined": 2, "SurveyRoundOpened": 2, "PersonRegistered": 3,
                "SurveyAnswerRecorded": 8, "TrainingProcured": 1, "ParticipationRecorded": 2,
            ])
        // One recording per file: each file's events share one correlation id, and no two files share one.
        let correlations = events.map { $0.metadata.correlationID }
        #expect(correlations.allSatisfy { $0 != nil })
        let files = events.map { $0.metadata.origin?.source ?? "" }
        var firstFile: [UUID: String] = [:]
        for (correlation, file) in zip(correlations.compactMap { $0 }, files) {
            #expect(firstFile[correlation, default: file] == file)
            firstFile[correlation] = file
        }
        #expect(Set(firstFile.values).count == 6 && firstFile.count == 6)
    }

    @Test("every event carries its file name, data row, the file's SHA-256 and who recorded it")
    func provenance() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importAll()
        let answers = try await workspace.recorded().filter { $0.type == "SurveyAnswerRecorded" }
        let baselineHash = SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: workspace.path("baseline.csv"))))
            .map { String(format: "%02x", $0) }.joined()
        for (index, answer) in answers.prefix(4).enumerated() {
            #expect(
                answer.metadata.origin == EventOrigin(source: "baseline.csv", row: index + 1, contentHash: baselineHash)
            )
            #expect(answer.metadata.recordedBy == "analyst")
        }
        #expect(answers[4].metadata.origin?.source == "followup.csv")
        #expect(answers[4].metadata.origin?.contentHash != baselineHash)
        #expect(Set(answers.prefix(4).map(\.metadata.correlationID)).count == 1)
        #expect(answers[4].metadata.correlationID != answers[0].metadata.correlationID)

        // The hash covers the bytes as they are, byte order mark included.
        let competences = try await workspace.recorded().first { $0.type == "CompetenceDefined" }
        var withBOM = Data([0xEF, 0xBB, 0xBF])
        withBOM.append(Data(ProgrammeFiles.competences.utf8))
        #expect(
            competences?.metadata.origin?.contentHash
                == SHA256.hash(data: withBOM).map { String(format: "%02x", $0) }.joined())
    }

    @Test("event ids follow from the file's bytes: the same file gives the same ids in another store")
    func deterministicIDs() async throws {
        let first = try ImportWorkspace()
        let second = try ImportWorkspace()
        try await first.importAll()
        try await second.importAll()
        #expect(try await first.recorded().map(\.id) == (try await second.recorded().map(\.id)))
        #expect(Set(try await first.recorded().map(\.id)).count == 20)
    }

    @Test("re-importing any file adds nothing and says so, pointing at where its events were recorded")
    func reimport() async throws {
        let workspace = try ImportWorkspace()
        let files: [(any CSVImportKind, String)] = [
            (OrganisationsImport(), "organisations.csv"), (CompetenceDefinitionsImport(), "competences.csv"),
            (ImportWorkspace.baseline, "baseline.csv"), (ImportWorkspace.followUp, "followup.csv"),
            (TrainingsImport(), "trainings.csv"), (ParticipationImport(), "participation.csv"),
        ]
        var first: [Int64] = []
        for (kind, file) in files {
            let outcome = try await workspace.run(kind, file)
            #expect(!outcome.alreadyImported, "\(file)")
            first.append(outcome.lastPosition)
        }
        #expect(first == [2, 4, 12, 17, 18, 20])
        let baseline = try await workspace.importer.run(ImportWorkspace.baseline, file: workspace.path("baseline.csv"))
        #expect(
            baseline.summary(storeName: "memory:")
                == "\(workspace.path("baseline.csv")): already imported (same content); nothing added")
        let before = try await workspace.recorded()
        var again: [Int64] = []
        for (kind, file) in files {
            let outcome = try await workspace.run(kind, file)
            #expect(outcome.alreadyImported, "\(file)")
            again.append(outcome.lastPosition)
        }
        // A repeated survey no longer opens its round or registers its respondents: its answers alone are
        // recognised, and the baseline's answers were appended with their round's stream, before the persons.
        #expect(again == [2, 4, 9, 17, 18, 20])
        #expect(try await workspace.recorded() == before)
    }

    @Test("progress counts the rows of the file, by file name")
    func progress() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        workspace.progress.calls.withLock { $0.removeAll() }
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        let calls = workspace.progress.all
        #expect(calls.map(\.file) == Array(repeating: "baseline.csv", count: 4))
        #expect(calls.map(\.done) == [1, 2, 3, 4])
        #expect(calls.allSatisfy { $0.total == 4 })
    }
}
