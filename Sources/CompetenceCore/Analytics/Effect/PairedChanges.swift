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
    var person: PersonID
    var organisation: OrganisationID
    var competence: CompetenceID
    /// Who rated, at baseline and at follow-up alike.
    var rater: Rater
    var baseline: Int
    var followUp: Int
    var group: TrainingGroup
    /// The then-test level: where the person, at follow-up, rated they stood before the training.
    var retrospective: Int?

    /// follow-up − baseline.
    var change: Int { followUp - baseline }

    /// Every paired change in `state`, sorted by person and competence.
    static func all(in state: LedgerState, rater: Rater?) -> [PairedChange] {
        /// One person's rating of one competence by one rater: the unit that pairs.
        struct RaterKey: Hashable {
            var person: LatestAnswers.PersonKey
            var rater: Rater
        }
        var baselines: [RaterKey: (round: RoundRecord, answer: Fact<SurveyAnswerRecorded>)] = [:]
        var followUps: [RaterKey: (round: RoundRecord, answer: Fact<SurveyAnswerRecorded>)] = [:]
        for (key, answer) in LatestAnswers.perRound(state, rater: rater) {
            guard let round = state.rounds[key.round] else { continue }
            let person = RaterKey(
                person: LatestAnswers.PersonKey(person: key.person, competence: key.competence),
                rater: answer.event.rater)
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
        let retrospective = LatestAnswers.retrospective(state, rater: rater)
        return baselines.compactMap { key, baseline -> PairedChange? in
            guard let followUp = followUps[key] else { return nil }
            let before = retrospective[
                LatestAnswers.RoundKey(
                    round: followUp.round.id, person: key.person.person, competence: key.person.competence)]
            return PairedChange(
                person: key.person.person, organisation: baseline.answer.event.organisation,
                competence: key.person.competence, rater: key.rater, baseline: baseline.answer.event.current,
                followUp: followUp.answer.event.current,
                group: exposure.group(
                    key.person, baselineOn: baseline.answer.event.answeredOn,
                    followUpOn: followUp.answer.event.answeredOn),
                retrospective: before.flatMap { $0.event.rater == key.rater ? $0.event.current : nil })
        }
        .sorted { ($0.person, $0.competence, $0.rater.rawValue) < ($1.person, $1.competence, $1.rater.rawValue) }
    }
}
