import CompetenceCore
import Foundation

/// A company of the LOSSI scenario.
private struct Company {
    var id: OrganisationID
    var name: String
    var sector: String
    var size: SizeClass
    var staff: Int
    var vision: String
}

private let companies: [Company] = [
    Company(
        id: "konepaja", name: "Konepaja Virtanen Oy", sector: "metal industry", size: .small, staff: 9,
        vision: "By 2030 we are the region's most reliable subcontractor for demanding machined parts."),
    Company(
        id: "puutuote", name: "Puutuote Lahti Oy", sector: "wood products", size: .small, staff: 8,
        vision: "By 2030 our furniture components are made to order with a digital order-to-delivery flow."),
    Company(
        id: "muovi", name: "Muovitekniikka Hollola Oy", sector: "plastics", size: .medium, staff: 10,
        vision: "By 2030 we recycle our own waste and plan production with real-time data."),
    Company(
        id: "leipomo", name: "Hollolan Leipä Oy", sector: "food industry", size: .small, staff: 8,
        vision: "By 2030 we sell half of our products directly to customers in the whole of Finland."),
    Company(
        id: "sahko", name: "Sähkö-Asennus Nastola Oy", sector: "electrical installation", size: .micro, staff: 7,
        vision: "By 2030 every installer is a certified expert in building automation."),
    Company(
        id: "pakkaus", name: "Pakkauspalvelu Orimattila Oy", sector: "packaging", size: .small, staff: 8,
        vision: "By 2030 we design sustainable packaging together with our customers."),
    Company(
        id: "hitsaamo", name: "Hitsaamo Heinola", sector: "welding", size: .micro, staff: 4,
        vision: "By 2030 the workshop has a successor and two new welders."),
]

/// A competence of the LOSSI framework and the typical baseline level of each role.
private struct LossiCompetence {
    var id: CompetenceID
    var name: String
    var category: String
    var esco: String?
    /// Typical current level of a manager, supervisor and staff member.
    var typical: (manager: Int, supervisor: Int, staff: Int)
}

private let lossiCompetences: [LossiCompetence] = [
    LossiCompetence(
        id: "excel", name: "Spreadsheets (Excel)", category: "digital skills",
        esco: "http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be", typical: (3, 2, 1)),
    LossiCompetence(id: "management", name: "Leadership and management", category: "management", typical: (3, 2, 1)),
    LossiCompetence(id: "sales", name: "Sales and customer work", category: "business", typical: (3, 2, 1)),
    LossiCompetence(id: "lean", name: "Lean thinking", category: "production", typical: (2, 2, 1)),
    LossiCompetence(id: "production-planning", name: "Production planning", category: "production", typical: (3, 3, 2)),
    LossiCompetence(id: "occupational-safety", name: "Occupational safety", category: "production", typical: (3, 3, 3)),
    LossiCompetence(id: "quality", name: "Quality management", category: "production", typical: (3, 2, 2)),
    LossiCompetence(id: "foresight", name: "Competence foresight", category: "management", typical: (2, 1, 1)),
]

/// A training of the LOSSI scenario.
private struct LossiTraining {
    var id: TrainingID
    var title: String
    var provider: String
    var kind: TrainingKind
    var competence: CompetenceID
    var costCents: Int
    var sessions: [CalendarDate]
    var hoursPerSession: Double
    /// The one company of a company-specific training.
    var company: OrganisationID?
    /// Who is invited: persons whose baseline level is at most this.
    var invitedUpTo: Int
    var procuredOn: CalendarDate
}

private let lossiTrainings: [LossiTraining] = [
    LossiTraining(
        id: "excel-joint", title: "Excel in production and reporting", provider: "Salpaus Further Education",
        kind: .joint,
        competence: "excel", costCents: 980_000,
        sessions: [scenarioDay(2024, 2, 6), scenarioDay(2024, 2, 13), scenarioDay(2024, 2, 20)], hoursPerSession: 4,
        invitedUpTo: 2, procuredOn: scenarioDay(2024, 1, 12)),
    LossiTraining(
        id: "management-joint", title: "Everyday leadership for supervisors",
        provider: "LAB University of Applied Sciences",
        kind: .joint, competence: "management", costCents: 1_400_000,
        sessions: [
            scenarioDay(2024, 2, 28), scenarioDay(2024, 3, 13), scenarioDay(2024, 3, 27), scenarioDay(2024, 4, 10),
        ],
        hoursPerSession: 4, invitedUpTo: 2, procuredOn: scenarioDay(2024, 1, 19)),
    LossiTraining(
        id: "sales-joint", title: "Sales and customer encounters", provider: "Myyntivalmennus Salo Oy", kind: .joint,
        competence: "sales", costCents: 750_000, sessions: [scenarioDay(2024, 3, 7), scenarioDay(2024, 3, 21)],
        hoursPerSession: 4, invitedUpTo: 2, procuredOn: scenarioDay(2024, 2, 1)),
    LossiTraining(
        id: "lean-joint", title: "Lean thinking in a small factory", provider: "Lean Partners Finland Oy", kind: .joint,
        competence: "lean", costCents: 1_100_000,
        sessions: [scenarioDay(2024, 4, 4), scenarioDay(2024, 4, 18), scenarioDay(2024, 5, 2)], hoursPerSession: 4,
        invitedUpTo: 2, procuredOn: scenarioDay(2024, 2, 15)),
    LossiTraining(
        id: "konepaja-safety", title: "Machine safety at Konepaja Virtanen", provider: "Työturvallisuuskeskus",
        kind: .company,
        competence: "occupational-safety", costCents: 320_000, sessions: [scenarioDay(2024, 5, 15)], hoursPerSession: 6,
        company: "konepaja", invitedUpTo: 3, procuredOn: scenarioDay(2024, 3, 20)),
    LossiTraining(
        id: "muovi-planning", title: "Production planning with the ERP", provider: "ERP-Koulutus Oy", kind: .company,
        competence: "production-planning", costCents: 540_000,
        sessions: [scenarioDay(2024, 9, 10), scenarioDay(2024, 9, 24)],
        hoursPerSession: 5, company: "muovi", invitedUpTo: 3, procuredOn: scenarioDay(2024, 6, 3)),
    LossiTraining(
        id: "leipomo-quality", title: "Food safety and quality system", provider: "Hämeen Laatupalvelu Oy",
        kind: .company,
        competence: "quality", costCents: 260_000, sessions: [scenarioDay(2024, 4, 24)], hoursPerSession: 6,
        company: "leipomo", invitedUpTo: 3, procuredOn: scenarioDay(2024, 3, 25)),
]

extension ScenarioBuilder {
    /// The LOSSI programme, autumn 2023 to the end of 2024.
    mutating func buildLOSSI() {
        let programme: ProgrammeID = "lossi"
        add(
            "LOSSI set up",
            [
                ProgrammeSetUp(
                    programme: programme, name: "LOSSI – anticipatory competence development in small industrial firms",
                    funder: "ESF+ 2021–2027", regions: ["Päijät-Häme"], startsOn: scenarioDay(2023, 3, 1),
                    endsOn: scenarioDay(2025, 2, 28)),
                CompetenceFrameworkDefined(
                    framework: "lossi-industrial", name: "Small industrial firm competences", scale: .standard),
            ]
                + lossiCompetences.map {
                    CompetenceDefined(
                        competence: $0.id, name: $0.name, category: $0.category, scale: .standard,
                        framework: "lossi-industrial",
                        escoURI: $0.esco)
                })

        // Companies and their pseudonymous people: 01 the manager, 02–03 supervisors (one in the smallest), staff.
        var people: [OrganisationID: [PersonRegistered]] = [:]
        for (index, company) in companies.enumerated() {
            let persons = (1...company.staff).map { number in
                PersonRegistered(
                    person: PersonID("\(company.id)-\(String(format: "%02d", number))"), organisation: company.id,
                    role: number == 1 ? .manager : number <= (company.staff < 6 ? 2 : 3) ? .supervisor : .staff)
            }
            people[company.id] = persons
            add(
                "LOSSI enrolment: \(company.id)",
                [
                    OrganisationEnrolled(
                        organisation: company.id, name: company.name, kind: .enterprise, sector: company.sector,
                        sizeClass: company.size, region: "Päijät-Häme", programme: programme,
                        enrolledOn: scenarioDay(2023, 8, 21).adding(days: index))
                ] + persons)
        }
        let everyone = companies.flatMap { people[$0.id]! }
        let competenceIDs = lossiCompetences.map(\.id)

        // Baseline survey, autumn 2023.
        let typicalLevels = Dictionary(uniqueKeysWithValues: lossiCompetences.map { ($0.id, $0.typical) })
        let baselineAnswers = addSurvey(
            "LOSSI baseline survey", round: DemoScenario.lossiBaseline, kind: .baseline, programme: programme,
            people: companies.map { ($0.id, people[$0.id]!) }, competences: competenceIDs,
            opensOn: scenarioDay(2023, 9, 11), firstAnswerOn: scenarioDay(2023, 9, 12), spread: 20
        ) { random, person, competence in
            let typical =
                switch person.role {
                case .manager: typicalLevels[competence]!.manager
                case .supervisor: typicalLevels[competence]!.supervisor
                case .staff: typicalLevels[competence]!.staff
                }
            let current = min(4, max(1, typical + random.int(in: -1...1)))
            return (current, min(5, current + random.int(in: 1...2)), random.int(in: 2...5))
        }
        var baseline: [PersonID: [CompetenceID: SurveyAnswerRecorded]] = [:]
        var baselineIDs: [PersonID: [CompetenceID: UUID]] = [:]
        for (answer, id) in baselineAnswers {
            baseline[answer.respondent, default: [:]][answer.competence] = answer
            baselineIDs[answer.respondent, default: [:]][answer.competence] = id
        }
        // One row of the export was shifted: konepaja-04 rated Excel one level too high.
        let corrected = baseline["konepaja-04"]!["excel"]!
        add(
            "LOSSI baseline correction",
            [
                SurveyAnswerCorrected(
                    round: DemoScenario.lossiBaseline, answerEventID: baselineIDs["konepaja-04"]!["excel"]!,
                    current: max(1, corrected.current - 1), target: corrected.target, importance: corrected.importance,
                    correctedOn: scenarioDay(2023, 11, 2),
                    reason: PersonalText("row shifted in the Webropol export", about: .person(corrected.respondent)))
            ])
        baseline["konepaja-04"]!["excel"]!.current = max(1, corrected.current - 1)
        add(
            "LOSSI baseline survey closed",
            [SurveyRoundClosed(round: DemoScenario.lossiBaseline, closedOn: scenarioDay(2023, 10, 31))])

        // Management interviews and foresight workshops, autumn 2023; needs follow from the survey's gaps.
        // The needs each company named, by source: trainings and plan actions name the ones they answer.
        var namedNeeds: [OrganisationID: [CompetenceID: [NeedOrigin]]] = [:]
        for (index, company) in companies.enumerated() {
            let gaps = lossiCompetences.map { competence in
                (
                    competence.id,
                    people[company.id]!.reduce(0) { sum, person in
                        let answer = baseline[person.person]![competence.id]!
                        return sum + (answer.target ?? answer.current) - answer.current
                    }
                )
            }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            let needs = gaps.prefix(3).map(\.0)
            for competence in needs { namedNeeds[company.id, default: [:]][competence, default: []].append(.interview) }
            for competence in needs.prefix(2) {
                namedNeeds[company.id, default: [:]][competence, default: []].append(.trainingNeed)
            }
            add(
                "LOSSI interviews and foresight: \(company.id)",
                [
                    ManagementInterviewHeld(
                        organisation: company.id, interview: "interview-2023",
                        heldOn: scenarioDay(2023, 10, 2).adding(days: index * 2),
                        intervieweeRoles: [.manager, .supervisor],
                        identifiedNeeds: needs.enumerated().map { IdentifiedNeed(competence: $1, priority: $0 + 1) }),
                    ForesightWorkshopHeld(
                        organisation: company.id, workshop: "foresight-2023",
                        heldOn: scenarioDay(2023, 11, 6).adding(days: index * 2),
                        horizonYear: 2030, vision: company.vision,
                        milestones: [
                            Milestone(year: 2025, description: "Competence matrix and development plan in use"),
                            Milestone(year: 2027, description: "Key persons trained and successors named"),
                            Milestone(year: 2030, description: "Vision reached"),
                        ],
                        futureNeeds: [
                            FutureNeed(competence: "foresight", importance: 4, note: "anticipate customers' needs"),
                            FutureNeed(competence: needs[0], importance: 5),
                        ]),
                    PortfolioItemAdded(
                        organisation: company.id, item: "survey-results-2023", kind: .surveyResults,
                        title: "Baseline competence survey results", addedOn: scenarioDay(2023, 11, 20)),
                    PortfolioItemAdded(
                        organisation: company.id, item: "vision-2030", kind: .vision,
                        title: "Vision 2030 and the path to it",
                        addedOn: scenarioDay(2023, 12, 4)),
                ]
                    + needs.prefix(2).enumerated().map { priority, competence in
                        TrainingNeedIdentified(
                            organisation: company.id, competence: competence, identifiedOn: scenarioDay(2023, 12, 11),
                            source: priority == 0 ? .survey : .interview, priority: priority + 1)
                    })
        }

        add(
            "LOSSI forum, autumn 2023",
            [
                forum(
                    programme, "forum-2023-10", scenarioDay(2023, 10, 19),
                    topics: ["the region's competence needs", "cooperation between schools and firms"],
                    decisions: ["map the companies' training needs by December"])
            ])

        // Trainings, spring and autumn 2024.
        var completedTraining: Set<String> = []
        var trainingOf: [OrganisationID: [CompetenceID: TrainingID]] = [:]
        for training in lossiTrainings {
            let invited = everyone.filter { person in
                if let company = training.company, person.organisation != company { return false }
                if training.competence == "management", person.role == .staff { return false }
                return baseline[person.person]![training.competence]!.current <= training.invitedUpTo
            }
            let participants = invited.filter { _ in random.chance(0.8) }
            let hours = training.hoursPerSession * Double(training.sessions.count)
            let lastDay = training.sessions.last!
            let organisations =
                training.company.map { [$0] } ?? Array(Set(participants.map(\.organisation))).sorted()
            let answered = organisations.flatMap { organisation in
                (namedNeeds[organisation]?[training.competence] ?? []).map {
                    NeedReference(organisation: organisation, competence: training.competence, origin: $0)
                }
            }
            for organisation in organisations where trainingOf[organisation]?[training.competence] == nil {
                trainingOf[organisation, default: [:]][training.competence] = training.id
            }
            var events: [any LedgerEvent] = [
                TrainingProcured(
                    training: training.id, title: training.title, provider: training.provider, kind: training.kind,
                    competences: [training.competence], costCents: training.costCents, hours: hours,
                    procuredOn: training.procuredOn, organisations: organisations, programme: programme,
                    needs: answered.isEmpty ? nil : answered)
            ]
            events += training.sessions.enumerated().map { index, day in
                TrainingSessionHeld(
                    training: training.id, session: "session-\(index + 1)", heldOn: day, hours: training.hoursPerSession
                )
            }
            for person in participants {
                let completed = random.chance(0.85)
                let attended =
                    completed
                    ? hours : training.hoursPerSession * Double(random.int(in: 0...(training.sessions.count - 1)))
                events.append(
                    ParticipationRecorded(
                        training: training.id, person: person.person, organisation: person.organisation,
                        attendedHours: attended, completed: completed, completedOn: completed ? lastDay : nil,
                        recordedOn: lastDay))
                if completed {
                    completedTraining.insert("\(person.person)/\(training.competence)")
                    if random.chance(0.8) {
                        events.append(
                            TrainingFeedbackGiven(training: training.id, score: random.int(in: 3...5), givenOn: lastDay)
                        )
                    }
                }
            }
            add("LOSSI training: \(training.id)", events)
        }

        // Mutual company visits and the spring forum, 2024.
        add(
            "LOSSI company visits",
            [
                CompanyVisitMade(
                    host: "konepaja", visitors: ["puutuote", "hitsaamo", "sahko"], visitedOn: scenarioDay(2024, 4, 11),
                    practicesObserved: [
                        "competence matrix on the shop-floor wall", "induction checklist for new welders",
                    ]),
                CompanyVisitMade(
                    host: "muovi", visitors: ["leipomo", "pakkaus"], visitedOn: scenarioDay(2024, 4, 25),
                    practicesObserved: ["daily 10-minute lean huddle", "cross-training plan per machine"]),
                CompanyVisitMade(
                    host: "leipomo", visitors: ["konepaja", "muovi"], visitedOn: scenarioDay(2024, 5, 16),
                    practicesObserved: ["annual development discussion with a skills self-assessment"]),
            ]
                + companies.map { company in
                    PortfolioItemAdded(
                        organisation: company.id, item: "training-record-2024", kind: .trainingRecord,
                        title: "Trainings attended in spring 2024", addedOn: scenarioDay(2024, 6, 14))
                })
        add(
            "LOSSI forum, spring 2024",
            [
                forum(
                    programme, "forum-2024-03", scenarioDay(2024, 3, 21),
                    topics: ["joint trainings so far", "access to skilled labour"],
                    decisions: ["pilot a shared apprenticeship model"])
            ])

        // Follow-up survey, autumn 2024: completed trainings show in the levels.
        addSurvey(
            "LOSSI follow-up survey", round: DemoScenario.lossiFollowUp, kind: .followUp, programme: programme,
            people: companies.map { ($0.id, people[$0.id]!) }, competences: competenceIDs,
            opensOn: scenarioDay(2024, 10, 7), firstAnswerOn: scenarioDay(2024, 10, 8), spread: 18
        ) { random, person, competence in
            let before = baseline[person.person]![competence]!
            let trained = completedTraining.contains("\(person.person)/\(competence)")
            let change =
                trained
                ? (random.chance(0.25) ? 2 : random.chance(0.8) ? 1 : 0)
                : (random.chance(0.15) ? 1 : random.chance(0.05) ? -1 : 0)
            let current = min(5, max(1, before.current + change))
            return (current, max(current, before.target ?? current), before.importance)
        }
        add(
            "LOSSI follow-up survey closed",
            [SurveyRoundClosed(round: DemoScenario.lossiFollowUp, closedOn: scenarioDay(2024, 11, 8))])

        // Sparring visits and development plans, autumn 2024. One visit was first recorded for the wrong company.
        let misrecorded = add(
            "LOSSI sparring visit (wrong company)",
            [
                SparringVisitHeld(
                    organisation: "pakkaus", heldOn: scenarioDay(2024, 10, 16), topics: ["development plan"])
            ])
        add(
            "LOSSI sparring visit voided",
            [
                EventVoided(
                    voidedEventID: misrecorded[0], voidedStream: OrganisationID("pakkaus").stream,
                    voidedOn: scenarioDay(2024, 10, 17), reason: "recorded for the wrong company; it was Puutuote")
            ])
        add(
            "LOSSI forum, autumn 2024",
            [
                forum(
                    programme, "forum-2024-10", scenarioDay(2024, 10, 17),
                    topics: ["a regional continuous-learning model", "results of the follow-up survey"],
                    decisions: ["continue the forum after LOSSI as part of the regional council's work"])
            ])
        for (index, company) in companies.enumerated() {
            let adoptedOn = scenarioDay(2024, 11, 12).adding(days: index)
            let plan = PlanID("\(company.id)-2025")
            let focus = lossiCompetences.filter { competence in
                people[company.id]!.contains { baseline[$0.person]![competence.id]!.current <= 2 }
            }.prefix(3)
            let actions = focus.enumerated().map { number, competence in
                PlanAction(
                    action: "action-\(number + 1)", competence: competence.id,
                    description: PersonalText(
                        "Raise \(competence.name.lowercased()) to a working level", about: .organisation(company.id)),
                    targetLevel: 3,
                    dueOn: number == 0 ? scenarioDay(2024, 12, 20) : scenarioDay(2025, 5, 31),
                    ownerRole: number == 0 ? .manager : .supervisor,
                    training: trainingOf[company.id]?[competence.id],
                    need: namedNeeds[company.id]?[competence.id]?.first)
            }
            var events: [any LedgerEvent] = [
                SparringVisitHeld(
                    organisation: company.id, heldOn: scenarioDay(2024, 10, 15).adding(days: index),
                    topics: ["competence management", "development plan"],
                    agreedActions: [PersonalText("adopt the plan in November", about: .organisation(company.id))]
                ),
                DevelopmentPlanAdopted(
                    plan: plan, organisation: company.id, adoptedOn: adoptedOn, actions: Array(actions)),
                PortfolioItemAdded(
                    organisation: company.id, item: "development-plan-2025", kind: .developmentPlan,
                    title: "Competence development plan 2025", addedOn: adoptedOn),
            ]
            // Even-numbered companies finish their first action in time; the others leave it overdue.
            if index % 2 == 0, !actions.isEmpty {
                events.append(
                    PlanActionProgressed(
                        plan: plan, action: "action-1", status: .inProgress, progressedOn: adoptedOn.adding(days: 7)))
                events.append(
                    PlanActionCompleted(plan: plan, action: "action-1", completedOn: scenarioDay(2024, 12, 18)))
            } else if actions.count > 1 {
                events.append(
                    PlanActionProgressed(
                        plan: plan, action: "action-2", status: .inProgress, progressedOn: scenarioDay(2025, 1, 15)))
            }
            add("LOSSI sparring and plan: \(company.id)", events)
        }

        // The staff well-being survey before the trainings and after them (report outcomes). Hitsaamo's four
        // respondents are too few to publish.
        add(
            "LOSSI staff well-being survey",
            companies.enumerated().flatMap { index, company in
                let respondents = people[company.id]!.count
                let before = 3.4 + Double(index % 3) / 10
                return [
                    IndicatorMeasured(
                        organisation: company.id, indicator: .wellBeing, name: "staff well-being", value: before,
                        unit: "mean score 1–5", measuredOn: scenarioDay(2023, 10, 16), respondents: respondents),
                    IndicatorMeasured(
                        organisation: company.id, indicator: .wellBeing, name: "staff well-being",
                        value: before + 0.2 + Double(index % 2) / 10, unit: "mean score 1–5",
                        measuredOn: scenarioDay(2024, 12, 16), respondents: respondents),
                ]
            })
    }

    /// A stakeholder outside the programme: its name is sealed about an organisation subject of its own.
    private func stakeholder(_ kind: StakeholderKind, _ name: String, _ id: OrganisationID) -> Stakeholder {
        Stakeholder(kind: kind, name: PersonalText(name, about: .organisation(id)))
    }

    private func forum(
        _ programme: ProgrammeID, _ meeting: String, _ day: CalendarDate, topics: [String], decisions: [String]
    ) -> ForumMeetingHeld {
        ForumMeetingHeld(
            programme: programme, meeting: meeting, heldOn: day,
            stakeholders: companies.prefix(4).map {
                Stakeholder(
                    kind: .company, name: PersonalText($0.name, about: .organisation($0.id)), organisation: $0.id)
            }
                + [
                    stakeholder(.educationalInstitution, "Salpaus Further Education", "salpaus"),
                    stakeholder(.educationalInstitution, "LAB University of Applied Sciences", "lab-university"),
                    stakeholder(.employmentServices, "Päijät-Häme employment services", "te-paijat-hame"),
                    stakeholder(.publicAuthority, "Regional Council of Päijät-Häme", "regional-council"),
                ], topics: topics, decisions: decisions)
    }
}
