import Foundation

/// The indicators a funded programme reports, as one value the CLI prints as one JSON object (keys in
/// snake_case; see ``CodingKeys`` and Docs/Analytics.md).
///
/// Counts of persons (and the hours attended, which rest on the same persons) are withheld — `null`, and
/// named in `suppressed` — when fewer than the minimum group size of persons underlie them. Everything else
/// counts organisations, events or money and is always given.
public struct ProgrammeIndicators: Hashable, Sendable, Encodable {
    /// Enrolled organisations (withdrawn ones included).
    public var organisations: Int
    /// Enrolled enterprises.
    public var organisationsEnterprise: Int
    /// Enrolled third-sector organisations.
    public var organisationsThirdSector: Int
    /// Enrolled enterprises of size class micro, small or medium (ESF: supported SMEs).
    public var smes: Int
    /// Organisations that withdrew.
    public var organisationsWithdrawn: Int
    /// Distinct persons registered, surveyed, taking part in a training or giving feedback.
    public var personsInvolved: Int?
    /// Distinct persons with at least one survey answer.
    public var personsSurveyed: Int?
    /// Distinct persons who took part in at least one training.
    public var trainingParticipants: Int?
    /// Distinct persons who completed at least one training.
    public var personsTrained: Int?
    /// Hours attended, summed over participations.
    public var participantHours: Double?
    /// Trainings procured.
    public var trainings: Int
    /// Joint trainings procured.
    public var trainingsJoint: Int
    /// Company-specific trainings procured.
    public var trainingsCompany: Int
    /// Training hours as procured.
    public var trainingHours: Double
    /// Hours of the training sessions held.
    public var trainingSessionHours: Double
    /// Money spent on trainings, in euros (exact: summed in cents).
    public var moneySpentEur: Decimal
    /// Survey rounds opened.
    public var surveyRounds: Int
    /// Management interviews held.
    public var managementInterviews: Int
    /// Foresight workshops held.
    public var foresightWorkshops: Int
    /// Thematic workshops held.
    public var thematicWorkshops: Int
    /// Persons at thematic workshops, as recorded per workshop.
    public var thematicWorkshopParticipants: Int
    /// Mutual company visits made.
    public var companyVisits: Int
    /// Sparring visits held.
    public var sparringVisits: Int
    /// Regional forum meetings held.
    public var forumMeetings: Int
    /// Distinct forum stakeholders per stakeholder kind: by kind and the subject their name is about (the
    /// enrolled organisation, or the stakeholder's own subject).
    public var forumStakeholdersByKind: [String: Int]
    /// Pilot processes started.
    public var pilotsStarted: Int
    /// Pilot processes completed.
    public var pilotsCompleted: Int
    /// Employees involved in pilots (the completion's figure when completed, else the start's).
    public var pilotEmployeesInvolved: Int
    /// Development plans adopted.
    public var developmentPlans: Int
    /// Actions in them.
    public var planActions: Int
    /// Actions completed.
    public var planActionsCompleted: Int
    /// Good practices documented.
    public var goodPracticesDocumented: Int
    /// Good practices published.
    public var goodPracticesPublished: Int
    /// Adoptions of good practices by organisations of the programme.
    public var goodPracticeAdoptions: Int
    /// Adoptions of good practices by organisations outside the programme (dissemination).
    public var goodPracticeAdoptionsOutside: Int
    /// The JSON keys of the indicators withheld for privacy, sorted.
    public var suppressed: [String]
    /// What the indicators were computed from.
    public var provenance: ReportProvenance
    /// How many indicators were withheld for privacy, as primary and as complement (the participant total and
    /// hours count as complements when the trainings withheld that total as one).
    public var withheld: WithheldCells = .none
    /// The programme these indicators are of, in the per-programme objects of ``programmes``; `nil` for the
    /// indicators of the report's own scope.
    public var programme: ProgrammeID?
    /// The indicators of each programme (by id), when the report covers several programmes: the unscoped
    /// indicators of a ledger with two or more programmes. Empty otherwise (one programme: the report is its).
    public var programmes: [ProgrammeIndicators] = []

    /// The JSON keys: one per indicator.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case organisations
        case organisationsEnterprise = "organisations_enterprise"
        case organisationsThirdSector = "organisations_third_sector"
        case smes
        case organisationsWithdrawn = "organisations_withdrawn"
        case personsInvolved = "persons_involved"
        case personsSurveyed = "persons_surveyed"
        case trainingParticipants = "training_participants"
        case personsTrained = "persons_trained"
        case participantHours = "participant_hours"
        case trainings
        case trainingsJoint = "trainings_joint"
        case trainingsCompany = "trainings_company"
        case trainingHours = "training_hours"
        case trainingSessionHours = "training_session_hours"
        case moneySpentEur = "money_spent_eur"
        case surveyRounds = "survey_rounds"
        case managementInterviews = "management_interviews"
        case foresightWorkshops = "foresight_workshops"
        case thematicWorkshops = "thematic_workshops"
        case thematicWorkshopParticipants = "thematic_workshop_participants"
        case companyVisits = "company_visits"
        case sparringVisits = "sparring_visits"
        case forumMeetings = "forum_meetings"
        case forumStakeholdersByKind = "forum_stakeholders_by_kind"
        case pilotsStarted = "pilots_started"
        case pilotsCompleted = "pilots_completed"
        case pilotEmployeesInvolved = "pilot_employees_involved"
        case developmentPlans = "development_plans"
        case planActions = "plan_actions"
        case planActionsCompleted = "plan_actions_completed"
        case goodPracticesDocumented = "good_practices_documented"
        case goodPracticesPublished = "good_practices_published"
        case goodPracticeAdoptions = "good_practice_adoptions"
        case goodPracticeAdoptionsOutside = "good_practice_adoptions_outside"
        case suppressed, provenance
    }

    /// The indicators of `state`. `participationTotalWithheld` carries the training ledger's decision on the
    /// participant total (it is one cell of the trainings' disclosure control, withheld there as a complement
    /// when publishing it would give a withheld training away); when set, `training_participants` and
    /// `participant_hours` are withheld here too.
    public init(
        state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance,
        participationTotalWithheld: Bool = false
    ) {
        self.init(
            state: state, options: options, provenance: provenance,
            participationTotalWithheld: participationTotalWithheld, publicPlan: nil)
    }

    /// The indicators of `state`; with `publicPlan` (the public pass's view of the state's scope) the person
    /// counts are withheld as it says, else each below the minimum group size on its own.
    init(
        state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance,
        participationTotalWithheld: Bool, publicPlan: SuppressionPlan?
    ) {
        self.provenance = provenance
        let enrolled = state.organisations.values.map(\.enrolment.event)
        organisations = enrolled.count
        organisationsEnterprise = enrolled.count { $0.kind == .enterprise }
        organisationsThirdSector = enrolled.count { $0.kind == .thirdSector }
        smes = enrolled.count { $0.kind == .enterprise && $0.sizeClass != .large }
        organisationsWithdrawn = state.organisations.values.count { $0.withdrawnOn != nil }

        let trainings = state.trainings.values.sorted { $0.id < $1.id }
        let participations = trainings.flatMap { $0.participations.map(\.event) }
        let counted = IndicatorPersons(state: state)
        let (involved, surveyed, participants, trained) =
            (counted.involved, counted.surveyed, counted.participants, counted.trained)
        var suppressed: [CodingKeys] = []
        var complements = participationTotalWithheld && !participants.isEmpty ? 2 : 0
        func persons(_ set: Set<PersonID>, _ key: CodingKeys) -> Int? {
            let withheld =
                publicPlan.map { !set.isEmpty && $0.isWithheld(IndicatorPersons.cell(key)) }
                ?? (1..<options.minimumGroupSize).contains(set.count)
            guard withheld else { return set.count }
            if let publicPlan, !publicPlan.primary.contains(IndicatorPersons.cell(key)) { complements += 1 }
            suppressed.append(key)
            return nil
        }
        personsInvolved = persons(involved, .personsInvolved)
        personsSurveyed = persons(surveyed, .personsSurveyed)
        if participationTotalWithheld, !participants.isEmpty {
            suppressed.append(.trainingParticipants)
        } else {
            trainingParticipants = persons(participants, .trainingParticipants)
        }
        personsTrained = persons(trained, .personsTrained)
        if trainingParticipants == nil, !participants.isEmpty {
            suppressed.append(.participantHours)
        } else {
            participantHours = participations.sorted { ($0.training, $0.person) < ($1.training, $1.person) }.reduce(0) {
                $0 + $1.attendedHours
            }
        }
        self.suppressed = suppressed.map(\.stringValue).sorted()
        withheld = WithheldCells(primary: suppressed.count - complements, complement: complements)

        self.trainings = trainings.count
        trainingsJoint = trainings.count { $0.procurement.event.kind == .joint }
        trainingsCompany = trainings.count { $0.procurement.event.kind == .company }
        trainingHours = trainings.reduce(0) { $0 + $1.procurement.event.hours }
        trainingSessionHours = trainings.reduce(0) { $0 + $1.sessions.reduce(0) { $0 + $1.event.hours } }
        moneySpentEur = Decimal(trainings.reduce(0) { $0 + $1.procurement.event.costCents }) / 100

        surveyRounds = state.rounds.count
        managementInterviews = state.interviews.count
        foresightWorkshops = state.foresightWorkshops.count
        thematicWorkshops = state.thematicWorkshops.count
        thematicWorkshopParticipants = state.thematicWorkshops.reduce(0) { $0 + $1.event.participants }
        companyVisits = state.companyVisits.count
        sparringVisits = state.sparringVisits.count
        forumMeetings = state.forumMeetings.count
        let stakeholders = Set(
            state.forumMeetings.flatMap { $0.event.stakeholders.map(StakeholderKey.init) })
        forumStakeholdersByKind = Dictionary(grouping: stakeholders, by: \.kind.rawValue).mapValues(\.count)

        pilotsStarted = state.pilots.count
        pilotsCompleted = state.pilots.values.count { $0.completion != nil }
        pilotEmployeesInvolved = state.pilots.values.reduce(0) {
            $0 + ($1.completion?.event.employeesInvolved ?? $1.start.event.employeesInvolved)
        }
        developmentPlans = state.plans.count
        planActions = state.plans.values.reduce(0) { $0 + $1.adoption.event.actions.count }
        planActionsCompleted = state.plans.values.reduce(0) { total, plan in
            total + plan.adoption.event.actions.count { plan.actionStatus[$0.action]?.status == .completed }
        }
        goodPracticesDocumented = state.practices.count
        goodPracticesPublished = state.practices.values.count { $0.publication != nil }
        goodPracticeAdoptions = state.practices.values.reduce(0) { $0 + $1.adoptions.count }
        goodPracticeAdoptionsOutside = state.practices.values.reduce(0) { $0 + $1.outsideAdoptions.count }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: IndicatorKey.self)
        // A per-programme object names its programme and leaves the provenance to the object it is in.
        if let programme { try container.encode(programme, forKey: IndicatorKey("programme")) }
        if !programmes.isEmpty { try container.encode(programmes, forKey: IndicatorKey("programmes")) }
        for entry in entries where programme == nil || entry.key != .provenance {
            let key = IndicatorKey(entry.key.stringValue)
            // Withheld figures are written as null, never left out: every indicator has its field.
            switch entry.value {
            case .count(let value): try container.encode(value, forKey: key)
            case .hours(let value): try container.encode(value, forKey: key)
            case .euros(let value): try container.encode(value, forKey: key)
            case .countsByKind(let value): try container.encode(value, forKey: key)
            case .names(let value): try container.encode(value, forKey: key)
            case .provenance(let value): try container.encode(value, forKey: key)
            }
        }
    }

    /// A stakeholder, told apart by kind and by the subject its name is sealed about (a name recorded in clear
    /// by an earlier version without a subject: by the name).
    private struct StakeholderKey: Hashable {
        var kind: StakeholderKind
        var identity: String

        init(_ stakeholder: Stakeholder) {
            kind = stakeholder.kind
            identity =
                stakeholder.name.subject?.description ?? stakeholder.name.valueInClear.map { "name:" + $0 } ?? ""
        }
    }

    /// A JSON key: an indicator's, or `programme` / `programmes`.
    private struct IndicatorKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
