/// The disclosure control of the training participant figures: one `SuppressionPlan` over every published
/// cell that counts participants — each training, each organisation, each competence (the trainings that
/// target it) and all participants (the indicators' `training_participants` and `participant_hours`).
///
/// Relations: all participants by training and by organisation; each competence by the trainings that target
/// it. Attended hours add up along each relation, so a withheld training cannot be recovered as a published
/// total minus its published neighbours.
struct TrainingDisclosure: Sendable {
    /// A cell of participant figures.
    enum Cell: Hashable, Sendable {
        case training(TrainingID)
        case organisation(OrganisationID)
        case competence(CompetenceID)
        case all

        var suppressionCell: SuppressionCell {
            switch self {
            case .training(let id): SuppressionCell("trainings", "training", id.rawValue)
            case .organisation(let id): SuppressionCell("trainings", "organisation", id.rawValue)
            case .competence(let id): SuppressionCell("trainings", "competence", id.rawValue)
            case .all: SuppressionCell("trainings", "all")
            }
        }
    }

    /// The cells and their relations.
    let cells: DisclosureCells
    /// The plan the cells are withheld by: their own (an analyst report), or the public pass's.
    let plan: SuppressionPlan
    private let members: [Cell: [ParticipationRecorded]]

    /// The cells of `records`, planned on their own, or — with `publicPlan` — withheld as it says.
    init(
        records: [TrainingRecord], organisations: [OrganisationID], competences: [CompetenceID],
        minimumGroupSize: Int, publicPlan: SuppressionPlan? = nil, previousSnapshot: Int32? = nil
    ) {
        var members: [Cell: [ParticipationRecorded]] = [:]
        members[.all] = records.flatMap { $0.participations.map(\.event) }
        for record in records { members[.training(record.id)] = record.participations.map(\.event) }
        // One pass over the participations, not one per organisation (a national programme has thousands of
        // organisations): each organisation's in the same order as before, training by training.
        var byOrganisation: [OrganisationID: [ParticipationRecorded]] = [:]
        for record in records {
            for participation in record.participations {
                byOrganisation[participation.event.organisation, default: []].append(participation.event)
            }
        }
        for organisation in organisations { members[.organisation(organisation)] = byOrganisation[organisation] ?? [] }
        var relations = [
            SuppressionRelation(
                total: Cell.all.suppressionCell, parts: records.map { Cell.training($0.id).suppressionCell }),
            SuppressionRelation(
                total: Cell.all.suppressionCell, parts: organisations.map { Cell.organisation($0).suppressionCell }),
        ]
        for competence in competences {
            let targeting = records.filter { $0.procurement.event.competences.contains(competence) }
            members[.competence(competence)] = targeting.flatMap { $0.participations.map(\.event) }
            relations.append(
                SuppressionRelation(
                    total: Cell.competence(competence).suppressionCell,
                    parts: targeting.map { Cell.training($0.id).suppressionCell }))
        }
        var counts: [SuppressionCell: Int] = [:]
        for (cell, participations) in members { counts[cell.suppressionCell] = Set(participations.map(\.person)).count }
        var cells = DisclosureCells(counts: counts, relations: relations)
        if let previousSnapshot {
            // Persons whose participation was recorded since the previous public snapshot change the cell.
            for (cell, participations) in members.sorted(by: { $0.key.suppressionCell < $1.key.suppressionCell }) {
                let since = participations.filter { $0.recordedOn.daysSinceEpoch > Int(previousSnapshot) }
                cells.addChangeSincePreviousSnapshot(of: cell.suppressionCell, changed: Set(since.map(\.person)).count)
            }
        }
        self.cells = cells
        plan = publicPlan ?? cells.plan(minimumGroupSize: minimumGroupSize)
        self.members = members
    }

    /// The cells of the trainings of `state`, planned on their own, or — with `publicPlan` — withheld as it says.
    /// `previousSnapshot` (days since 1970-01-01, ``PreviousSnapshot``) adds each cell's change since that day
    /// (the public pass).
    init(
        state: LedgerState, minimumGroupSize: Int, publicPlan: SuppressionPlan? = nil, previousSnapshot: Int32? = nil
    ) {
        let records = state.trainings.values.sorted { $0.id < $1.id }
        self.init(
            records: records, organisations: state.organisations.keys.sorted(),
            competences: Set(records.flatMap(\.procurement.event.competences)).sorted(),
            minimumGroupSize: minimumGroupSize, publicPlan: publicPlan, previousSnapshot: previousSnapshot)
    }

    /// The participations a cell counts.
    func participations(_ cell: Cell) -> [ParticipationRecorded] { members[cell] ?? [] }

    /// How many of these cells the plan withholds, as primary and as complement.
    var withheld: WithheldCells { WithheldCells(plan, among: Set(cells.counts.keys)) }

    /// Whether the cell's participant figures are withheld.
    func isWithheld(_ cell: Cell) -> Bool { plan.isWithheld(cell.suppressionCell) }
}
