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

        var changes = [[PairedChange]](repeating: [], count: table.competences.count)
        var pairing = PersonPairing(competences: table.competences.count)
        LatestAnswers.byPerson(table, rater: rater, round: nil, perspective: nil) { person, answers in
            // Each rater's answers pair only among themselves (raters are numbered 0 ..< 4, ``Rater``).
            var raters: UInt64 = 0
            for answer in answers { raters |= 1 << UInt64(answer.rater) }
            while raters != 0 {
                let raterNumber = UInt8(raters.trailingZeroBitCount)
                raters &= raters - 1
                pairing.pair(answers, rater: raterNumber, rank: rank, rounds: rounds) { baseline, followUp, then in
                    let group = exposure.group(
                        person: person, competence: baseline.competence,
                        baselineOn: CalendarDate(daysSinceEpoch: Int(baseline.answeredOn)),
                        followUpOn: CalendarDate(daysSinceEpoch: Int(followUp.answeredOn)))
                    changes[Int(baseline.competence)].append(
                        PairedChange(
                            organisation: baseline.organisation, rater: raterNumber, baseline: baseline.current,
                            followUp: followUp.current, group: group, retrospective: then,
                            followUpOn: max(followUp.answeredOn, baseline.answeredOn)))
                }
            }
        }
        for (competence, list) in changes.enumerated() where !list.isEmpty {
            byCompetence[table.competences[Int32(competence)]] = list
        }
    }

    /// The changes of the persons of `organisation` on `competence`, in person order.
    func changes(_ competence: CompetenceID, organisation: OrganisationID?) -> [PairedChange] {
        let all = byCompetence[competence] ?? []
        guard let organisation else { return all }
        guard let number = organisations.existingNumber(for: organisation) else { return [] }
        return all.filter { $0.organisation == number }
    }
}

/// One person's answers by one rater, paired per competence: the baseline is the latest answer in the earliest
/// baseline round answered, the follow-up the latest answer in the latest follow-up round, and the then-test the
/// latest `retrospective-pre` answer in the follow-up's round.
///
/// The competence's slots are arrays by the answer table's competence numbers, kept from person to person (a
/// stamp says which are this person's): a person's answers are a few hundred, and hashing each into
/// dictionaries made per person was most of the effect's pairing at national scale.
private struct PersonPairing {
    /// Each competence's baseline, follow-up and then-test answer kept so far; a slot counts only where its stamp
    /// below is this pairing's.
    private var baselines: [AnswerRow]
    private var followUps: [AnswerRow]
    private var thenTests: [AnswerRow]
    /// `stamp` when the slot holds this pairing's answer.
    private var baselineStamps: [UInt32]
    private var followUpStamps: [UInt32]
    private var thenTestStamps: [UInt32]
    /// The competences with a baseline answer in this pairing, in the order of their first one.
    private var paired: [Int32] = []
    /// The then-test answers of the pairing (few, or none, for most persons).
    private var retrospective: [AnswerRow] = []
    /// This pairing's number (0 is no pairing's: the stamps start at it, and are cleared when it wraps round).
    private var stamp: UInt32 = 0

    init(competences: Int) {
        let empty = AnswerRow(
            position: 0, current: 0, target: 0, importance: 0, id: RawID(low: 0, high: 0), round: 0, respondent: 0,
            organisation: 0, competence: 0, answeredOn: 0, rater: 0, flags: 0)
        baselines = Array(repeating: empty, count: competences)
        followUps = baselines
        thenTests = baselines
        baselineStamps = Array(repeating: 0, count: competences)
        followUpStamps = baselineStamps
        thenTestStamps = baselineStamps
    }

    /// Calls `body` with the baseline, the follow-up and the then-test level of every competence `rater`
    /// answered in both a baseline and a follow-up round among `answers`, competences in the order of their
    /// first baseline answer. `rank`: each round's place in the order of rounds (-1: not opened in the state).
    mutating func pair(
        _ answers: [AnswerRow], rater: UInt8, rank: [Int], rounds: [RoundRecord?],
        _ body: (_ baseline: AnswerRow, _ followUp: AnswerRow, _ then: Int?) -> Void
    ) {
        stamp &+= 1
        if stamp == 0 {
            for index in baselineStamps.indices { baselineStamps[index] = 0 }
            for index in followUpStamps.indices { followUpStamps[index] = 0 }
            for index in thenTestStamps.indices { thenTestStamps[index] = 0 }
            stamp = 1
        }
        paired.removeAll(keepingCapacity: true)
        retrospective.removeAll(keepingCapacity: true)
        for answer in answers where answer.rater == rater {
            guard answer.perspective == .current else {
                retrospective.append(answer)
                continue
            }
            let place = rank[Int(answer.round)]
            guard place >= 0, let round = rounds[Int(answer.round)] else { continue }
            let competence = Int(answer.competence)
            switch round.kind {
            case .baseline:
                if baselineStamps[competence] != stamp {
                    baselineStamps[competence] = stamp
                    paired.append(answer.competence)
                } else if !Self.replaces(answer, baselines[competence], place: place, rank: rank, earliest: true) {
                    continue
                }
                baselines[competence] = answer
            case .followUp:
                if followUpStamps[competence] != stamp {
                    followUpStamps[competence] = stamp
                } else if !Self.replaces(answer, followUps[competence], place: place, rank: rank, earliest: false) {
                    continue
                }
                followUps[competence] = answer
            }
        }
        // The latest then-test answer in each follow-up's round.
        for answer in retrospective {
            let competence = Int(answer.competence)
            guard followUpStamps[competence] == stamp, answer.round == followUps[competence].round else { continue }
            if thenTestStamps[competence] == stamp, !answer.isLater(than: thenTests[competence]) { continue }
            thenTestStamps[competence] = stamp
            thenTests[competence] = answer
        }
        for number in paired where followUpStamps[Int(number)] == stamp {
            let competence = Int(number)
            let then = thenTestStamps[competence] == stamp ? thenTests[competence].current : nil
            body(baselines[competence], followUps[competence], then)
        }
    }

    /// Whether `answer` (in a round at `place`) takes the slot of `kept`: a later answer in the same round, or
    /// any answer in an earlier round (`earliest`) or a later one (not `earliest`).
    private static func replaces(
        _ answer: AnswerRow, _ kept: AnswerRow, place: Int, rank: [Int], earliest: Bool
    ) -> Bool {
        let keptPlace = rank[Int(kept.round)]
        if keptPlace == place { return answer.isLater(than: kept) }
        return earliest ? place < keptPlace : place > keptPlace
    }
}
