/// The paired changes of persons who answered on a competence in both a baseline and a follow-up round.
///
/// A person's level in a round is their latest answer in it. With several rounds of a kind, the baseline is
/// the earliest baseline round the person answered (by opening day, then round id) and the follow-up the
/// latest follow-up round. The person belongs to the organisation of their baseline answer. Their
/// `TrainingGroup` on the competence is decided by `TrainingExposure` from the days of the two answers.
struct PairedChange: Hashable, Sendable {
    var person: PersonID
    var organisation: OrganisationID
    var competence: CompetenceID
    var baseline: Int
    var followUp: Int
    var group: TrainingGroup

    /// follow-up − baseline.
    var change: Int { followUp - baseline }

    /// Every paired change in `state`, sorted by person and competence.
    static func all(in state: LedgerState, rater: Rater?) -> [PairedChange] {
        var baselines: [LatestAnswers.PersonKey: (round: RoundRecord, answer: Fact<SurveyAnswerRecorded>)] = [:]
        var followUps: [LatestAnswers.PersonKey: (round: RoundRecord, answer: Fact<SurveyAnswerRecorded>)] = [:]
        for (key, answer) in LatestAnswers.perRound(state, rater: rater) {
            guard let round = state.rounds[key.round] else { continue }
            let person = LatestAnswers.PersonKey(person: key.person, competence: key.competence)
            let order = { (r: RoundRecord) in (r.opening.event.opensOn, r.id) }
            switch round.kind {
            case .baseline:
                if let kept = baselines[person], order(kept.round) < order(round) { continue }
                baselines[person] = (round, answer)
            case .followUp:
                if let kept = followUps[person], order(kept.round) > order(round) { continue }
                followUps[person] = (round, answer)
            }
        }
        let exposure = TrainingExposure(state)
        return baselines.compactMap { key, baseline -> PairedChange? in
            guard let followUp = followUps[key] else { return nil }
            return PairedChange(
                person: key.person, organisation: baseline.answer.event.organisation, competence: key.competence,
                baseline: baseline.answer.event.current, followUp: followUp.answer.event.current,
                group: exposure.group(
                    key, baselineOn: baseline.answer.event.answeredOn, followUpOn: followUp.answer.event.answeredOn))
        }
        .sorted { ($0.person, $0.competence) < ($1.person, $1.competence) }
    }
}
