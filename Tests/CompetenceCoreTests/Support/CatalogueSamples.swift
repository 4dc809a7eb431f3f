import CompetenceCore
import Foundation

/// One realistic sample of every event type of the catalogue, with every optional field set, so a codec
/// round trip exercises every field.
enum CatalogueSamples {
    static let all: [any LedgerEvent] = [
        ProgrammeSetUp(
            programme: "lossi", name: "LOSSI", funder: "ESF+ 2021–2027", regions: ["Päijät-Häme"],
            startsOn: day("2023-01-01"), endsOn: day("2025-12-31")),
        ForumMeetingHeld(
            programme: "lossi", meeting: "forum-2023-10", heldOn: day("2023-10-12"),
            stakeholders: [
                Stakeholder(
                    kind: .company, name: PersonalText("Konepaja Oy", about: .organisation("konepaja")),
                    organisation: "konepaja"),
                Stakeholder(
                    kind: .educationalInstitution, name: PersonalText("Salpaus", about: .organisation("salpaus"))),
                Stakeholder(
                    kind: .employmentServices, name: PersonalText("TE-palvelut", about: .organisation("te-palvelut"))),
            ], topics: ["regional competence needs"], decisions: ["meet again in spring"]),
        ThematicWorkshopHeld(
            programme: "tulos", workshop: "tw-1", heldOn: day("2024-03-14"), theme: "well-being at work",
            organisations: ["kotihoito", "mielenterveys"], participants: 18, practicesShared: ["walking-meetings"]),
        OrganisationEnrolled(
            organisation: "konepaja", name: "Konepaja Oy", kind: .enterprise, sector: "metal industry",
            sizeClass: .small,
            region: "Päijät-Häme", programme: "lossi", enrolledOn: day("2023-08-15")),
        OrganisationWithdrawn(
            organisation: "konepaja", withdrawnOn: day("2024-11-30"),
            reason: PersonalText("sold", about: .organisation("konepaja"))),
        ManagementInterviewHeld(
            organisation: "konepaja", interview: "int-1", heldOn: day("2023-10-03"),
            intervieweeRoles: [.manager, .supervisor],
            identifiedNeeds: [
                IdentifiedNeed(
                    competence: "excel", priority: 1,
                    note: PersonalText("reporting by hand", about: .organisation("konepaja")))
            ]),
        ForesightWorkshopHeld(
            organisation: "konepaja", workshop: "fw-1", heldOn: day("2023-11-07"), horizonYear: 2030,
            vision: "A digital small shop", milestones: [Milestone(year: 2026, description: "ERP in use")],
            futureNeeds: [FutureNeed(competence: "production-planning", importance: 5, note: "ERP")]),
        TrainingNeedIdentified(
            organisation: "konepaja", competence: "excel", identifiedOn: day("2023-11-20"), source: .survey,
            priority: 2,
            note: PersonalText("survey gap 2", about: .organisation("konepaja"))),
        CompanyVisitMade(
            host: "konepaja", visitors: ["puutyo", "muovi"], visitedOn: day("2024-04-18"),
            practicesObserved: ["skills matrix on the wall"]),
        PortfolioItemAdded(
            organisation: "konepaja", item: "vision-2030", kind: .vision, title: "Vision 2030",
            addedOn: day("2023-12-01"),
            reference: "portfolio/vision.pdf"),
        SparringVisitHeld(
            organisation: "konepaja", heldOn: day("2024-10-02"), topics: ["development plan"],
            agreedActions: [PersonalText("plan by Nov", about: .organisation("konepaja"))]),
        IndicatorMeasured(
            organisation: "kotihoito", indicator: .wellBeing, name: "work ability index", value: 7.25,
            unit: "score 0–10",
            measuredOn: day("2024-01-31"), respondents: 14),
        CompetenceFrameworkDefined(framework: "industrial", name: "Industrial SME skills", scale: .standard),
        CompetenceDefined(
            competence: "excel", name: "Excel", category: "digital skills", scale: .standard, framework: "industrial",
            escoURI: "http://data.europa.eu/esco/skill/9b3b5f6e-2b1c-4f0a-9d4e-1a2b3c4d5e6f"),
        CompetenceRetired(competence: "excel", retiredOn: day("2025-06-01"), reason: "merged into office tools"),
        PersonRegistered(person: "konepaja-07", organisation: "konepaja", role: .supervisor),
        ParticipantDataRecorded(
            person: "konepaja-07", stage: .entry, recordedOn: day("2023-09-04"),
            profile: ParticipantProfile(
                gender: .notStated, ageBand: .from55, education: .isced3To4, labourStatus: .selfEmployed,
                disadvantages: [.thirdCountryNational, .rural])),
        SurveyRoundOpened(
            round: "lossi-2023-baseline", kind: .baseline, organisations: ["konepaja"], competences: ["excel"],
            opensOn: day("2023-09-18"), programme: "lossi"),
        SurveyRoundClosed(round: "lossi-2023-baseline", closedOn: day("2023-10-31")),
        SurveyAnswerRecorded(
            round: "lossi-2023-baseline", respondent: "konepaja-07", organisation: "konepaja", competence: "excel",
            current: 2, target: 4, importance: 5, answeredOn: day("2023-09-20"), rater: .manager),
        SurveyAnswerCorrected(
            round: "lossi-2023-baseline", answerEventID: UUID(uuidString: "8E1C7A52-3C35-4F43-9A66-0D8B0B6C4E11")!,
            current: 3, target: 4, importance: 4, correctedOn: day("2023-10-05"),
            reason: PersonalText("row shifted in the export", about: .person("konepaja-07"))),
        TrainingProcured(
            training: "excel-joint", title: "Excel for production", provider: "Salpaus", kind: .joint,
            competences: ["excel"], costCents: 1_250_000, hours: 21.5, procuredOn: day("2024-01-15"),
            organisations: ["konepaja", "puutyo"], programme: "lossi",
            needs: [NeedReference(organisation: "konepaja", competence: "excel", origin: .interview)]),
        TrainingSessionHeld(
            training: "excel-joint", session: "s1", heldOn: day("2024-02-06"), hours: 7, topic: "pivot tables"),
        ParticipationRecorded(
            training: "excel-joint", person: "konepaja-07", organisation: "konepaja", attendedHours: 21.5,
            completed: true,
            completedOn: day("2024-03-05"), recordedOn: day("2024-03-05")),
        TrainingFeedbackGiven(
            training: "excel-joint", score: 5, givenOn: day("2024-03-05"), person: "konepaja-07",
            comment: PersonalText("practical", about: .person("konepaja-07"))),
        DevelopmentPlanAdopted(
            plan: "konepaja-2024", organisation: "konepaja", adoptedOn: day("2024-10-20"),
            actions: [
                PlanAction(
                    action: "a1", competence: "excel",
                    description: PersonalText("Everyone to level 3", about: .organisation("konepaja")), targetLevel: 3,
                    dueOn: day("2025-03-31"), ownerRole: .supervisor, training: "excel-joint", need: .interview)
            ]),
        PlanActionProgressed(
            plan: "konepaja-2024", action: "a1", status: .inProgress, progressedOn: day("2024-12-01"),
            note: PersonalText("half", about: .organisation("konepaja"))),
        PlanActionCompleted(
            plan: "konepaja-2024", action: "a1", completedOn: day("2025-03-20"),
            note: PersonalText("done", about: .organisation("konepaja"))),
        DataSubjectErased(subject: .person("konepaja-07"), erasedOn: day("2025-04-01")),
        GoodPracticeDocumented(
            practice: "walking-meetings", title: "Walking meetings", theme: "well-being", origin: "kotihoito",
            summary: "Weekly team meetings outdoors", documentedOn: day("2024-05-02")),
        GoodPracticePublished(
            practice: "walking-meetings", catalogue: "SoteNavi", publishedOn: day("2024-06-10"),
            link: "https://sotenavi.example/walking-meetings"),
        GoodPracticeAdopted(
            practice: "walking-meetings", organisation: "mielenterveys", adoptedOn: day("2024-09-01"), note: "trial"),
        GoodPracticeAdoptedOutside(
            practice: "walking-meetings",
            adopter: OutsideOrganisation(
                name: "Hoivakoti Kotiranta", kind: .enterprise, sector: "elderly care", region: "Kymenlaakso"),
            adoptedOn: day("2024-10-01")),
        PilotStarted(
            pilot: "kotihoito-1", organisation: "kotihoito", theme: "shift planning", startedOn: day("2024-01-08"),
            employeesInvolved: 22),
        PilotCompleted(
            pilot: "kotihoito-1", completedOn: day("2024-06-28"), employeesInvolved: 24, outcome: "fewer overtime hours"
        ),
        EventVoided(
            voidedEventID: UUID(uuidString: "0B9E1C3D-5A2F-4E6B-8C7D-9E0F1A2B3C4D")!,
            voidedStream: "round-lossi-2023-baseline",
            voidedOn: day("2023-10-06"), reason: "test row"),
    ]
}
