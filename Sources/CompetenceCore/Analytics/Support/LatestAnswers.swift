/// The answers reports read, as ``LedgerState`` holds them (corrections applied, voided ones gone): of several
/// answers by the same person on the same competence, the latest counts — latest by answer day, then by
/// global position (the later recorded). Only answers of the `current` perspective are levels; then-test
/// answers (`retrospective-pre`) are read by ``retrospective(_:rater:)`` alone.
enum LatestAnswers {
    /// Where an answer counts: one person's rating of one competence in one round.
    struct RoundKey: Hashable {
        var round: RoundID
        var person: PersonID
        var competence: CompetenceID
    }

    /// Where an answer counts across rounds: one person's rating of one competence.
    struct PersonKey: Hashable {
        var person: PersonID
        var competence: CompetenceID
    }

    /// Each person's latest answer on each competence in each round (only `rater`'s when given).
    static func perRound(_ state: LedgerState, rater: Rater?) -> [RoundKey: Fact<SurveyAnswerRecorded>] {
        latest(state, rater: rater) { RoundKey(round: $0.round, person: $0.respondent, competence: $0.competence) }
    }

    /// Each person's latest then-test answer (`retrospective-pre`) on each competence in each round (only
    /// `rater`'s when given).
    static func retrospective(_ state: LedgerState, rater: Rater?) -> [RoundKey: Fact<SurveyAnswerRecorded>] {
        latest(state, rater: rater, perspective: .retrospectivePre) {
            RoundKey(round: $0.round, person: $0.respondent, competence: $0.competence)
        }
    }

    /// Each person's latest answer on each competence, in `round` only when given, else in any round.
    static func perPerson(
        _ state: LedgerState, rater: Rater?, round: RoundID?
    ) -> [PersonKey: Fact<SurveyAnswerRecorded>] {
        latest(
            state, rater: rater, where: { round == nil || $0.round == round },
            key: { PersonKey(person: $0.respondent, competence: $0.competence) })
    }

    /// Whether `candidate` supersedes `incumbent` as a person's answer.
    static func isLater(_ candidate: Fact<SurveyAnswerRecorded>, than incumbent: Fact<SurveyAnswerRecorded>) -> Bool {
        (candidate.event.answeredOn, candidate.position) > (incumbent.event.answeredOn, incumbent.position)
    }

    private static func latest<Key: Hashable>(
        _ state: LedgerState, rater: Rater?, perspective: Perspective = .current,
        where include: (SurveyAnswerRecorded) -> Bool = { _ in true }, key: (SurveyAnswerRecorded) -> Key
    ) -> [Key: Fact<SurveyAnswerRecorded>] {
        var result: [Key: Fact<SurveyAnswerRecorded>] = [:]
        for answer in state.answers
        where (rater == nil || answer.event.rater == rater) && answer.event.perspective == perspective
            && include(answer.event)
        {
            let k = key(answer.event)
            if let incumbent = result[k], !isLater(answer, than: incumbent) { continue }
            result[k] = answer
        }
        return result
    }
}
