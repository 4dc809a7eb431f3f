/// The cells of the effect evaluation before disclosure control: the paired changes of each organisation and
/// `ALL` per competence, whole and split into trained, attended and untrained, with the relations between
/// them and how many of each cell's pairs came to be since the previous public snapshot.
struct EffectCells: Sendable {
    /// Every paired change of the state.
    let changes: PairedChanges
    /// The organisation × competence pairs the evaluation has rows for.
    let pairs: Set<MatrixPair>
    /// The competences, sorted.
    let competences: [CompetenceID]
    /// Persons per cell; relations: each population's whole by its groups, each group of `ALL` by organisation.
    let disclosure: DisclosureCells
    /// Each competence's changes by organisation, as indices into the competence's list in ``changes`` (in
    /// person order): a second copy of every change took 48 bytes each, hundreds of megabytes at 10 M events.
    private let byOrganisation: [CompetenceID: [OrganisationID: [Int32]]]

    /// The cells of `state`; `previousSnapshot` (days since 1970-01-01, ``PreviousSnapshot``) adds each cell's
    /// change since that day (public reports).
    init(state: LedgerState, options: AnalyticsOptions, previousSnapshot: Int32? = nil) {
        let changes = PairedChanges(in: state, rater: options.rater)
        // Rows: every organisation × competence asked in both a baseline and a follow-up round, and every pair
        // with a paired person.
        var asked: [RoundKind: Set<MatrixPair>] = [:]
        for round in state.rounds.values {
            for organisation in round.opening.event.organisations {
                for competence in round.opening.event.competences {
                    asked[round.kind, default: []].insert(
                        MatrixPair(organisation: organisation, competence: competence))
                }
            }
        }
        var pairs = (asked[.baseline] ?? []).intersection(asked[.followUp] ?? [])
        // Each competence's changes by organisation, in person order.
        var byOrganisation: [CompetenceID: [OrganisationID: [Int32]]] = [:]
        for (competence, list) in changes.byCompetence {
            var grouped: [Int32: [Int32]] = [:]
            for (index, change) in list.enumerated() { grouped[change.organisation, default: []].append(Int32(index)) }
            byOrganisation[competence] = Dictionary(
                uniqueKeysWithValues: grouped.map { (changes.organisations[$0.key], $0.value) })
            for organisation in grouped.keys {
                pairs.insert(MatrixPair(organisation: changes.organisations[organisation], competence: competence))
            }
        }
        self.changes = changes
        self.pairs = pairs
        self.byOrganisation = byOrganisation
        competences = Set(pairs.map(\.competence)).sorted()
        let organisationsAsked = Dictionary(grouping: pairs, by: \.competence).mapValues {
            $0.map(\.organisation).sorted()
        }

        var disclosure = DisclosureCells()
        var changed: [SuppressionCell: Int] = [:]
        for competence in competences {
            let organisations = organisationsAsked[competence] ?? []
            let populations = organisations.map(Population.organisation) + [.all]
            for population in populations {
                let group = byOrganisation.members(population, competence, all: changes)
                let since = { (members: [PairedChange]) in
                    previousSnapshot.map { day in members.count { $0.followUpOn > day } } ?? 0
                }
                let whole = Self.cell(.whole, population, competence)
                disclosure.counts[whole] = group.count
                changed[whole] = since(group)
                for part in TrainingGroup.allCases {
                    let cell = Self.cell(Part(part), population, competence)
                    let members = group.filter { $0.group == part }
                    disclosure.counts[cell] = members.count
                    changed[cell] = since(members)
                }
                disclosure.relations.append(
                    SuppressionRelation(
                        total: whole, parts: TrainingGroup.allCases.map { Self.cell(Part($0), population, competence) }
                    ))
            }
            for part in Part.allCases {
                disclosure.relations.append(
                    SuppressionRelation(
                        total: Self.cell(part, .all, competence),
                        parts: organisations.map { Self.cell(part, .organisation($0), competence) }))
            }
        }
        for (cell, count) in changed.sorted(by: { $0.key < $1.key }) {
            disclosure.addChangeSincePreviousSnapshot(of: cell, changed: count)
        }
        self.disclosure = disclosure
    }

    /// The paired changes of an organisation or `ALL` on a competence, in person order.
    func members(_ population: Population, _ competence: CompetenceID) -> [PairedChange] {
        byOrganisation.members(population, competence, all: changes)
    }

    /// A population's whole pairs, or one of its training groups.
    enum Part: String, CaseIterable {
        case whole, trained, attended, untrained

        init(_ group: TrainingGroup) {
            switch group {
            case .trained: self = .trained
            case .attended: self = .attended
            case .untrained: self = .untrained
            }
        }
    }

    /// The cell of a part of an organisation's or `ALL`'s pairs on a competence.
    static func cell(_ part: Part, _ population: Population, _ competence: CompetenceID) -> SuppressionCell {
        SuppressionCell("effect", part.rawValue, population.description, competence.rawValue)
    }
}

extension [CompetenceID: [OrganisationID: [Int32]]] {
    fileprivate func members(
        _ population: Population, _ competence: CompetenceID, all: PairedChanges
    ) -> [PairedChange] {
        let list = all.byCompetence[competence] ?? []
        switch population {
        case .all: return list
        case .organisation(let id): return (self[competence]?[id] ?? []).map { list[Int($0)] }
        }
    }
}
