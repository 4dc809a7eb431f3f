/// `report trace --organisation ID`: each need of one organisation, from every source, followed to the
/// trainings that answered it, the plan actions that took it up, and the follow-up change of the competence.
///
/// Rows: per need (by competence, then source), one row per training answering it (named first) and per plan
/// action matching it — an action of the organisation's plans for the need's competence whose named training
/// and need, when given, are this training and this source; a need without training or action still has one
/// row. The competence change is the effect report's row for the organisation and competence (baseline →
/// follow-up paired mean), withheld exactly where the effect report withholds it.
public struct NeedTrace: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// The organisation traced.
    public let organisation: OrganisationID
    /// The rows.
    public let rows: [NeedTraceRow]
    /// How many change cells were withheld (those the effect report withholds), as primary and as complement,
    /// as the effect report classes them.
    public let withheld: WithheldCells

    /// The trace of `organisation` in `state`; throws ``AnalyticsError/unknownOrganisation(_:)`` when it is not
    /// enrolled.
    init(
        state: LedgerState, organisation: OrganisationID, matrix: SkillsMatrix, effect: EffectEvaluation,
        options: AnalyticsOptions, provenance: ReportProvenance
    ) throws(AnalyticsError) {
        guard state.organisations[organisation] != nil else { throw .unknownOrganisation(organisation) }
        self.provenance = provenance
        self.organisation = organisation
        let needs = NeedList(state: state, matrix: matrix, options: options).entries.filter {
            $0.reference.organisation == organisation
        }.sorted { ($0.reference.competence, $0.reference.origin) < ($1.reference.competence, $1.reference.origin) }
        let plans = state.plans.values.filter { $0.adoption.event.organisation == organisation }.sorted {
            $0.id < $1.id
        }
        var changes: [CompetenceID: EffectRow] = [:]
        for row in effect.rows where row.population == .organisation(organisation) { changes[row.competence] = row }
        var rows: [NeedTraceRow] = []
        for need in needs {
            let reference = need.reference
            let change = changes[reference.competence]
            let trainings: [(TrainingID, NeedLink)?] = {
                let answering = NeedList.trainings(answering: reference, in: state)
                return answering.isEmpty ? [nil] : answering.map { $0 }
            }()
            for training in trainings {
                var actions: [(PlanRecord, PlanAction)] = []
                for plan in plans {
                    for action in plan.adoption.event.actions where action.competence == reference.competence {
                        if let named = action.training, named != training?.0 { continue }
                        if let origin = action.need, origin != reference.origin { continue }
                        actions.append((plan, action))
                    }
                }
                let matched: [(PlanRecord, PlanAction)?] = actions.isEmpty ? [nil] : actions.map { $0 }
                for pair in matched {
                    rows.append(
                        NeedTraceRow(
                            competence: reference.competence, source: reference.origin,
                            identifiedOn: need.identifiedOn, training: training?.0, link: training?.1,
                            plan: pair?.0.id, action: pair?.1.action,
                            actionStatus: pair.map { $0.0.actionStatus[$0.1.action]?.status ?? .planned },
                            pairs: change?.pairedCount, baselineMean: change?.baselineMean,
                            followUpMean: change?.followUpMean, change: change?.meanChange,
                            suppressed: change?.suppressed ?? false))
                }
            }
        }
        self.rows = rows
        let withheldCompetences = Set(rows.filter(\.suppressed).map(\.competence))
        let primary = withheldCompetences.count { effect.isPrimaryWithheld(.organisation(organisation), $0) }
        withheld = WithheldCells(primary: primary, complement: withheldCompetences.count - primary)
    }

    public var tables: [ReportTable] {
        [ReportTable(name: "trace", title: "From need to result: \(organisation)", rows: rows)]
    }
}

/// One step of a need's trace: the need, a training answering it, a plan action, and the competence's change.
public struct NeedTraceRow: Hashable, Sendable {
    /// The competence needed.
    public var competence: CompetenceID
    /// Where the need was named.
    public var source: NeedOrigin
    /// The day it was first named (`nil` for a survey gap).
    public var identifiedOn: CalendarDate?
    /// A training answering it, if any.
    public var training: TrainingID?
    /// How the training is linked to the need.
    public var link: NeedLink?
    /// The plan of the matching action, if any.
    public var plan: PlanID?
    /// The matching plan action, if any.
    public var action: String?
    /// Where the action stands.
    public var actionStatus: ActionStatus?
    /// Persons with a baseline and a follow-up answer for the competence; `nil` when withheld or none.
    public var pairs: Int?
    /// Their baseline mean.
    public var baselineMean: Double?
    /// Their follow-up mean.
    public var followUpMean: Double?
    /// The mean paired change.
    public var change: Double?
    /// Whether the change is withheld for privacy.
    public var suppressed: Bool
}

extension NeedTraceRow: TableRow {
    /// `competence,source,identified_on,training,training_link,plan,action,action_status,pairs,baseline_mean,`
    /// `follow_up_mean,change,suppressed`.
    public static let columns = [
        "competence", "source", "identified_on", "training", "training_link", "plan", "action", "action_status",
        "pairs", "baseline_mean", "follow_up_mean", "change", "suppressed",
    ]

    public var cells: [String] {
        [
            competence.rawValue, source.rawValue, CellFormat.day(identifiedOn), training?.rawValue ?? "",
            link?.rawValue ?? "", plan?.rawValue ?? "", CellFormat.text(action), actionStatus?.rawValue ?? "",
            CellFormat.count(pairs), CellFormat.number(baselineMean), CellFormat.number(followUpMean),
            CellFormat.number(change), CellFormat.flag(suppressed),
        ]
    }
}
