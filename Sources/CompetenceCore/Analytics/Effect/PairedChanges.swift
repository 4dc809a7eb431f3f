/// The paired changes of persons who answered on a competence in both a baseline and a follow-up round.
///
/// A person's level in a round is their latest answer in it. With several rounds of a kind, the baseline is
/// the earliest baseline round the person answered (by opening day, then round id) and the follow-up the
/// latest follow-up round. The person belongs to the organisation of their baseline answer. Their
/// `TrainingGroup` on the competence is decided by `TrainingExposure` from the days of the two answers.
///
/// Both answers are by the same rater: answers of different raters are never paired (with no rater given, each
/// rater's answers pair among themselves). Where the person also gave a then-test answer (`retrospective-pre`,
/// by the same rater, in the follow-up round used), ``retrospective`` holds it.
struct PairedChange: Hashable, Sendable {
    /// The organisation, as its number in the answers' table.
    var organisation: Int32
    /// Who rated, at baseline and at follow-up alike, as the rows number raters.
    var rater: UInt8
    var baseline: Int
    var followUp: Int
    var group: TrainingGroup
    /// The then-test level: where the person, at follow-up, rated they stood before the training.
    var retrospective: Int?
    /// The day of the follow-up answer (days since 1970-01-01): when the pair came to be as it is.
    var followUpOn: Int32 = 0

    /// follow-up − baseline.
    var change: Int { followUp - baseline }
}

/// Every paired change of a ledger, per competence, each competence's changes in person order, then rater
/// order (the order every figure is summed in, so the same ledger always gives bit-identical figures).
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
        LatestAnswers.byPerson(table, rater: rater, round: nil, perspective: nil) { person, answers in
            // Each rater's answers pair only among themselves.
            for raterNumber in Set(answers.map(\.rater)).sorted() {
                var baselines: [Int32: AnswerRow] = [:]
                var followUps: [Int32: AnswerRow] = [:]
                var retrospectives: [RoundCompetence: Int] = [:]
                let rated = answers.filter { $0.rater == raterNumber }
                let thenTest = rated.filter { $0.perspective == .retrospectivePre }
                for answer in LatestAnswers.perRoundAndCompetence(thenTest) {
                    retrospectives[RoundCompetence(round: answer.round, competence: answer.competence)] = answer.current
                }
                for answer in LatestAnswers.perRoundAndCompetence(rated.filter { $0.perspective == .current }) {
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
                    let key = TrainingExposure.Key(
                        person: table.persons[person], competence: table.competences[competence])
                    let group = exposure.group(
                        key, baselineOn: CalendarDate(daysSinceEpoch: Int(baseline.answeredOn)),
                        followUpOn: CalendarDate(daysSinceEpoch: Int(followUp.answeredOn)))
                    changes[competence, default: []].append(
                        PairedChange(
                            organisation: baseline.organisation, rater: raterNumber, baseline: baseline.current,
                            followUp: followUp.current, group: group,
                            retrospective: retrospectives[
                                RoundCompetence(round: followUp.round, competence: competence)],
                            followUpOn: max(followUp.answeredOn, baseline.answeredOn)))
                }
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

    private struct RoundCompetence: Hashable {
        var round: Int32
        var competence: Int32
    }
}
