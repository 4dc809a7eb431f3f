/// The training ledger: what was procured (joint or company-specific), its cost and hours, who took part and
/// completed, per training, per organisation and per competence; and **coverage**: which of each
/// organisation's top-ranked gaps a training it takes part in targets.
///
/// Participant figures (participants, completions, attended hours and what is derived from them) are
/// aggregates over persons: withheld when fewer than the minimum group size took part. Cost and hours of a
/// training are not about persons and are always shown. A training "involves" an organisation when the
/// procurement names it or a person of it took part.
public struct TrainingLedger: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// Per training, by id.
    public let trainings: [TrainingRow]
    /// Per enrolled organisation, by id.
    public let organisations: [OrganisationTrainingRow]
    /// Per competence targeted, by id.
    public let competences: [CompetenceTrainingRow]
    /// Each organisation's top gaps (``AnalyticsOptions/topGaps``) and the trainings that target them.
    public let coverage: [CoverageRow]
    /// Every need from every source (top survey gaps, interviews, foresight, identified training needs), each
    /// with its source and the trainings answering it.
    public let needCoverage: [NeedCoverageRow]
    /// How many participant cells (trainings, organisations, competences, all participants) were withheld.
    public let withheld: WithheldCells
    /// Whether the participant total over every training is withheld (the indicators follow it).
    public let participationTotalWithheld: Bool

    /// Computes the ledger of `state` (an analyst's: its cells planned on their own); coverage uses the ranked
    /// gaps of `matrix`.
    public init(state: LedgerState, matrix: SkillsMatrix, options: AnalyticsOptions, provenance: ReportProvenance) {
        self.init(state: state, matrix: matrix, options: options, provenance: provenance, disclosure: nil)
    }

    /// Computes the ledger of `state`; with `disclosure`, its cells are withheld as the public pass says.
    init(
        state: LedgerState, matrix: SkillsMatrix, options: AnalyticsOptions, provenance: ReportProvenance,
        disclosure publicPass: PublicDisclosure?
    ) {
        self.provenance = provenance
        let records = state.trainings.values.sorted { $0.id < $1.id }
        let targeted = Set(records.flatMap(\.procurement.event.competences)).sorted()
        let disclosure = TrainingDisclosure(
            records: records, organisations: state.organisations.keys.sorted(), competences: targeted,
            minimumGroupSize: options.minimumGroupSize, publicPlan: publicPass?.plan)
        withheld = disclosure.withheld
        participationTotalWithheld = disclosure.isWithheld(.all)
        trainings = records.map { TrainingRow($0, withheld: disclosure.isWithheld(.training($0.id))) }

        organisations = state.organisations.keys.sorted().map { organisation in
            let involved = records.filter { $0.involves(organisation) }
            return OrganisationTrainingRow(
                organisation: organisation, trainings: involved.count,
                participation: ParticipantFigures(
                    disclosure.participations(.organisation(organisation)),
                    withheld: disclosure.isWithheld(.organisation(organisation))))
        }

        competences = targeted.map { competence in
            let targeting = records.filter { $0.procurement.event.competences.contains(competence) }
            // A training's cost and hours are split equally among the competences it targets, so the rows add up.
            let shares = targeting.map {
                (
                    Double($0.procurement.event.costCents), $0.procurement.event.hours,
                    Double($0.procurement.event.competences.count)
                )
            }
            return CompetenceTrainingRow(
                competence: competence, trainings: targeting.count,
                costCentsShare: Int((shares.reduce(0) { $0 + $1.0 / $1.2 }).rounded()),
                hoursShare: shares.reduce(0) { $0 + $1.1 / $1.2 },
                participation: ParticipantFigures(
                    disclosure.participations(.competence(competence)),
                    withheld: disclosure.isWithheld(.competence(competence))))
        }

        coverage = matrix.rankedGaps.filter { $0.rank <= options.topGaps }.map { gap in
            let covering = records.filter {
                $0.involves(gap.organisation) && $0.procurement.event.competences.contains(gap.competence)
            }
            return CoverageRow(
                organisation: gap.organisation, rank: gap.rank, competence: gap.competence, meanGap: gap.meanGap,
                priority: gap.priority, trainings: covering.map(\.id))
        }
        needCoverage = NeedCoverageRow.rows(NeedList(state: state, matrix: matrix, options: options), state: state)
    }

    public var tables: [ReportTable] {
        [
            ReportTable(name: "trainings", title: "Trainings procured", rows: trainings),
            ReportTable(name: "trainings_by_organisation", title: "Trainings per organisation", rows: organisations),
            ReportTable(name: "trainings_by_competence", title: "Spending per competence", rows: competences),
            ReportTable(name: "coverage", title: "Coverage of each organisation's top gaps", rows: coverage),
            ReportTable(name: "need_coverage", title: "Coverage of needs from every source", rows: needCoverage),
        ]
    }
}

extension TrainingRecord {
    /// Whether the procurement names the organisation or a person of it took part.
    func involves(_ organisation: OrganisationID) -> Bool {
        procurement.event.organisations.contains(organisation)
            || participations.contains { $0.event.organisation == organisation }
    }
}

/// What a set of participations adds up to. Every figure is `nil` when withheld (fewer than the minimum group
/// size of distinct persons) or undefined.
public struct ParticipantFigures: Hashable, Sendable {
    /// Distinct persons who took part.
    public var participants: Int?
    /// Distinct persons who completed at least one of the trainings.
    public var completed: Int?
    /// completed / participants.
    public var completionRate: Double?
    /// Hours attended, summed over participations.
    public var attendedHours: Double?
    /// Whether the figures are withheld for privacy.
    public var suppressed: Bool

    init(_ participations: [ParticipationRecorded], withheld: Bool) {
        let persons = Set(participations.map(\.person))
        suppressed = withheld
        guard !suppressed else { return }
        let completers = Set(participations.filter(\.completed).map(\.person))
        participants = persons.count
        completed = completers.count
        completionRate = persons.isEmpty ? nil : Double(completers.count) / Double(persons.count)
        attendedHours = participations.sorted { ($0.person, $0.training) < ($1.person, $1.training) }.reduce(0) {
            $0 + $1.attendedHours
        }
    }
}

/// One procured training.
public struct TrainingRow: Hashable, Sendable {
    /// The training.
    public var training: TrainingID
    /// Its title.
    public var title: String
    /// Who delivers it.
    public var provider: String
    /// Joint or company-specific.
    public var kind: TrainingKind
    /// The competences it targets.
    public var competences: [CompetenceID]
    /// The organisations it involves (named in the procurement or with participants), by id.
    public var organisations: [OrganisationID]
    /// The day it was procured.
    public var procuredOn: CalendarDate
    /// Its cost in euro cents.
    public var costCents: Int
    /// Its length in hours, as procured.
    public var hours: Double
    /// Sessions held.
    public var sessions: Int
    /// Hours of the sessions held.
    public var sessionHours: Double
    /// Participant figures.
    public var participation: ParticipantFigures
    /// Cost in euros per attended participant hour (`nil` when withheld or no hours attended).
    public var costPerParticipantHour: Double?

    init(_ record: TrainingRecord, withheld: Bool) {
        let procurement = record.procurement.event
        training = record.id
        title = procurement.title
        provider = procurement.provider
        kind = procurement.kind
        competences = procurement.competences
        organisations = Set(procurement.organisations + record.participations.map(\.event.organisation)).sorted()
        procuredOn = procurement.procuredOn
        costCents = procurement.costCents
        hours = procurement.hours
        sessions = record.sessions.count
        sessionHours = record.sessions.reduce(0) { $0 + $1.event.hours }
        participation = ParticipantFigures(record.participations.map(\.event), withheld: withheld)
        if let attended = participation.attendedHours, attended > 0 {
            costPerParticipantHour = Double(costCents) / 100 / attended
        }
    }
}

/// Trainings of one organisation.
public struct OrganisationTrainingRow: Hashable, Sendable {
    /// The organisation.
    public var organisation: OrganisationID
    /// Trainings that involve it.
    public var trainings: Int
    /// Its persons' participation.
    public var participation: ParticipantFigures
}

/// Trainings targeting one competence.
public struct CompetenceTrainingRow: Hashable, Sendable {
    /// The competence.
    public var competence: CompetenceID
    /// Trainings targeting it.
    public var trainings: Int
    /// Its share of their cost (each training's cost split equally among its competences), in cents.
    public var costCentsShare: Int
    /// Its share of their hours, split the same way.
    public var hoursShare: Double
    /// Participation in the trainings targeting it.
    public var participation: ParticipantFigures
}

/// One of an organisation's top gaps and the trainings involving the organisation that target it.
public struct CoverageRow: Hashable, Sendable {
    /// The organisation.
    public var organisation: OrganisationID
    /// The gap's rank (1 = train first).
    public var rank: Int
    /// The competence.
    public var competence: CompetenceID
    /// The mean gap.
    public var meanGap: Double
    /// Mean of gap × importance.
    public var priority: Double
    /// Trainings involving the organisation that target the competence, by id.
    public var trainings: [TrainingID]
    /// Whether any training covers the gap.
    public var covered: Bool { !trainings.isEmpty }
}
