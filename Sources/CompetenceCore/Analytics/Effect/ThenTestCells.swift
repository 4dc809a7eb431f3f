/// The cells of the then-test table before disclosure control: per organisation (and `ALL`) and competence, the
/// paired persons who also gave a retrospective (then-test) answer.
///
/// They are a subset of the effect cell of the same organisation and competence (the paired persons), so each
/// is linked to it: the effect cell = the then-test cell + the paired persons without a then-test answer (never
/// published). A rest of 1 … k − 1 persons is a primary cell, so the effect row's follow-up mean minus the
/// then-test row's cannot give those persons back; with no rest the two cells are the same persons and share
/// one decision (a then-test cell never publishes what the effect report withholds). Relations of their own:
/// `ALL` by organisation; in public reports, each cell's change since the previous public snapshot.
struct ThenTestCells: Sendable {
    /// The paired changes with a then-test answer per cell, in person order.
    let groups: [SuppressionCell: [PairedChange]]
    /// The rows: each organisation × competence with such answers, then `ALL` per competence.
    let ordered: [(Population, CompetenceID)]
    /// Persons per cell, the relations and the links to the effect cells.
    let disclosure: DisclosureCells

    /// The cells of `changes` (every paired change of one evaluation); `previousSnapshot` (days since
    /// 1970-01-01, ``PreviousSnapshot``) adds each cell's change since that day (public reports).
    init(changes: PairedChanges, previousSnapshot: Int32? = nil) {
        var groups: [SuppressionCell: [PairedChange]] = [:]
        var ordered: [(Population, CompetenceID)] = []
        var disclosure = DisclosureCells()
        var changed: [SuppressionCell: Int] = [:]
        var competences: [CompetenceID] = []
        for (competence, list) in changes.byCompetence.sorted(by: { $0.key < $1.key }) {
            let members = list.filter { $0.retrospective != nil }
            guard !members.isEmpty else { continue }
            competences.append(competence)
            let paired = Dictionary(grouping: list) { changes.organisations[$0.organisation] }
            let organisations = paired.keys.sorted()
            for population in organisations.map(Population.organisation) + [.all] {
                let whole: [PairedChange]
                switch population {
                case .organisation(let id): whole = paired[id] ?? []
                case .all: whole = list
                }
                let rated = whole.filter { $0.retrospective != nil }
                guard !rated.isEmpty else { continue }
                let cell = Self.cell(population, competence)
                groups[cell] = rated
                if case .organisation = population { ordered.append((population, competence)) }
                disclosure.counts[cell] = rated.count
                if let previousSnapshot { changed[cell] = rated.count { $0.followUpOn > previousSnapshot } }
                let rest = SuppressionCell(path: ["without-then-test"] + cell.path)
                disclosure.counts[rest] = whole.count - rated.count
                disclosure.relations.append(
                    SuppressionRelation(total: EffectCells.cell(.whole, population, competence), parts: [cell, rest]))
            }
            disclosure.relations.append(
                SuppressionRelation(
                    total: Self.cell(.all, competence),
                    parts: organisations.map { Self.cell(.organisation($0), competence) }.filter {
                        groups[$0] != nil
                    }))
        }
        ordered += competences.map { (Population.all, $0) }
        for (cell, count) in changed.sorted(by: { $0.key < $1.key }) {
            disclosure.addChangeSincePreviousSnapshot(of: cell, changed: count)
        }
        self.groups = groups
        self.ordered = ordered
        self.disclosure = disclosure
    }

    /// The cells the then-test table publishes.
    var published: Set<SuppressionCell> { Set(groups.keys) }

    /// The cell of an organisation's or `ALL`'s then-test persons on a competence.
    static func cell(_ population: Population, _ competence: CompetenceID) -> SuppressionCell {
        SuppressionCell("then-test", population.description, competence.rawValue)
    }
}
