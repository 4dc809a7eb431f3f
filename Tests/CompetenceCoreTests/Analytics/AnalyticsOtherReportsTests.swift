import CompetenceCore
import Foundation
import Testing

@Suite("Analytics: trainings, plans, indicators, practices, timeline")
struct AnalyticsOtherReportsTests {
    @Test func trainingLedgerFiguresAndSpendingPerCompetence() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        try await fixture.enrol("F")
        // t1: joint, 1200.00 EUR, 12 h, excel + lean; six persons of E attend 12,12,12,12,12,10 h = 70 h, five
        // complete → completion 5/6 = 0.833; cost per participant hour 1200/70 = 17.143.
        try await fixture.record(
            TrainingProcured(
                training: "t1", title: "Excel & lean", provider: "LAB", kind: .joint, competences: ["excel", "lean"],
                costCents: 120_000, hours: 12, procuredOn: day("2024-03-01")))
        try await fixture.record(
            TrainingSessionHeld(training: "t1", session: "s1", heldOn: day("2024-04-01"), hours: 6))
        try await fixture.record(
            TrainingSessionHeld(training: "t1", session: "s2", heldOn: day("2024-04-08"), hours: 6))
        for index in 1...6 {
            try await fixture.record(
                ParticipationRecorded(
                    training: "t1", person: PersonID("p\(index)"), organisation: "E",
                    attendedHours: index == 6 ? 10 : 12, completed: index != 6,
                    completedOn: index != 6 ? day("2024-04-08") : nil, recordedOn: day("2024-04-08")))
        }
        // t2: company training for F, 500.00 EUR, 8 h, lean; two participants → participant figures withheld.
        try await fixture.record(
            TrainingProcured(
                training: "t2", title: "Lean at F", provider: "Salpaus", kind: .company, competences: ["lean"],
                costCents: 50_000, hours: 8, procuredOn: day("2024-03-05"), organisations: ["F"]))
        for index in 1...2 {
            try await fixture.record(
                ParticipationRecorded(
                    training: "t2", person: PersonID("q\(index)"), organisation: "F", attendedHours: 8, completed: true,
                    completedOn: day("2024-05-01"), recordedOn: day("2024-05-01")))
        }
        // Disclosure control over all participant cells: t2 (2 persons) is primary. lean (t1 + t2) is published,
        // so t1 goes too (else lean − t1 = t2); excel is then t1 alone and is withheld. By organisation, F (t2's
        // 2 persons) is primary and E its complement (else the participant total − E = F).
        let ledger = try await fixture.reports().trainings
        #expect(ledger.withheld == WithheldCells(primary: 2, complement: 3))
        #expect(
            ledger.tables[0].rows == [
                [
                    "t1", "Excel & lean", "LAB", "joint", "excel|lean", "E", "2024-03-01", "1200.00", "12.000", "2",
                    "12.000", "", "", "", "", "", "true",
                ],
                [
                    "t2", "Lean at F", "Salpaus", "company", "lean", "F", "2024-03-05", "500.00", "8.000", "0", "0.000",
                    "", "", "", "", "", "true",
                ],
            ])
        #expect(
            ledger.tables[1].rows == [
                ["E", "1", "", "", "", "", "true"],
                ["F", "1", "", "", "", "", "true"],
            ])
        // excel: half of t1 → 600.00 EUR, 6 h, t1's six persons. lean: half of t1 + t2 → 1100.00 EUR, 6 + 8 = 14 h,
        // eight persons, seven completed (5 + 2) → 0.875, hours 70 + 16 = 86.
        #expect(
            ledger.tables[2].rows == [
                ["excel", "1", "600.00", "6.000", "", "", "", "", "true"],
                ["lean", "2", "1100.00", "14.000", "8", "7", "0.875", "86.000", "false"],
            ])
    }

    @Test func planActionsAreOverdueRelativeToTheGivenToday() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        let actions = [
            PlanAction(
                action: "a1", competence: "excel", description: PersonalText("Excel course", about: .organisation("E")),
                targetLevel: 4,
                dueOn: day("2024-06-30"), ownerRole: .manager),
            PlanAction(
                action: "a2", competence: "lean", description: PersonalText("Lean pilot", about: .organisation("E")),
                targetLevel: 3, dueOn: day("2024-12-31"),
                ownerRole: .supervisor),
            PlanAction(
                action: "a3", competence: "sales",
                description: PersonalText("Sales coaching", about: .organisation("E")), targetLevel: 4,
                dueOn: day("2024-03-31"), ownerRole: .staff),
        ]
        try await fixture.record(
            DevelopmentPlanAdopted(plan: "plan-e", organisation: "E", adoptedOn: day("2024-02-01"), actions: actions))
        try await fixture.record(
            PlanActionProgressed(plan: "plan-e", action: "a2", status: .inProgress, progressedOn: day("2024-08-01")))
        try await fixture.record(PlanActionCompleted(plan: "plan-e", action: "a3", completedOn: day("2024-04-15")))
        try await fixture.record(
            ForesightWorkshopHeld(
                organisation: "E", workshop: "w1", heldOn: day("2023-11-01"), horizonYear: 2030,
                vision: "Digital shop floor",
                milestones: [Milestone(year: 2026, description: "ERP"), Milestone(year: 2028, description: "Robots")],
                futureNeeds: [FutureNeed(competence: "excel", importance: 5, note: "data")]))

        // a1 still planned and due 06-30 < 09-01: overdue. a2 in progress, due later: not.
        // a3 completed late: not overdue.
        let plans = try await fixture.reports(today: day("2024-09-01")).plans
        #expect(
            plans.tables[0].rows.map { [$0[3], $0[9], $0[10], $0[11]] } == [
                ["a1", "planned", "", "true"], ["a2", "in-progress", "2024-08-01", "false"],
                ["a3", "completed", "2024-04-15", "false"],
            ])
        // On 2025-01-01 a2 is overdue too.
        let later = try await fixture.reports(today: day("2025-01-01")).plans
        #expect(later.actions.map(\.overdue) == [true, true, false])
        #expect(
            plans.tables[1].rows == [["E", "w1", "2023-11-01", "2030", "Digital shop floor", "2026: ERP|2028: Robots"]])
        // Excel is not surveyed: no gap today.
        #expect(plans.tables[2].rows == [["E", "2030", "excel", "5", "", "data"]])
    }

    @Test func indicatorsCountAndWithholdSmallPersonCounts() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E", kind: .enterprise, size: .small)
        try await fixture.enrol("L", kind: .enterprise, size: .large)
        try await fixture.enrol("T", kind: .thirdSector, size: .micro)
        try await fixture.record(OrganisationWithdrawn(organisation: "T", withdrawnOn: day("2024-06-01")))
        // Six persons registered and surveyed in E; two trained (both complete) → persons_trained withheld (2 < 5).
        for index in 1...6 {
            try await fixture.register(PersonID("p\(index)"), in: "E")
            try await fixture.answer("p\(index)", of: "E", in: "r", "excel", current: 3, on: "2024-01-15")
        }
        try await fixture.record(
            TrainingProcured(
                training: "t1", title: "Excel", provider: "LAB", kind: .joint, competences: ["excel"],
                costCents: 120_050, hours: 12, procuredOn: day("2024-03-01")))
        try await fixture.record(
            TrainingProcured(
                training: "t2", title: "Lean", provider: "LAB", kind: .company, competences: ["lean"],
                costCents: 50_000, hours: 8, procuredOn: day("2024-03-01"), organisations: ["E"]))
        for index in 1...2 {
            try await fixture.record(
                ParticipationRecorded(
                    training: "t1", person: PersonID("p\(index)"), organisation: "E", attendedHours: 12,
                    completed: true, recordedOn: day("2024-04-01")))
        }
        try await fixture.record(
            ForumMeetingHeld(
                programme: "lossi", meeting: "m1", heldOn: day("2024-02-01"),
                stakeholders: [
                    Stakeholder(kind: .company, name: PersonalText("E", about: .organisation("E")), organisation: "E"),
                    Stakeholder(
                        kind: .educationalInstitution, name: PersonalText("Salpaus", about: .organisation("salpaus"))),
                    Stakeholder(kind: .employmentServices, name: PersonalText("TE", about: .organisation("te"))),
                ]))
        try await fixture.record(
            ForumMeetingHeld(
                programme: "lossi", meeting: "m2", heldOn: day("2024-09-01"),
                stakeholders: [
                    Stakeholder(
                        kind: .educationalInstitution, name: PersonalText("Salpaus", about: .organisation("salpaus"))),
                    Stakeholder(kind: .educationalInstitution, name: PersonalText("LAB", about: .organisation("lab"))),
                ]))
        try await fixture.record(
            PilotStarted(
                pilot: "pi", organisation: "T", theme: "well-being", startedOn: day("2024-02-01"), employeesInvolved: 4)
        )
        try await fixture.record(
            PilotCompleted(pilot: "pi", completedOn: day("2024-05-01"), employeesInvolved: 6, outcome: "done"))
        try await fixture.record(
            GoodPracticeDocumented(
                practice: "gp", title: "Skills wall", theme: "competence management", origin: "E", summary: "A wall",
                documentedOn: day("2024-05-01")))
        try await fixture.record(
            GoodPracticePublished(practice: "gp", catalogue: "SoteNavi", publishedOn: day("2024-05-10")))
        try await fixture.record(GoodPracticeAdopted(practice: "gp", organisation: "L", adoptedOn: day("2024-06-01")))

        let indicators = try await fixture.reports().indicators
        #expect(indicators.organisations == 3)
        #expect(indicators.organisationsEnterprise == 2)
        #expect(indicators.organisationsThirdSector == 1)
        #expect(indicators.smes == 1)  // the large enterprise is not an SME, the third-sector one not an enterprise
        #expect(indicators.organisationsWithdrawn == 1)
        #expect(indicators.personsInvolved == 6)
        #expect(indicators.personsSurveyed == 6)
        #expect(indicators.trainingParticipants == nil)
        #expect(indicators.personsTrained == nil)
        #expect(indicators.participantHours == nil)
        #expect(indicators.suppressed == ["participant_hours", "persons_trained", "training_participants"])
        #expect(indicators.trainings == 2)
        #expect(indicators.trainingsJoint == 1)
        #expect(indicators.trainingHours == 20)
        #expect(indicators.moneySpentEur == Decimal(string: "1700.50"))  // 1200.50 + 500.00
        #expect(indicators.forumMeetings == 2)
        // Distinct stakeholders by kind: company {E}, educational {Salpaus, LAB}, employment {TE}.
        #expect(
            indicators.forumStakeholdersByKind == [
                "company": 1, "educational-institution": 2, "employment-services": 1,
            ])
        #expect(indicators.pilotEmployeesInvolved == 6)
        #expect(indicators.goodPracticesPublished == 1)
        #expect(indicators.goodPracticeAdoptions == 1)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try JSONSerialization.jsonObject(with: encoder.encode(indicators)) as! [String: Any]
        // Every indicator has its field, withheld ones as null.
        #expect(Set(json.keys) == Set(ProgrammeIndicators.CodingKeys.allCases.map(\.stringValue)))
        #expect(json["persons_trained"] is NSNull)
        #expect(json["persons_surveyed"] as? Int == 6)
        #expect((json["provenance"] as? [String: Any])?["minimum_group_size"] as? Int == 5)
    }

    @Test func practiceCatalogueSearchesByThemeAndText() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.record(
            GoodPracticeDocumented(
                practice: "gp1", title: "Osaamisseinä", theme: "Osaamisen johtaminen", origin: "E",
                summary: "Skills matrix on the wall", documentedOn: day("2024-05-01")))
        try await fixture.record(
            GoodPracticeDocumented(
                practice: "gp2", title: "Hyvinvointikävely", theme: "Työhyvinvointi", origin: "T",
                summary: "Walking meetings", documentedOn: day("2024-05-02")))
        try await fixture.record(
            GoodPracticePublished(
                practice: "gp2", catalogue: "SoteNavi", publishedOn: day("2024-05-10"), link: "https://example.org/gp2")
        )
        try await fixture.record(GoodPracticeAdopted(practice: "gp2", organisation: "E", adoptedOn: day("2024-06-01")))
        try await fixture.record(GoodPracticeAdopted(practice: "gp2", organisation: "A", adoptedOn: day("2024-06-02")))
        try await fixture.record(
            GoodPracticeAdoptedOutside(
                practice: "gp2",
                adopter: OutsideOrganisation(name: "Outside Oy", kind: .enterprise, sector: "care", region: "Uusimaa"),
                adoptedOn: day("2024-06-03")))
        let catalogue = try await fixture.reports().practices
        #expect(catalogue.practices.map(\.practice) == ["gp1", "gp2"])
        #expect(
            catalogue.tables[0].row("gp2") == [
                "practice": "gp2", "title": "Hyvinvointikävely", "theme": "Työhyvinvointi", "origin": "T",
                "documented_on": "2024-05-02",
                "catalogue": "SoteNavi", "published_on": "2024-05-10", "link": "https://example.org/gp2",
                "adoptions": "2",
                "adopted_by": "A|E", "summary": "Walking meetings", "outside_adoptions": "1",
                "outside_adopted_by": "Outside Oy",
            ])
        // case and diacritics ignored
        #expect(catalogue.search(theme: "tyohyvinvointi").practices.map(\.practice) == ["gp2"])
        #expect(catalogue.search(text: "WALL").practices.map(\.practice) == ["gp1"])
        #expect(catalogue.search(text: "osaamis").practices.map(\.practice) == ["gp1"])
        #expect(catalogue.search(publishedOnly: true).practices.map(\.practice) == ["gp2"])
        #expect(catalogue.search(theme: "Työhyvinvointi", text: "wall").practices.isEmpty)
        #expect(catalogue.themes == ["Osaamisen johtaminen", "Työhyvinvointi"])
    }

    @Test func timelineListsOrganisationEventsInTimeOrderWithoutAnswersOrVoidedEvents() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.record(
            OrganisationEnrolled(
                organisation: "E", name: "Eka Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                region: "Päijät-Häme", enrolledOn: day("2023-09-01")))
        try await fixture.record(
            OrganisationEnrolled(
                organisation: "V", name: "Vieras Oy", kind: .enterprise, sector: "metal", sizeClass: .micro,
                region: "Päijät-Häme", enrolledOn: day("2023-09-02")))
        try await fixture.record(
            ForesightWorkshopHeld(
                organisation: "E", workshop: "w1", heldOn: day("2023-11-01"), horizonYear: 2030, vision: "Digital",
                milestones: [], futureNeeds: []))
        // Recorded after the workshop but happened before it: the timeline follows the day it happened.
        try await fixture.record(
            ManagementInterviewHeld(
                organisation: "E", interview: "i1", heldOn: day("2023-10-01"), intervieweeRoles: [.manager],
                identifiedNeeds: [
                    IdentifiedNeed(competence: "lean", priority: 2), IdentifiedNeed(competence: "excel", priority: 1),
                ]))
        try await fixture.answer("p1", of: "E", in: "r", "excel", current: 2, on: "2023-10-15")
        let mistaken = try await fixture.record(
            SparringVisitHeld(organisation: "E", heldOn: day("2023-12-01"), topics: ["plans"]))
        try await fixture.record(
            EventVoided(
                voidedEventID: mistaken, voidedStream: OrganisationID("E").stream, voidedOn: day("2023-12-02"),
                reason: "duplicate"))
        try await fixture.record(
            CompanyVisitMade(
                host: "V", visitors: ["E"], visitedOn: day("2024-03-01"), practicesObserved: ["skills wall"]))

        let reports = try await fixture.reports()
        let timeline = try reports.timeline(for: "E")
        #expect(timeline.tables[0].columns == ["occurred_on", "recorded_on", "position", "type", "summary"])
        #expect(
            timeline.entries.map(\.type) == [
                "OrganisationEnrolled", "ManagementInterviewHeld", "ForesightWorkshopHeld", "CompanyVisitMade",
            ])
        #expect(
            timeline.entries.map(\.occurredOn) == [
                day("2023-09-01"), day("2023-10-01"), day("2023-11-01"), day("2024-03-01"),
            ])
        #expect(timeline.entries[1].summary == "Management interview i1 (manager): needs excel, lean")
        #expect(timeline.entries[3].summary == "Company visit to V by E; saw skills wall")
        #expect(try reports.timeline(for: "V").entries.map(\.type) == ["OrganisationEnrolled", "CompanyVisitMade"])
        #expect(throws: AnalyticsError.unknownOrganisation("nobody")) { try reports.timeline(for: "nobody") }
    }
}
