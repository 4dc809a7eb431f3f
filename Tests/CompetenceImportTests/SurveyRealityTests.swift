import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceImport

/// Survey data as it really arrives (issue 11): unfinished participation without a day, duplicate submissions,
/// raters and the then-test, size classes written as bands or head counts.
@Suite("Survey data as it arrives")
struct SurveyRealityTests {
    static let participationHeader = "training,respondent,organisation,attended_hours,completed,completed_on\n"
    static let longHeader = "respondent,organisation,role,competence,current,target,importance,answered_on\n"

    private func reports(_ workspace: ImportWorkspace, rater: Rater = .`self`) async throws -> AnalyticsReports {
        try await AnalyticsReports.replay(
            workspace.store,
            options: AnalyticsOptions(today: CalendarDate("2024-12-31")!, minimumGroupSize: 1, rater: rater))
    }

    private func participations(_ workspace: ImportWorkspace) async throws -> [ParticipationRecorded] {
        try await workspace.typed().compactMap {
            if case .participationRecorded(let event) = $0 { return event }
            return nil
        }
    }

    // MARK: Unfinished participation

    @Test("an unfinished row without a day imports with the documented columns: its day is the procurement day")
    func unfinishedWithoutDay() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        try await workspace.run(TrainingsImport(), "trainings.csv")
        try workspace.directory.write(
            "unfinished.csv", Self.participationHeader + "t1,p1,acme,12,true,2024-03-01\nt1,p2,acme,3,false,\n")
        let outcome = try await workspace.run(ParticipationImport(), "unfinished.csv")
        #expect(outcome.events == 2)
        let recorded = try await participations(workspace)
        let unfinished = try #require(recorded.first { $0.person == "p2" })
        #expect(!unfinished.completed && unfinished.completedOn == nil)
        #expect(unfinished.recordedOn == CalendarDate("2024-02-01"), "t1 has no session: its procurement day")
        let trainings = try await reports(workspace).trainings
        let row = try #require(trainings.trainings.first { $0.training == "t1" }).participation
        #expect(row.participants == 2 && row.completed == 1, "attended, not completed")
    }

    @Test("an unfinished row's day is the training's last session held when it has sessions")
    func unfinishedAfterSessions() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        try await workspace.run(TrainingsImport(), "trainings.csv")
        let ledger = CompetenceLedger(store: workspace.store, recordedBy: "analyst")
        for (session, day) in [("s1", "2024-02-10"), ("s2", "2024-03-05"), ("s3", "2024-02-20")] {
            try await ledger.record(
                TrainingSessionHeld(training: "t1", session: session, heldOn: CalendarDate(day)!, hours: 4))
        }
        try workspace.directory.write("unfinished.csv", Self.participationHeader + "t1,p2,acme,3,false,\n")
        try await workspace.run(ParticipationImport(), "unfinished.csv")
        let unfinished = try #require(try await participations(workspace).first)
        #expect(unfinished.recordedOn == CalendarDate("2024-03-05"))
    }

    // MARK: Duplicate submissions

    @Test("within a file the later answer supersedes the earlier, as a correction; the summary counts it")
    func duplicateWithinFile() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        // p1 answers excel twice: the later day wins although its row comes first; p2 twice on one day: the
        // later row wins.
        try workspace.directory.write(
            "twice.csv",
            Self.longHeader + "p1,acme,staff,excel,4,4,5,2024-09-12\np1,acme,staff,excel,3,4,5,2024-09-10\n"
                + "p2,acme,manager,excel,2,4,4,2024-09-11\np2,acme,manager,excel,5,5,4,2024-09-11\n")
        let outcome = try await workspace.run(ImportWorkspace.followUp, "twice.csv")
        #expect(outcome.superseded == 2)
        #expect(outcome.summary(storeName: "memory:").contains("2 answers superseded an earlier answer"))
        let events = try await workspace.typed()
        let corrections = events.compactMap {
            if case .surveyAnswerCorrected(let event) = $0 { return event }
            return nil
        }
        #expect(corrections.count == 2)
        let state = try await CompetenceLedger(store: workspace.store).state()
        let followUps = state.answers.filter { $0.event.round == "2024-follow-up" }
        #expect(followUps.count == 2, "history keeps both submissions; the state counts one answer each")
        let p1 = try #require(followUps.first { $0.event.respondent == "p1" })
        #expect(p1.event.current == 4 && p1.event.answeredOn == CalendarDate("2024-09-12"))
        let p2 = try #require(followUps.first { $0.event.respondent == "p2" })
        #expect(p2.event.current == 5)
        // The same file again is recognised as the same import.
        #expect(try await workspace.run(ImportWorkspace.followUp, "twice.csv").alreadyImported)
    }

    @Test("across files of a round the later answer supersedes; an older one is not recorded; refuse refuses")
    func duplicateAcrossFiles() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        try await workspace.run(ImportWorkspace.followUp, "followup.csv")
        try workspace.directory.write("late.csv", Self.longHeader + "p1,acme,staff,excel,5,5,5,2024-09-20\n")
        let strict = SurveyImport(
            round: "2024-follow-up", roundKind: .followUp, format: .automatic(questions: nil), duplicates: .refuse)
        try await workspace.rowRefusal(
            strict, "late.csv", row: 1, column: "competence", value: "excel", saying: "is already answered by 'p1'")
        let late = try await workspace.run(ImportWorkspace.followUp, "late.csv")
        #expect(late.superseded == 1 && late.events == 1)
        try workspace.directory.write("early.csv", Self.longHeader + "p1,acme,staff,excel,1,5,5,2024-09-01\n")
        let early = try await workspace.run(ImportWorkspace.followUp, "early.csv")
        #expect(early.events == 0 && early.outdated == 1)
        let effect = try await reports(workspace).effect
        let row = try #require(effect.rows.first { $0.population == .organisation("acme") && $0.competence == "excel" })
        // p1: 2 → 5 (the latest answer), p2: 3 → 3.
        #expect(row.pairedCount == 2 && row.meanChange == 1.5)
    }

    // MARK: Raters and the then-test

    @Test("a self baseline and a manager follow-up are never paired; each rater's report reads its own answers")
    func ratersNeverPair() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        try workspace.directory.write(
            "manager.csv", Self.longHeader.dropLast() + ",rater\n" + "p1,acme,staff,excel,4,4,5,2024-09-10,manager\n")
        try await workspace.run(ImportWorkspace.followUp, "manager.csv")
        for rater in [Rater.`self`, .manager] {
            let effect = try await reports(workspace, rater: rater).effect
            #expect(effect.rows.allSatisfy { ($0.pairedCount ?? 0) == 0 }, "\(rater)")
        }
        let everyRater = try await AnalyticsReports.replay(
            workspace.store,
            options: AnalyticsOptions(today: CalendarDate("2024-12-31")!, minimumGroupSize: 1, rater: nil))
        #expect(everyRater.effect.rows.allSatisfy { ($0.pairedCount ?? 0) == 0 })
        // The manager's follow-up by --rater: the same answer is now a pair with a manager baseline.
        try workspace.directory.write("manager-base.csv", Self.longHeader + "p1,acme,staff,excel,1,4,5,2024-01-15\n")
        try await workspace.run(
            SurveyImport(
                round: "2024-baseline", roundKind: .baseline, format: .automatic(questions: nil), rater: .manager),
            "manager-base.csv")
        let manager = try await reports(workspace, rater: .manager).effect
        let row = try #require(
            manager.rows.first { $0.population == .organisation("acme") && $0.competence == "excel" })
        #expect(row.pairedCount == 1 && row.meanChange == 3)
        let own = try await reports(workspace)
        #expect(own.effect.rows.allSatisfy { ($0.pairedCount ?? 0) == 0 })
        // The matrix sets self-assessments beside the managers' ratings: p1 and p2 rated themselves (2, 3), the
        // manager rated p1 (latest 4).
        let side = try #require(
            own.matrix.raters.first { $0.population == .organisation("acme") && $0.competence == "excel" })
        #expect(side.respondents == [.`self`: 2, .manager: 1] && side.meanCurrent == [.`self`: 2.5, .manager: 4])
        #expect(own.matrix.tables.contains { $0.name == "raters" })
    }

    @Test("then-test answers are not levels; the effect report puts their estimate beside pre → post")
    func thenTest() async throws {
        let workspace = try ImportWorkspace()
        try await workspace.importReferenceData()
        try await workspace.run(ImportWorkspace.baseline, "baseline.csv")
        try await workspace.run(ImportWorkspace.followUp, "followup.csv")
        let before = try await reports(workspace)
        #expect(!before.effect.tables.contains { $0.name == "then-test" })
        #expect(before.matrix.raters.isEmpty && !before.matrix.tables.contains { $0.name == "raters" })
        try workspace.directory.write(
            "then.csv",
            Self.longHeader.dropLast() + ",perspective\n" + "p1,acme,staff,excel,1,,,2024-09-10,retrospective-pre\n"
                + "p2,acme,manager,excel,2,,,2024-09-11,retrospective-pre\n")
        try await workspace.run(ImportWorkspace.followUp, "then.csv")
        let after = try await reports(workspace)
        #expect(after.effect.rows == before.effect.rows, "then-test answers change no pre → post figure")
        #expect(after.matrix.rows == before.matrix.rows)
        let row = try #require(after.effect.thenTest.first { $0.population == .organisation("acme") })
        // p1: 1 → 4 (pre → post 2 → 4), p2: 2 → 3 (3 → 3).
        #expect(row.count == 2 && row.thenTestChange == 2 && row.prePostChange == 1)
        #expect(after.effect.tables.contains { $0.name == "then-test" })
        // A then-test answer belongs to a follow-up round.
        try await workspace.rowRefusal(
            ImportWorkspace.baseline, "then-base.csv",
            Self.longHeader.dropLast() + ",perspective\n" + "p1,acme,staff,excel,1,,,2024-01-10,retrospective-pre\n",
            row: 1, column: "perspective", value: "retrospective-pre", saying: "is a then-test rating")
    }

    // MARK: Size classes

    @Test(
        "size classes from a band (hyphen or en dash), a head count or a word",
        arguments: [
            ("1-9", SizeClass.micro), ("10–49", .small), ("50 - 249", .medium), ("250+", .large), ("37", .small),
            ("4", .micro), ("1200", .large), ("pieni", .small), ("Medium", .medium), ("20-49 henkilöä", .small),
        ])
    func sizeClasses(text: String, expected: SizeClass) async throws {
        let workspace = try ImportWorkspace()
        try workspace.directory.write(
            "orgs.csv", "id,name,kind,sector,size_class,region\nacme,Acme,enterprise,metal,\(text),Häme\n")
        try await workspace.run(OrganisationsImport(), "orgs.csv")
        let enrolled = try await workspace.typed().compactMap {
            if case .organisationEnrolled(let event) = $0 { return event }
            return nil
        }
        #expect(enrolled.map(\.sizeClass) == [expected])
    }
}
