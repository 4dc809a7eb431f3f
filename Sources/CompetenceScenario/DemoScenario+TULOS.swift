import CompetenceCore
import Foundation

/// An organisation of the TULOS scenario and its pilot.
private struct CareOrganisation {
    var id: OrganisationID
    var name: String
    var kind: OrganisationKind
    var sector: String
    var size: SizeClass
    var region: String
    /// The pilot's theme; `nil` for the organisation that withdrew before its pilot.
    var pilot: String?
    /// Work ability index (0–10) before the pilot.
    var wellBeingBefore: Double
}

private let careOrganisations: [CareOrganisation] = [
    CareOrganisation(
        id: "kotihoito-aura", name: "Kotihoito Aura Oy", kind: .enterprise, sector: "home care", size: .small,
        region: "Varsinais-Suomi", pilot: "shift planning together with the staff", wellBeingBefore: 6.8),
    CareOrganisation(
        id: "mielenterveys-turku", name: "Turun seudun mielenterveysyhdistys ry", kind: .thirdSector,
        sector: "mental health services", size: .small, region: "Varsinais-Suomi", pilot: "walking meetings",
        wellBeingBefore: 7.1),
    CareOrganisation(
        id: "palvelukoti-seinajoki", name: "Palvelukoti Seinäjoki Oy", kind: .enterprise, sector: "assisted living",
        size: .small, region: "Etelä-Pohjanmaa", pilot: "digital client records at the bedside", wellBeingBefore: 6.5),
    CareOrganisation(
        id: "vammaispalvelu-ep", name: "Etelä-Pohjanmaan vammaispalvelusäätiö", kind: .thirdSector,
        sector: "disability services", size: .medium, region: "Etelä-Pohjanmaa", pilot: "peer mentoring for new staff",
        wellBeingBefore: 7.0),
    CareOrganisation(
        id: "fysio-lapua", name: "Fysioterapia Lapua Oy", kind: .enterprise, sector: "physiotherapy", size: .micro,
        region: "Etelä-Pohjanmaa", pilot: "remote physiotherapy sessions", wellBeingBefore: 7.4),
    CareOrganisation(
        id: "kansanterveys-loimaa", name: "Loimaan kansanterveysyhdistys ry", kind: .thirdSector,
        sector: "health promotion", size: .micro, region: "Varsinais-Suomi", pilot: nil, wellBeingBefore: 7.2),
]

private let careCompetences: [(id: CompetenceID, name: String)] = [
    ("digital-services", "Digital services"),
    ("multidisciplinary-work", "Multidisciplinary cooperation"),
    ("customer-centricity", "Customer-centred service"),
    ("wellbeing-leadership", "Leadership for well-being at work"),
    ("change-management", "Managing change"),
]

extension ScenarioBuilder {
    /// The TULOS programme, autumn 2019 to summer 2021.
    mutating func buildTULOS() {
        let programme: ProgrammeID = "tulos"
        add(
            "TULOS set up",
            [
                ProgrammeSetUp(
                    programme: programme, name: "TULOS – sustainable productive competence for the future",
                    funder: "ESF 2014–2020", regions: ["Varsinais-Suomi", "Etelä-Pohjanmaa"],
                    startsOn: scenarioDay(2019, 9, 1),
                    endsOn: scenarioDay(2021, 8, 31)),
                CompetenceFrameworkDefined(
                    framework: "tulos-sote", name: "Welfare and health work competences", scale: .standard),
            ]
                + careCompetences.map {
                    CompetenceDefined(
                        competence: $0.id, name: $0.name, category: "welfare and health work", scale: .standard,
                        framework: "tulos-sote")
                })

        var people: [OrganisationID: [PersonRegistered]] = [:]
        for (index, organisation) in careOrganisations.enumerated() {
            let persons = (1...6).map { number in
                PersonRegistered(
                    person: PersonID("\(organisation.id)-\(String(format: "%02d", number))"),
                    organisation: organisation.id,
                    role: number == 1 ? .manager : number == 2 ? .supervisor : .staff)
            }
            people[organisation.id] = persons
            add(
                "TULOS enrolment: \(organisation.id)",
                [
                    OrganisationEnrolled(
                        organisation: organisation.id, name: organisation.name, kind: organisation.kind,
                        sector: organisation.sector, sizeClass: organisation.size, region: organisation.region,
                        programme: programme, enrolledOn: scenarioDay(2019, 11, 4).adding(days: index))
                ] + persons)
        }

        // The skills survey that sets off every pilot, spring 2020.
        let competenceIDs = careCompetences.map(\.id)
        var before: [PersonID: [CompetenceID: Int]] = [:]
        addSurvey(
            "TULOS skills survey", round: DemoScenario.tulosBaseline, kind: .baseline, programme: programme,
            people: careOrganisations.map { ($0.id, people[$0.id]!) }, competences: competenceIDs,
            opensOn: scenarioDay(2020, 2, 3), firstAnswerOn: scenarioDay(2020, 2, 4), spread: 20
        ) { random, person, competence in
            let current = random.int(in: 1...3) + (person.role == .manager ? 1 : 0)
            before[person.person, default: [:]][competence] = current
            return (current, min(5, current + random.int(in: 1...2)), random.int(in: 3...5))
        }
        add(
            "TULOS skills survey closed",
            [SurveyRoundClosed(round: DemoScenario.tulosBaseline, closedOn: scenarioDay(2020, 3, 6))])

        // Indicators before the pilots; one organisation withdraws before its pilot starts.
        add(
            "TULOS indicators before",
            careOrganisations.flatMap { indicators($0, on: scenarioDay(2020, 3, 31), after: false) })
        add(
            "TULOS withdrawal",
            [
                OrganisationWithdrawn(
                    organisation: "kansanterveys-loimaa", withdrawnOn: scenarioDay(2020, 5, 29),
                    reason: PersonalText(
                        "no staff resources for a pilot during the pandemic",
                        about: .organisation("kansanterveys-loimaa")))
            ])
        let piloting = careOrganisations.filter { $0.pilot != nil }
        add(
            "TULOS pilots started",
            piloting.enumerated().map { index, organisation in
                PilotStarted(
                    pilot: PilotID("\(organisation.id)-pilot"), organisation: organisation.id,
                    theme: organisation.pilot!,
                    startedOn: scenarioDay(2020, 8, 17).adding(days: index * 3),
                    employeesInvolved: 6 + random.int(in: 0...14))
            })

        // Thematic workshops for all participating organisations.
        let workshops: [(String, CalendarDate, String)] = [
            ("workshop-1", scenarioDay(2020, 10, 8), "Well-being at work in small organisations"),
            ("workshop-2", scenarioDay(2021, 1, 21), "Digital services and multidisciplinary work"),
            ("workshop-3", scenarioDay(2021, 4, 15), "Productivity, customers and an attractive workplace"),
        ]
        for (number, (workshop, heldOn, theme)) in workshops.enumerated() {
            add(
                "TULOS thematic workshop \(number + 1)",
                [
                    ThematicWorkshopHeld(
                        programme: programme, workshop: workshop, heldOn: heldOn, theme: theme,
                        organisations: piloting.map(\.id), participants: 14 + random.int(in: 0...12))
                ])
        }

        // Pilots complete; the skills survey and the indicators are measured again.
        add(
            "TULOS pilots completed",
            piloting.enumerated().map { index, organisation in
                PilotCompleted(
                    pilot: PilotID("\(organisation.id)-pilot"),
                    completedOn: scenarioDay(2021, 3, 19).adding(days: index),
                    employeesInvolved: 8 + random.int(in: 0...14),
                    outcome: "\(organisation.pilot!.capitalized) in everyday use")
            })
        addSurvey(
            "TULOS follow-up survey", round: DemoScenario.tulosFollowUp, kind: .followUp, programme: programme,
            people: piloting.map { ($0.id, people[$0.id]!) }, competences: competenceIDs,
            opensOn: scenarioDay(2021, 4, 26), firstAnswerOn: scenarioDay(2021, 4, 27), spread: 3
        ) { random, person, competence in
            let current = min(5, before[person.person]![competence]! + (random.chance(0.55) ? 1 : 0))
            return (current, min(5, current + random.int(in: 0...1)), random.int(in: 3...5))
        }
        add(
            "TULOS follow-up survey closed",
            [SurveyRoundClosed(round: DemoScenario.tulosFollowUp, closedOn: scenarioDay(2021, 5, 14))])
        add("TULOS indicators after", piloting.flatMap { indicators($0, on: scenarioDay(2021, 5, 31), after: true) })

        // Good practices from three pilots: documented, published to SoteNavi, adopted by others.
        let practices: [(PracticeID, String, OrganisationID, [OrganisationID])] = [
            ("walking-meetings", "Walking meetings", "mielenterveys-turku", ["kotihoito-aura", "fysio-lapua"]),
            ("shared-shift-planning", "Shift planning with the staff", "kotihoito-aura", ["palvelukoti-seinajoki"]),
            (
                "peer-mentoring", "Peer mentoring for new employees", "vammaispalvelu-ep",
                ["palvelukoti-seinajoki", "mielenterveys-turku"]
            ),
        ]
        for (index, (practice, title, origin, adopters)) in practices.enumerated() {
            let documentedOn = scenarioDay(2021, 4, 20).adding(days: index)
            add(
                "TULOS good practice: \(practice)",
                [
                    GoodPracticeDocumented(
                        practice: practice, title: title, theme: "well-being and productivity", origin: origin,
                        summary: "\(title): how it was piloted, what it needs and what it changed",
                        documentedOn: documentedOn),
                    GoodPracticePublished(
                        practice: practice, catalogue: "SoteNavi", publishedOn: scenarioDay(2021, 5, 20)),
                ]
                    + adopters.enumerated().map { number, adopter in
                        GoodPracticeAdopted(
                            practice: practice, organisation: adopter,
                            adoptedOn: scenarioDay(2021, 6, 7).adding(days: number * 14))
                    }
                    + Self.outsideAdopters(of: practice).enumerated().map { number, adopter in
                        GoodPracticeAdoptedOutside(
                            practice: practice, adopter: adopter,
                            adoptedOn: scenarioDay(2021, 9, 6).adding(days: number * 21))
                    })
        }
        let adopting = Set(practices.flatMap(\.3))
        add("TULOS indicators at the end", closingIndicators(piloting.filter { adopting.contains($0.id) }))
    }

    /// The work ability index at the end of TULOS, after the adoptions of good practices, of the organisations
    /// that adopted one.
    private func closingIndicators(_ organisations: [CareOrganisation]) -> [any LedgerEvent] {
        organisations.map { organisation in
            IndicatorMeasured(
                organisation: organisation.id, indicator: .wellBeing, name: "work ability index",
                value: organisation.wellBeingBefore + 0.9, unit: "score 0–10", measuredOn: scenarioDay(2021, 8, 31),
                respondents: 6)
        }
    }

    /// Small work organisations outside TULOS that took up a practice after it was published (dissemination).
    private static func outsideAdopters(of practice: PracticeID) -> [OutsideOrganisation] {
        switch practice {
        case "walking-meetings":
            [
                OutsideOrganisation(
                    name: "Hoivakoti Kotiranta", kind: .enterprise, sector: "elderly care", region: "Kymenlaakso"),
                OutsideOrganisation(
                    name: "Nuorisotyön yhdistys Verso", kind: .thirdSector, sector: "youth work",
                    region: "Pirkanmaa"),
            ]
        case "peer-mentoring":
            [
                OutsideOrganisation(
                    name: "Terapiapalvelu Aalto", kind: .enterprise, sector: "rehabilitation",
                    region: "Etelä-Pohjanmaa")
            ]
        default: []
        }
    }

    /// Work ability, sick leave and client hours of one organisation, before or after its pilot.
    private mutating func indicators(
        _ organisation: CareOrganisation, on day: CalendarDate, after: Bool
    ) -> [any LedgerEvent] {
        let lift = after ? Double(random.int(in: 2...8)) / 10 : 0
        // Before the pilot, sick leave and client hours go with well-being; after it, they move with the lift.
        let sickDaysBefore = 20 - 1.5 * organisation.wellBeingBefore
        let hoursBefore = 20 + organisation.wellBeingBefore
        return [
            IndicatorMeasured(
                organisation: organisation.id, indicator: .wellBeing, name: "work ability index",
                value: organisation.wellBeingBefore + lift,
                unit: "score 0–10", measuredOn: day, respondents: 6),
            IndicatorMeasured(
                organisation: organisation.id, indicator: .sickLeaveDays, name: "sick-leave days per person-year",
                value: after ? sickDaysBefore - 2 * lift : sickDaysBefore, unit: "days", measuredOn: day),
            IndicatorMeasured(
                organisation: organisation.id, indicator: .productivity, name: "client hours per employee per week",
                value: after ? hoursBefore + 3 * lift : hoursBefore, unit: "hours", measuredOn: day),
        ]
    }
}
