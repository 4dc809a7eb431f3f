import Foundation
import Testing

@testable import CompetenceCore

/// One refused recording: events recorded first (valid), then the call that must fail at `field`/`value`.
struct RefusedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var before: [any LedgerEvent] = []
    var events: [any LedgerEvent]
    var index = 0
    var field: String
    var value: String
    var testDescription: String { name }

    init(
        _ name: String, before: [any LedgerEvent] = [], _ event: any LedgerEvent, field: String, value: String
    ) {
        self.name = name
        self.before = before
        self.events = [event]
        self.field = field
        self.value = value
    }

    init(_ name: String, batch: [any LedgerEvent], index: Int, field: String, value: String) {
        self.name = name
        self.events = batch
        self.index = index
        self.field = field
        self.value = value
    }
}

private let unknownID = fixedID(999)
private let plan1 = PlanID("plan1")

/// Participant data of `person` at `stage` on `recorded`.
private func participantData(
    _ person: PersonID, _ stage: ParticipantStage, _ recorded: String, disadvantages: [DisadvantageFlag] = []
) -> ParticipantDataRecorded {
    ParticipantDataRecorded(
        person: person, stage: stage, recordedOn: day(recorded),
        profile: ParticipantProfile(
            gender: .female, ageBand: .from25To54, education: .isced3To4, labourStatus: .employed,
            disadvantages: disadvantages))
}

/// An organisation outside the programme.
private func outsider(name: String = "Kotiranta Hoiva", region: String = "Kymenlaakso") -> OutsideOrganisation {
    OutsideOrganisation(name: name, kind: .enterprise, sector: "elderly care", region: region)
}

/// A plan action of acme's for excel, naming `training` and `need`.
private func action(training: TrainingID? = nil, need: NeedOrigin? = nil) -> PlanAction {
    PlanAction(
        action: "a1", competence: "excel", description: PersonalText("Excel", about: .organisation("acme")),
        targetLevel: 4, dueOn: day("2025-03-31"), ownerRole: .supervisor, training: training, need: need)
}

/// Every recorder check of `Docs/Event-Catalogue.md`, each refused with its field and value, and nothing appended.
let refusedCases: [RefusedCase] = [
    // Levels and ratings
    RefusedCase("current level above the scale", LedgerFixture.answer { $0.current = 6 }, field: "current", value: "6"),
    RefusedCase("current level below the scale", LedgerFixture.answer { $0.current = 0 }, field: "current", value: "0"),
    RefusedCase("target level off the scale", LedgerFixture.answer { $0.target = 9 }, field: "target", value: "9"),
    RefusedCase(
        "level off a 0–3 scale",
        LedgerFixture.answer {
            $0.competence = "safety"
            $0.current = 4
        }, field: "current",
        value: "4"),
    RefusedCase("importance outside 1–5", LedgerFixture.answer { $0.importance = 7 }, field: "importance", value: "7"),
    RefusedCase(
        "feedback score outside 1–5", TrainingFeedbackGiven(training: "t1", score: 6, givenOn: day("2024-02-01")),
        field: "score", value: "6"),
    RefusedCase(
        "plan action target off the scale",
        DevelopmentPlanAdopted(
            plan: "plan2", organisation: "acme", adoptedOn: day("2024-10-01"),
            actions: [
                PlanAction(
                    action: "x", competence: "excel", description: PersonalText("d", about: .organisation("acme")),
                    targetLevel: 7, dueOn: day("2025-01-31"),
                    ownerRole: .manager)
            ]), field: "actions[0].targetLevel", value: "7"),
    RefusedCase(
        "interview need priority below 1",
        ManagementInterviewHeld(
            organisation: "acme", interview: "i1", heldOn: day("2023-10-01"), intervieweeRoles: [.manager],
            identifiedNeeds: [IdentifiedNeed(competence: "excel", priority: 0)]),
        field: "identifiedNeeds[0].priority", value: "0"),
    RefusedCase(
        "future need importance outside 1–5",
        ForesightWorkshopHeld(
            organisation: "acme", workshop: "w1", heldOn: day("2023-11-01"), horizonYear: 2030, vision: "v",
            milestones: [], futureNeeds: [FutureNeed(competence: "lean", importance: 9)]),
        field: "futureNeeds[0].importance", value: "9"),
    RefusedCase(
        "scale with minimum above maximum",
        CompetenceFrameworkDefined(framework: "fw2", name: "Bad", scale: LevelScale(minimum: 5, maximum: 1)),
        field: "scale", value: "5–1"),

    // Unknown references
    RefusedCase("unknown round", LedgerFixture.answer { $0.round = "r9" }, field: "round", value: "r9"),
    RefusedCase("unknown respondent", LedgerFixture.answer { $0.respondent = "p9" }, field: "respondent", value: "p9"),
    RefusedCase(
        "unknown organisation", LedgerFixture.answer { $0.organisation = "zzz" }, field: "organisation", value: "zzz"),
    RefusedCase(
        "unknown competence", LedgerFixture.answer { $0.competence = "cooking" },
        field: "competence", value: "cooking"),
    RefusedCase(
        "unknown programme",
        OrganisationEnrolled(
            organisation: "new", name: "New Oy", kind: .enterprise, sector: "metal", sizeClass: .micro, region: "PH",
            programme: "nope"), field: "programme", value: "nope"),
    RefusedCase(
        "unknown framework",
        CompetenceDefined(competence: "c9", name: "C", category: "x", scale: .standard, framework: "fw9"),
        field: "framework", value: "fw9"),
    RefusedCase(
        "unknown training", TrainingSessionHeld(training: "t9", session: "s1", heldOn: day("2024-02-01"), hours: 3),
        field: "training", value: "t9"),
    RefusedCase(
        "unknown plan", PlanActionCompleted(plan: "nope", action: "a1", completedOn: day("2024-11-01")), field: "plan",
        value: "nope"),
    RefusedCase(
        "unknown plan action", PlanActionCompleted(plan: plan1, action: "zz", completedOn: day("2024-11-01")),
        field: "action", value: "zz"),
    RefusedCase(
        "unknown practice",
        GoodPracticePublished(practice: "pr9", catalogue: "SoteNavi", publishedOn: day("2024-06-01")),
        field: "practice", value: "pr9"),
    RefusedCase(
        "unknown pilot",
        PilotCompleted(pilot: "pi9", completedOn: day("2024-06-01"), employeesInvolved: 3, outcome: "o"),
        field: "pilot", value: "pi9"),
    RefusedCase(
        "person in an unknown organisation", PersonRegistered(person: "p9", organisation: "zzz", role: .staff),
        field: "organisation", value: "zzz"),
    RefusedCase(
        "training of an unknown competence", LedgerFixture.training { $0.competences = ["cooking"] },
        field: "competences[0]", value: "cooking"),
    RefusedCase(
        "round of an unknown organisation",
        SurveyRoundOpened(
            round: "r2", kind: .followUp, organisations: ["acme", "zzz"], competences: ["excel"],
            opensOn: day("2024-09-01")),
        field: "organisations[1]", value: "zzz"),
    RefusedCase(
        "visit by an unknown company",
        CompanyVisitMade(host: "acme", visitors: ["zzz"], visitedOn: day("2024-04-01")), field: "visitors[0]",
        value: "zzz"),
    RefusedCase(
        "training need of an unknown competence",
        TrainingNeedIdentified(
            organisation: "acme", competence: "cooking", identifiedOn: day("2023-10-01"), source: .survey, priority: 1),
        field: "competence", value: "cooking"),
    RefusedCase(
        "interview of an unknown organisation",
        ManagementInterviewHeld(
            organisation: "zzz", interview: "i1", heldOn: day("2023-10-01"), intervieweeRoles: [.manager],
            identifiedNeeds: []),
        field: "organisation", value: "zzz"),
    RefusedCase(
        "forum of an unknown programme",
        ForumMeetingHeld(
            programme: "nope", meeting: "f1", heldOn: day("2023-10-01"),
            stakeholders: [Stakeholder(kind: .company, name: PersonalText("Acme", about: .organisation("acme")))]),
        field: "programme", value: "nope"),

    // Surveys
    RefusedCase(
        "answer to a closed round",
        LedgerFixture.answer {
            $0.round = "r0"
            $0.respondent = "p1"
            $0.organisation = "acme"
        },
        field: "round", value: "r0"),
    RefusedCase(
        "answer by a person of another organisation", LedgerFixture.answer { $0.respondent = "p1" },
        field: "organisation",
        value: "beta"),
    RefusedCase(
        "organisation not in the round",
        LedgerFixture.answer {
            $0.respondent = "p3"
            $0.organisation = "gamma"
        },
        field: "organisation", value: "gamma"),
    RefusedCase(
        "competence not in the round", LedgerFixture.answer { $0.competence = "sales" }, field: "competence",
        value: "sales"),
    RefusedCase(
        "answer about a retired competence",
        LedgerFixture.answer {
            $0.competence = "typing"
            $0.answeredOn = day("2024-02-01")
        }, field: "competence",
        value: "typing"),
    RefusedCase(
        "answer before the round opened", LedgerFixture.answer { $0.answeredOn = day("2023-08-20") },
        field: "answeredOn",
        value: "2023-08-20"),
    RefusedCase(
        "the same answer twice", before: [LedgerFixture.answer()], LedgerFixture.answer { $0.current = 4 },
        field: "competence", value: "excel"),
    RefusedCase(
        "round of another programme's organisation",
        SurveyRoundOpened(
            round: "r2", kind: .baseline, organisations: ["care"], competences: ["excel"], opensOn: day("2023-09-01"),
            programme: "lossi"), field: "organisations[0]", value: "care"),
    RefusedCase(
        "round asking no competence",
        SurveyRoundOpened(
            round: "r2", kind: .baseline, organisations: ["acme"], competences: [], opensOn: day("2023-09-01")),
        field: "competences", value: "[]"),
    RefusedCase(
        "round asking a competence twice",
        SurveyRoundOpened(
            round: "r2", kind: .baseline, organisations: ["acme"], competences: ["excel", "excel"],
            opensOn: day("2023-09-01")),
        field: "competences[1]", value: "excel"),
    RefusedCase(
        "round closed before it opened", SurveyRoundClosed(round: "r1", closedOn: day("2023-08-01")), field: "closedOn",
        value: "2023-08-01"),

    // Corrections and voidings
    RefusedCase(
        "correction of an unknown answer",
        SurveyAnswerCorrected(
            round: "r1", answerEventID: unknownID, current: 3, correctedOn: day("2023-10-01"),
            reason: PersonalText("typo", about: .person("p1"))),
        field: "answerEventID", value: unknownID.uuidString),
    RefusedCase(
        "correction off the scale",
        SurveyAnswerCorrected(
            round: "r1", answerEventID: LedgerFixture.answerID, current: 8, correctedOn: day("2023-10-01"),
            reason: PersonalText("typo", about: .person("p1"))),
        field: "current", value: "8"),
    RefusedCase(
        "correction in another round",
        SurveyAnswerCorrected(
            round: "r0", answerEventID: LedgerFixture.answerID, current: 3, correctedOn: day("2023-10-01"),
            reason: PersonalText("typo", about: .person("p1"))),
        field: "round", value: "r0"),
    RefusedCase(
        "correction without a reason",
        SurveyAnswerCorrected(
            round: "r1", answerEventID: LedgerFixture.answerID, current: 3, correctedOn: day("2023-10-01"),
            reason: PersonalText(" ", about: .person("p1"))),
        field: "reason", value: " "),
    RefusedCase(
        "correction of a voided answer",
        before: [
            EventVoided(
                voidedEventID: LedgerFixture.answerID, voidedStream: "round-r1", voidedOn: day("2023-10-01"),
                reason: "test")
        ],
        SurveyAnswerCorrected(
            round: "r1", answerEventID: LedgerFixture.answerID, current: 3, correctedOn: day("2023-10-02"),
            reason: PersonalText("typo", about: .person("p1"))),
        field: "answerEventID", value: LedgerFixture.answerID.uuidString),
    RefusedCase(
        "voiding an unknown event",
        EventVoided(voidedEventID: unknownID, voidedStream: "round-r1", voidedOn: day("2024-01-01"), reason: "error"),
        field: "voidedEventID", value: unknownID.uuidString),
    RefusedCase(
        "voiding in the wrong stream",
        EventVoided(
            voidedEventID: LedgerFixture.answerID, voidedStream: "round-r0", voidedOn: day("2024-01-01"),
            reason: "error"),
        field: "voidedStream", value: "round-r0"),
    RefusedCase(
        "voiding a definition",
        EventVoided(
            voidedEventID: LedgerFixture.acmeEnrolmentID, voidedStream: "organisation-acme",
            voidedOn: day("2024-01-01"),
            reason: "error"), field: "voidedEventID", value: LedgerFixture.acmeEnrolmentID.uuidString),
    RefusedCase(
        "voiding twice",
        before: [
            EventVoided(
                voidedEventID: LedgerFixture.answerID, voidedStream: "round-r1", voidedOn: day("2023-10-01"),
                reason: "test")
        ],
        EventVoided(
            voidedEventID: LedgerFixture.answerID, voidedStream: "round-r1", voidedOn: day("2023-10-02"),
            reason: "again"),
        field: "voidedEventID", value: LedgerFixture.answerID.uuidString),

    // Duplicate definitions and one-time changes
    RefusedCase(
        "programme set up twice",
        ProgrammeSetUp(programme: "lossi", name: "LOSSI", startsOn: day("2023-01-01"), endsOn: day("2024-12-31")),
        field: "programme", value: "lossi"),
    RefusedCase(
        "organisation enrolled twice",
        OrganisationEnrolled(
            organisation: "acme", name: "Acme", kind: .enterprise, sector: "metal", sizeClass: .small, region: "PH"),
        field: "organisation", value: "acme"),
    RefusedCase(
        "framework defined twice", CompetenceFrameworkDefined(framework: "fw", name: "Again", scale: .standard),
        field: "framework", value: "fw"),
    RefusedCase(
        "competence defined twice",
        CompetenceDefined(competence: "excel", name: "Excel", category: "d", scale: .standard),
        field: "competence", value: "excel"),
    RefusedCase(
        "person registered twice", PersonRegistered(person: "p1", organisation: "acme", role: .manager),
        field: "person",
        value: "p1"),
    RefusedCase(
        "round opened twice",
        SurveyRoundOpened(
            round: "r1", kind: .baseline, organisations: ["acme"], competences: ["excel"], opensOn: day("2023-09-01")),
        field: "round", value: "r1"),
    RefusedCase(
        "training procured twice", LedgerFixture.training { $0.training = "t1" }, field: "training", value: "t1"),
    RefusedCase(
        "plan adopted twice",
        DevelopmentPlanAdopted(
            plan: plan1, organisation: "acme", adoptedOn: day("2024-10-02"),
            actions: [
                PlanAction(
                    action: "a1", competence: "excel", description: PersonalText("d", about: .organisation("acme")),
                    targetLevel: 4, dueOn: day("2025-01-31"),
                    ownerRole: .manager)
            ]), field: "plan", value: "plan1"),
    RefusedCase(
        "practice documented twice",
        GoodPracticeDocumented(
            practice: "pr1", title: "t", theme: "t", origin: "beta", summary: "s", documentedOn: day("2024-05-02")),
        field: "practice", value: "pr1"),
    RefusedCase(
        "pilot started twice",
        PilotStarted(
            pilot: "pi1", organisation: "acme", theme: "t", startedOn: day("2024-02-02"), employeesInvolved: 3),
        field: "pilot", value: "pi1"),
    RefusedCase(
        "round closed twice", SurveyRoundClosed(round: "r0", closedOn: day("2023-07-01")), field: "round", value: "r0"),
    RefusedCase(
        "organisation withdrawn twice", OrganisationWithdrawn(organisation: "gone", withdrawnOn: day("2024-04-01")),
        field: "organisation", value: "gone"),
    RefusedCase(
        "competence retired twice", CompetenceRetired(competence: "typing", retiredOn: day("2024-02-01")),
        field: "competence",
        value: "typing"),
    RefusedCase(
        "plan action completed twice",
        before: [PlanActionCompleted(plan: plan1, action: "a1", completedOn: day("2024-11-01"))],
        PlanActionCompleted(plan: plan1, action: "a1", completedOn: day("2024-11-02")), field: "action", value: "a1"),
    RefusedCase(
        "practice published twice",
        before: [GoodPracticePublished(practice: "pr1", catalogue: "SoteNavi", publishedOn: day("2024-06-01"))],
        GoodPracticePublished(practice: "pr1", catalogue: "SoteNavi", publishedOn: day("2024-06-02")),
        field: "practice",
        value: "pr1"),
    RefusedCase(
        "pilot completed twice",
        before: [PilotCompleted(pilot: "pi1", completedOn: day("2024-06-01"), employeesInvolved: 12, outcome: "ok")],
        PilotCompleted(pilot: "pi1", completedOn: day("2024-06-02"), employeesInvolved: 12, outcome: "ok"),
        field: "pilot",
        value: "pi1"),
    RefusedCase(
        "practice adopted twice by one organisation",
        before: [GoodPracticeAdopted(practice: "pr1", organisation: "acme", adoptedOn: day("2024-06-01"))],
        GoodPracticeAdopted(practice: "pr1", organisation: "acme", adoptedOn: day("2024-07-01")), field: "organisation",
        value: "acme"),
    RefusedCase(
        "session recorded twice",
        before: [TrainingSessionHeld(training: "t1", session: "s1", heldOn: day("2024-02-01"), hours: 7)],
        TrainingSessionHeld(training: "t1", session: "s1", heldOn: day("2024-02-08"), hours: 7), field: "session",
        value: "s1"),

    // Quantities
    RefusedCase("negative cost", LedgerFixture.training { $0.costCents = -100 }, field: "costCents", value: "-100"),
    RefusedCase("negative hours", LedgerFixture.training { $0.hours = -2 }, field: "hours", value: "-2.0"),
    RefusedCase("zero hours", LedgerFixture.training { $0.hours = 0 }, field: "hours", value: "0.0"),
    RefusedCase(
        "session without hours",
        TrainingSessionHeld(training: "t1", session: "s1", heldOn: day("2024-02-01"), hours: 0),
        field: "hours", value: "0.0"),
    RefusedCase(
        "negative attended hours",
        ParticipationRecorded(
            training: "t1", person: "p1", organisation: "acme", attendedHours: -1, completed: false,
            recordedOn: day("2024-02-01")), field: "attendedHours", value: "-1.0"),
    RefusedCase(
        "more hours attended than the training has",
        ParticipationRecorded(
            training: "t1", person: "p1", organisation: "acme", attendedHours: 20, completed: true,
            recordedOn: day("2024-02-01")), field: "attendedHours", value: "20.0"),
    RefusedCase(
        "negative participants",
        ThematicWorkshopHeld(
            programme: "tulos", workshop: "w1", heldOn: day("2024-03-01"), theme: "well-being", organisations: ["care"],
            participants: -3), field: "participants", value: "-3"),
    RefusedCase(
        "negative employees involved",
        PilotStarted(
            pilot: "pi2", organisation: "care", theme: "t", startedOn: day("2024-02-02"), employeesInvolved: -1),
        field: "employeesInvolved", value: "-1"),
    RefusedCase(
        "indicator value not a number",
        IndicatorMeasured(
            organisation: "care", indicator: .wellBeing, name: "wb", value: .nan, unit: "0–10",
            measuredOn: day("2024-01-01")),
        field: "value", value: "nan"),

    // Required text and ids
    RefusedCase("empty training title", LedgerFixture.training { $0.title = "" }, field: "title", value: ""),
    RefusedCase(
        "empty training provider", LedgerFixture.training { $0.provider = "  " }, field: "provider", value: "  "),
    RefusedCase(
        "empty organisation name",
        OrganisationEnrolled(
            organisation: "new", name: "", kind: .enterprise, sector: "metal", sizeClass: .micro, region: "PH"),
        field: "name", value: ""),
    RefusedCase(
        "id with a space",
        OrganisationEnrolled(
            organisation: "a b", name: "A", kind: .enterprise, sector: "metal", sizeClass: .micro, region: "PH"),
        field: "organisation", value: "a b"),
    RefusedCase(
        "empty person id", PersonRegistered(person: "", organisation: "acme", role: .staff),
        field: "person", value: ""),
    RefusedCase(
        "person id that is an e-mail address",
        PersonRegistered(person: "matti.virtanen@konepaja.fi", organisation: "acme", role: .staff), field: "person",
        value: "matti.virtanen@konepaja.fi"),
    RefusedCase(
        "empty portfolio title",
        PortfolioItemAdded(organisation: "acme", item: "i1", kind: .vision, title: "", addedOn: day("2024-01-01")),
        field: "title", value: ""),
    RefusedCase(
        "forum meeting without stakeholders",
        ForumMeetingHeld(programme: "lossi", meeting: "f1", heldOn: day("2023-10-01"), stakeholders: []),
        field: "stakeholders", value: "[]"),
    RefusedCase(
        "ESCO URI that is not one",
        CompetenceDefined(
            competence: "c9", name: "C", category: "x", scale: .standard, escoURI: "https://example.com/skill"),
        field: "escoURI", value: "https://example.com/skill"),

    // Dates
    RefusedCase(
        "answer after the programme ended", LedgerFixture.answer { $0.answeredOn = day("2025-02-01") },
        field: "answeredOn",
        value: "2025-02-01"),
    RefusedCase(
        "answer after the programme of the round's organisations ended (the round names none)",
        before: [
            SurveyRoundOpened(
                round: "r2", kind: .baseline, organisations: ["acme", "care"], competences: ["excel"],
                opensOn: day("2024-09-01"))
        ],
        SurveyAnswerRecorded(
            round: "r2", respondent: "p1", organisation: "acme", competence: "excel", current: 2, target: 4,
            importance: 4, answeredOn: day("2025-02-01")),
        field: "answeredOn", value: "2025-02-01"),
    RefusedCase(
        "enrolment before the programme started",
        OrganisationEnrolled(
            organisation: "new", name: "New", kind: .enterprise, sector: "metal", sizeClass: .micro, region: "PH",
            programme: "lossi", enrolledOn: day("2022-12-01")), field: "enrolledOn", value: "2022-12-01"),
    RefusedCase(
        "training procured outside its programme", LedgerFixture.training { $0.procuredOn = day("2022-06-01") },
        field: "procuredOn", value: "2022-06-01"),
    RefusedCase(
        "a fact dated in the future",
        IndicatorMeasured(
            organisation: "care", indicator: .productivity, name: "p", value: 1, unit: "x",
            measuredOn: day("2025-07-05")),
        field: "measuredOn", value: "2025-07-05"),
    RefusedCase(
        "programme that ends before it starts",
        ProgrammeSetUp(programme: "p3", name: "P3", startsOn: day("2024-01-01"), endsOn: day("2023-01-01")),
        field: "endsOn", value: "2023-01-01"),
    RefusedCase(
        "activity after the organisation withdrew",
        IndicatorMeasured(
            organisation: "gone", indicator: .wellBeing, name: "wb", value: 7, unit: "0–10",
            measuredOn: day("2024-05-01")),
        field: "organisation", value: "gone"),
    RefusedCase(
        "activity before the organisation enrolled",
        SparringVisitHeld(organisation: "acme", heldOn: day("2023-01-15")), field: "organisation", value: "acme"),
    RefusedCase(
        "plan action due before the plan",
        DevelopmentPlanAdopted(
            plan: "plan2", organisation: "acme", adoptedOn: day("2024-10-01"),
            actions: [
                PlanAction(
                    action: "x", competence: "excel", description: PersonalText("d", about: .organisation("acme")),
                    targetLevel: 4, dueOn: day("2024-09-01"),
                    ownerRole: .manager)
            ]), field: "actions[0].dueOn", value: "2024-09-01"),
    RefusedCase(
        "pilot completed before it started",
        PilotCompleted(pilot: "pi1", completedOn: day("2024-01-15"), employeesInvolved: 12, outcome: "o"),
        field: "completedOn", value: "2024-01-15"),
    RefusedCase(
        "session before the training was procured",
        TrainingSessionHeld(training: "t1", session: "s0", heldOn: day("2024-01-05"), hours: 3), field: "heldOn",
        value: "2024-01-05"),
    RefusedCase(
        "vision horizon before the workshop",
        ForesightWorkshopHeld(
            organisation: "acme", workshop: "w1", heldOn: day("2023-11-01"), horizonYear: 2020, vision: "v",
            milestones: [],
            futureNeeds: []), field: "horizonYear", value: "2020"),

    // Other consistency rules
    RefusedCase(
        "company training for two companies",
        LedgerFixture.training {
            $0.kind = .company
            $0.organisations = ["acme", "beta"]
        },
        field: "organisations", value: "acme, beta"),
    RefusedCase(
        "participant from another company in a company training",
        ParticipationRecorded(
            training: "tc", person: "p2", organisation: "beta", attendedHours: 4, completed: false,
            recordedOn: day("2024-03-01")), field: "organisation", value: "beta"),
    RefusedCase(
        "participant of another organisation than recorded",
        ParticipationRecorded(
            training: "t1", person: "p1", organisation: "beta", attendedHours: 4, completed: false,
            recordedOn: day("2024-03-01")), field: "organisation", value: "beta"),
    RefusedCase(
        "completion day without completion",
        ParticipationRecorded(
            training: "t1", person: "p1", organisation: "acme", attendedHours: 4, completed: false,
            completedOn: day("2024-03-01"), recordedOn: day("2024-03-01")), field: "completedOn", value: "2024-03-01"),
    RefusedCase(
        "host among the visitors", CompanyVisitMade(host: "acme", visitors: ["acme"], visitedOn: day("2024-04-01")),
        field: "visitors[0]", value: "acme"),
    RefusedCase(
        "practice adopted by its origin",
        GoodPracticeAdopted(practice: "pr1", organisation: "beta", adoptedOn: day("2024-06-01")), field: "organisation",
        value: "beta"),
    RefusedCase(
        "completion recorded as progress",
        PlanActionProgressed(plan: plan1, action: "a1", status: .completed, progressedOn: day("2024-11-01")),
        field: "status", value: "completed"),
    RefusedCase(
        "person registered in a withdrawn organisation",
        PersonRegistered(person: "p9", organisation: "gone", role: .staff),
        field: "organisation", value: "gone"),

    // Participant data
    RefusedCase(
        "participant data of an unregistered person", participantData("p9", .entry, "2024-01-10"), field: "person",
        value: "p9"),
    RefusedCase(
        "participant data outside the programme's period", participantData("p1", .entry, "2022-12-31"),
        field: "recordedOn", value: "2022-12-31"),
    RefusedCase(
        "participant data in the future", participantData("p1", .entry, "2025-07-05"),
        field: "recordedOn", value: "2025-07-05"),
    RefusedCase("an exit without an entry", participantData("p1", .exit, "2024-06-01"), field: "stage", value: "exit"),
    RefusedCase(
        "an exit before its entry", before: [participantData("p1", .entry, "2024-03-01")],
        participantData("p1", .exit, "2024-02-01"), field: "recordedOn", value: "2024-02-01"),
    RefusedCase(
        "a second entry", before: [participantData("p1", .entry, "2024-03-01")],
        participantData("p1", .entry, "2024-04-01"), field: "stage", value: "entry"),
    RefusedCase(
        "a disadvantage flag twice",
        participantData("p1", .entry, "2024-03-01", disadvantages: [.rural, .rural]),
        field: "profile.disadvantages[1]", value: "rural"),

    // Adoptions outside the programme (issue 14)
    RefusedCase(
        "an outside adoption of an unknown practice",
        GoodPracticeAdoptedOutside(practice: "pr9", adopter: outsider(), adoptedOn: day("2024-06-01")),
        field: "practice", value: "pr9"),
    RefusedCase(
        "an outside adopter that is an enrolled organisation",
        GoodPracticeAdoptedOutside(practice: "pr1", adopter: outsider(name: " acme oy"), adoptedOn: day("2024-06-01")),
        field: "adopter.name", value: " acme oy"),
    RefusedCase(
        "the same outside organisation adopting twice",
        before: [GoodPracticeAdoptedOutside(practice: "pr1", adopter: outsider(), adoptedOn: day("2024-06-01"))],
        GoodPracticeAdoptedOutside(
            practice: "pr1", adopter: outsider(name: "KOTIRANTA HOIVA"), adoptedOn: day("2024-07-01")),
        field: "adopter.name", value: "KOTIRANTA HOIVA"),
    RefusedCase(
        "an outside adoption before the practice was documented",
        GoodPracticeAdoptedOutside(practice: "pr1", adopter: outsider(), adoptedOn: day("2024-04-30")),
        field: "adoptedOn", value: "2024-04-30"),
    RefusedCase(
        "an outside adoption in the future",
        GoodPracticeAdoptedOutside(practice: "pr1", adopter: outsider(), adoptedOn: day("2025-07-05")),
        field: "adoptedOn", value: "2025-07-05"),
    RefusedCase(
        "an outside adopter without a region",
        GoodPracticeAdoptedOutside(practice: "pr1", adopter: outsider(region: " "), adoptedOn: day("2024-06-01")),
        field: "adopter.region", value: " "),
    RefusedCase(
        "an outside adopter's name with an escape sequence",
        GoodPracticeAdoptedOutside(
            practice: "pr1", adopter: outsider(name: "Evil\u{1B}[2J Oy"), adoptedOn: day("2024-06-01")),
        field: "adopter.name", value: "Evil\u{1B}[2J Oy"),

    // Needs named by trainings and plan actions (issue 14)
    RefusedCase(
        "a training naming an interview need no interview named",
        LedgerFixture.training {
            $0.needs = [NeedReference(organisation: "acme", competence: "sales", origin: .interview)]
        }, field: "needs[0].origin", value: "interview"),
    RefusedCase(
        "a training naming a need for a competence it does not target",
        LedgerFixture.training {
            $0.needs = [NeedReference(organisation: "acme", competence: "excel", origin: .surveyGap)]
        }, field: "needs[0].competence", value: "excel"),
    RefusedCase(
        "a training naming a need of an unknown organisation",
        LedgerFixture.training {
            $0.needs = [NeedReference(organisation: "nowhere", competence: "sales", origin: .surveyGap)]
        }, field: "needs[0].organisation", value: "nowhere"),
    RefusedCase(
        "a plan action naming an unknown training",
        DevelopmentPlanAdopted(
            plan: "plan2", organisation: "acme", adoptedOn: day("2024-10-01"),
            actions: [action(training: "t9")]), field: "actions[0].training", value: "t9"),
    RefusedCase(
        "a plan action naming a foresight need no workshop named",
        DevelopmentPlanAdopted(
            plan: "plan2", organisation: "acme", adoptedOn: day("2024-10-01"),
            actions: [action(need: .foresight)]), field: "actions[0].need", value: "foresight"),

    // Several events in one call: each is validated against the ones before it
    RefusedCase(
        "the same answer twice in one call", batch: [LedgerFixture.answer(), LedgerFixture.answer { $0.current = 2 }],
        index: 1, field: "competence", value: "excel"),
    RefusedCase(
        "an answer after its round closed in the same call",
        batch: [SurveyRoundClosed(round: "r1", closedOn: day("2023-10-01")), LedgerFixture.answer()], index: 1,
        field: "round", value: "r1"),
]

@Suite("Recording: validation")
struct LedgerValidationTests {
    @Test(arguments: refusedCases)
    func refusedWithFieldAndValueAndNothingAppended(_ refused: RefusedCase) async throws {
        let (store, ledger) = try await LedgerFixture.make()
        if !refused.before.isEmpty { try await ledger.record(refused.before) }
        let head = try await store.headPosition()
        do {
            try await ledger.record(refused.events)
            Issue.record("\(refused.name) was recorded")
        } catch let error as LedgerValidationError {
            #expect(error.field == refused.field, "\(error)")
            #expect(error.value == refused.value, "\(error)")
            #expect(error.eventIndex == refused.index)
            #expect(error.eventType == type(of: refused.events[refused.index]).eventType)
            #expect(!error.reason.isEmpty)
        }
        #expect(try await store.headPosition() == head)
    }

    @Test func everyCatalogueTypeHasRules() {
        for type in CompetenceEvent.allTypes {
            #expect(type is any ValidatedEvent.Type, "\(type) has no validation rules")
        }
    }

    @Test func laterEventsMayReferToEarlierOnesOfTheSameCall() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        let receipt = try await ledger.record([
            OrganisationEnrolled(
                organisation: "delta", name: "Delta Oy", kind: .enterprise, sector: "food", sizeClass: .small,
                region: "PH",
                programme: "lossi"),
            PersonRegistered(person: "p4", organisation: "delta", role: .supervisor),
            SurveyRoundOpened(
                round: "r2", kind: .followUp, organisations: ["delta"], competences: ["lean"],
                opensOn: day("2024-09-01")),
            SurveyAnswerRecorded(
                round: "r2", respondent: "p4", organisation: "delta", competence: "lean", current: 2, target: 3,
                answeredOn: day("2024-09-03")),
        ])
        #expect(receipt.results.map(\.stream) == ["organisation-delta", "person-p4", "round-r2"])
        #expect(receipt.results.map { $0.events.count } == [1, 1, 2])
        #expect(receipt.lastPosition == (try await store.headPosition()))
        let state = try await ledger.state()
        #expect(state.answers.contains { $0.event.respondent == "p4" })
    }

    @Test func aCorrectionMayReferToAnAnswerOfTheSameCall() async throws {
        let (_, ledger) = try await LedgerFixture.make()
        try await ledger.record(
            [
                LedgerFixture.answer(),
                SurveyAnswerCorrected(
                    round: "r1", answerEventID: fixedID(80), current: 4, target: 5, correctedOn: day("2023-09-13"),
                    reason: PersonalText("rated the wrong row", about: .person("p2"))),
            ], ids: [fixedID(80), fixedID(81)])
        #expect(try await ledger.state().answers[eventID: fixedID(80)]?.event.current == 4)
    }

    @Test func aValidCorrectionAndVoidingAreRecorded() async throws {
        let (_, ledger) = try await LedgerFixture.make()
        try await ledger.record(
            SurveyAnswerCorrected(
                round: "r1", answerEventID: LedgerFixture.answerID, current: 3, target: 5,
                correctedOn: day("2023-10-01"),
                reason: PersonalText("respondent mistyped", about: .person("p1"))))
        #expect(try await ledger.state().answers[eventID: LedgerFixture.answerID]?.event.current == 3)
        try await ledger.record(
            EventVoided(
                voidedEventID: LedgerFixture.answerID, voidedStream: "round-r1", voidedOn: day("2023-10-02"),
                reason: "test row"))
        #expect(try await ledger.state().answers[eventID: LedgerFixture.answerID] == nil)
        // With the answer voided, the same respondent may answer again.
        try await ledger.record(
            LedgerFixture.answer {
                $0.respondent = "p1"
                $0.organisation = "acme"
            })
    }
}
