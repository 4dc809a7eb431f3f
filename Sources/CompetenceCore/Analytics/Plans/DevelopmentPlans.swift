/// Development plans and foresight per organisation: the plan actions with their status and due days (open
/// actions due before ``AnalyticsOptions/today`` flagged overdue), the visions and paths of the foresight
/// workshops, and the future competence needs of each organisation's latest workshop next to today's gaps.
public struct DevelopmentPlans: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// Every plan action, by organisation, plan and the action's place in the plan.
    public let actions: [PlanActionRow]
    /// Every foresight workshop, by organisation and day.
    public let visions: [VisionRow]
    /// Future needs from each organisation's latest foresight workshop, with today's mean gap from the matrix.
    public let futureNeeds: [FutureNeedRow]

    /// Computes the report of `state`; today's gaps come from `matrix` (withheld there, withheld here); plan
    /// descriptions are opened with `keyring` (`[erased]` once their subject is erased).
    public init(
        state: LedgerState, matrix: SkillsMatrix, options: AnalyticsOptions, provenance: ReportProvenance,
        keyring: SubjectKeyring = .empty
    ) {
        self.provenance = provenance
        actions = state.plans.values
            .sorted { ($0.adoption.event.organisation, $0.id) < ($1.adoption.event.organisation, $1.id) }
            .flatMap { plan in
                plan.adoption.event.actions.map { action in
                    PlanActionRow(
                        plan: plan, action: action, description: keyring.text(action.description),
                        progress: plan.actionStatus[action.action], today: options.today)
                }
            }
        let workshops = state.foresightWorkshops.sorted {
            ($0.event.organisation, $0.event.heldOn, $0.position) < (
                $1.event.organisation, $1.event.heldOn, $1.position
            )
        }
        visions = workshops.map { VisionRow($0.event) }
        var latest: [OrganisationID: ForesightWorkshopHeld] = [:]
        for workshop in workshops { latest[workshop.event.organisation] = workshop.event }
        futureNeeds = latest.keys.sorted().flatMap { organisation in
            let workshop = latest[organisation]!
            return workshop.futureNeeds.map { need in
                FutureNeedRow(
                    organisation: organisation, horizonYear: workshop.horizonYear, competence: need.competence,
                    futureImportance: need.importance,
                    meanGapNow: matrix.row(.organisation(organisation), need.competence)?.figures.meanGap,
                    note: need.note)
            }
        }
    }

    public var tables: [ReportTable] {
        [
            ReportTable(name: "plan_actions", title: "Development plan actions", rows: actions),
            ReportTable(name: "visions", title: "Foresight visions and paths", rows: visions),
            ReportTable(name: "future_needs", title: "Future competence needs next to today's gaps", rows: futureNeeds),
        ]
    }
}

/// One action of a development plan and where it stands.
public struct PlanActionRow: Hashable, Sendable {
    /// The organisation.
    public var organisation: OrganisationID
    /// The plan.
    public var plan: PlanID
    /// The day the plan was adopted.
    public var adoptedOn: CalendarDate
    /// The action as planned.
    public var action: PlanAction
    /// Its description as the report shows it: the text, or `[erased]`, `[sealed]` (``SubjectKeyring/text(_:)``).
    public var description: String
    /// Its status (planned until it progresses).
    public var status: ActionStatus
    /// The day of its last change of status, if any.
    public var statusOn: CalendarDate?
    /// Whether it is still open (planned or in progress) and was due before today.
    public var overdue: Bool

    init(plan: PlanRecord, action: PlanAction, description: String, progress: ActionProgress?, today: CalendarDate) {
        organisation = plan.adoption.event.organisation
        self.plan = plan.id
        adoptedOn = plan.adoption.event.adoptedOn
        self.action = action
        self.description = description
        status = progress?.status ?? .planned
        statusOn = progress?.on
        overdue = (status == .planned || status == .inProgress) && action.dueOn < today
    }
}

/// A foresight workshop's vision and the path to it.
public struct VisionRow: Hashable, Sendable {
    /// The organisation.
    public var organisation: OrganisationID
    /// The workshop.
    public var workshop: String
    /// The day it was held.
    public var heldOn: CalendarDate
    /// The year the vision looks to.
    public var horizonYear: Int
    /// The vision.
    public var vision: String
    /// The path, in the order given.
    public var milestones: [Milestone]

    init(_ workshop: ForesightWorkshopHeld) {
        organisation = workshop.organisation
        self.workshop = workshop.workshop
        heldOn = workshop.heldOn
        horizonYear = workshop.horizonYear
        vision = workshop.vision
        milestones = workshop.milestones
    }
}

/// A competence an organisation's vision will need, next to the gap it has today.
public struct FutureNeedRow: Hashable, Sendable {
    /// The organisation.
    public var organisation: OrganisationID
    /// The vision's horizon.
    public var horizonYear: Int
    /// The competence.
    public var competence: CompetenceID
    /// Its importance at the horizon (1–5).
    public var futureImportance: Int
    /// Today's mean gap from the skills matrix (`nil` when not surveyed, undefined or withheld).
    public var meanGapNow: Double?
    /// Why it will be needed.
    public var note: String?
}
