/// Reaction to one training (Kirkpatrick level 1): how many rated it and the mean score (1–5), withheld when
/// fewer than the minimum group size rated it.
public struct ReactionRow: Hashable, Sendable {
    /// The training.
    public var training: TrainingID
    /// Its title.
    public var title: String
    /// How many ratings were given (`nil` when withheld).
    public var responses: Int?
    /// The mean reaction score (`nil` when withheld or none).
    public var meanScore: Double?
    /// Whether the figures are withheld for privacy.
    public var suppressed: Bool

    /// A row per training, by training id, withheld as `plan` says (the effect report's plan over
    /// ``cells(_:previousSnapshot:)``).
    static func rows(_ state: LedgerState, plan: SuppressionPlan) -> [ReactionRow] {
        state.trainings.values.sorted { $0.id < $1.id }.map { training in
            let scores = training.feedback.map { Double($0.event.score) }
            let suppressed = plan.isWithheld(Self.cell(training.id))
            return ReactionRow(
                training: training.id, title: training.procurement.event.title,
                responses: suppressed ? nil : scores.count, meanScore: suppressed ? nil : SampleSummary(scores).mean,
                suppressed: suppressed)
        }
    }

    /// The reaction cells of `state`: each training's ratings (a rating is one person's). No published total
    /// adds them up; in public reports each cell is linked to its figure at the previous public snapshot, so
    /// fewer than k ratings given since then withhold it (else the two means would give those ratings away).
    static func cells(_ state: LedgerState, previousSnapshot: Int32? = nil) -> DisclosureCells {
        var cells = DisclosureCells()
        for training in state.trainings.values.sorted(by: { $0.id < $1.id }) {
            let cell = Self.cell(training.id)
            cells.counts[cell] = training.feedback.count
            if let previousSnapshot {
                let since = training.feedback.count { Int32($0.event.givenOn.daysSinceEpoch) > previousSnapshot }
                cells.addChangeSincePreviousSnapshot(of: cell, changed: since)
            }
        }
        return cells
    }

    /// The cell of one training's reaction figures.
    static func cell(_ training: TrainingID) -> SuppressionCell { SuppressionCell("reaction", training.rawValue) }
}

/// Behaviour in one organisation (a Kirkpatrick level 3 proxy): development-plan actions and how many are
/// completed, and good practices it adopted. Organisation-level facts: not aggregates over persons.
public struct BehaviourRow: Hashable, Sendable {
    /// The organisation.
    public var organisation: OrganisationID
    /// Development plans adopted.
    public var plans: Int
    /// Actions in them.
    public var planActions: Int
    /// Actions completed.
    public var actionsCompleted: Int
    /// actionsCompleted / planActions (`nil` without actions).
    public var shareCompleted: Double?
    /// Good practices it adopted.
    public var practicesAdopted: Int

    /// A row per enrolled organisation, by id.
    static func rows(_ state: LedgerState) -> [BehaviourRow] {
        state.organisations.keys.sorted().map { organisation in
            let plans = state.plans.values.filter { $0.adoption.event.organisation == organisation }
            let actions = plans.flatMap { plan in
                plan.adoption.event.actions.map { plan.actionStatus[$0.action]?.status }
            }
            let completed = actions.count { $0 == .completed }
            return BehaviourRow(
                organisation: organisation, plans: plans.count, planActions: actions.count, actionsCompleted: completed,
                shareCompleted: actions.isEmpty ? nil : Double(completed) / Double(actions.count),
                practicesAdopted: state.practices.values.reduce(0) {
                    $0 + $1.adoptions.count { $0.event.organisation == organisation }
                })
        }
    }
}
