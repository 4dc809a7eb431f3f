/// The paired changes of persons who answered on a competence in both a baseline and a follow-up round.
///
/// A person's level in a round is their latest answer in it. With several rounds of a kind, the baseline is
/// the earliest baseline round the person answered (by opening day, then round id) and the follow-up the
/// latest follow-up round. The person belongs to the organisation of their baseline answer. Their
/// `TrainingGroup` on the competence is decided by `TrainingExposure` from the days of the two answers.
struct PairedChange: Hashable, Sendable {
    /// The organisation, as its number in the answers' table.
    var organisation: Int32
    var baseline: Int
    var followUp: Int
    var group: TrainingGroup

    /// follow-up − baseline.
    var change: Int { followUp - baseline }
}

/// Every paired change of a ledger, per competence, each competence's changes in person order (the order
/// every figure is summed in, so the same ledger always gives bit-identical figures).
struct PairedChanges {
    /// Changes per competence, by competence id.
    private(set) var byCompetence: [CompetenceID: [PairedChange]] = [:]
    /// The organisation of each number in ``PairedChange/organisation``.
    let organisations: SymbolTable<IdentifierKinds.Organisation>

    /// The paired changes in `state`, of `rater`'s answers only when given.
    init(in state: LedgerState, rater: Rater?) {
        let table = state.answers
        organisations = table.organisations
        // Each round's kind and its place in the order of rounds (opening day, then id); rounds not opened
        // in the state (answers outside the scope's rounds) are left out.
        let rounds = table.rounds.identifiers.map { state.rounds[$0] }
        let order = rounds.indices.filter { rounds[$0] != nil }.sorted {
            (rounds[$0]!.opening.event.opensOn, rounds[$0]!.id) < (rounds[$1]!.opening.event.opensOn, rounds[$1]!.id)
        }
        var rank = [Int](repeating: -1, count: rounds.count)
        for (place, number) in order.enumerated() { rank[number] = place }
        let exposure = TrainingExposure(state)

        var changes: [Int32: [PairedChange]] = [:]
        LatestAnswers.byPerson(table, rater: rater, round: nil) { person, answers in
            var baselines: [Int32: AnswerRow] = [:]
            var followUps: [Int32: AnswerRow] = [:]
            for answer in LatestAnswers.perRoundAndCompetence(answers) {
                let place = rank[Int(answer.round)]
                guard place >= 0, let round = rounds[Int(answer.round)] else { continue }
                switch round.kind {
                case .baseline:
                    if let kept = baselines[answer.competence], rank[Int(kept.round)] < place { continue }
                    baselines[answer.competence] = answer
                case .followUp:
                    if let kept = followUps[answer.competence], rank[Int(kept.round)] > place { continue }
                    followUps[answer.competence] = answer
                }
            }
            for (competence, baseline) in baselines {
                guard let followUp = followUps[competence] else { continue }
                let key = TrainingExposure.Key(person: table.persons[person], competence: table.competences[competence])
                let group = exposure.group(
                    key, baselineOn: CalendarDate(daysSinceEpoch: Int(baseline.answeredOn)),
                    followUpOn: CalendarDate(daysSinceEpoch: Int(followUp.answeredOn)))
                changes[competence, default: []].append(
                    PairedChange(
                        organisation: baseline.organisation, baseline: baseline.current, followUp: followUp.current,
                        group: group))
            }
        }
        for (competence, list) in changes { byCompetence[table.competences[competence]] = list }
    }

    /// The changes of the persons of `organisation` on `competence`, in person order.
    func changes(_ competence: CompetenceID, organisation: OrganisationID?) -> [PairedChange] {
        let all = byCompetence[competence] ?? []
        guard let organisation else { return all }
        guard let number = organisations.existingNumber(for: organisation) else { return [] }
        return all.filter { $0.organisation == number }
    }
}
