/// The answers reports read, as ``LedgerState`` holds them (corrections applied, voided ones gone): of several
/// answers by the same person on the same competence, the latest counts — latest by answer day, then by
/// global position (the later recorded). Only answers of the `current` perspective are levels; then-test
/// answers (`retrospective-pre`) are read only where asked for.
///
/// Reports read the table's rows, not facts: the answers are visited person by person, so that what a report
/// keeps is what it aggregates, not a copy of every answer.
enum LatestAnswers {
    /// Calls `body` once for each person with answers, persons in identifier order, with that person's
    /// counting answers — only `rater`'s when given, only in `round` when given, only of `perspective` when given
    /// (`current` by default: then-test answers are not levels) — in recorded order.
    ///
    /// Two passes over the rows (count, then place each row number in its person's range) and one array of
    /// row numbers: 4 bytes an answer, whatever the history's length.
    static func byPerson(
        _ table: AnswerTable, rater: Rater?, round: RoundID?, perspective: Perspective? = .current,
        _ body: (_ person: Int32, _ answers: [AnswerRow]) -> Void
    ) {
        let raterNumber = rater?.rowNumber
        var roundNumber: Int32?
        if let round {
            guard let number = table.rounds.existingNumber(for: round) else { return }
            roundNumber = number
        }
        let include = { (row: AnswerRow) in
            (raterNumber == nil || row.rater == raterNumber) && (roundNumber == nil || row.round == roundNumber)
                && (perspective == nil || row.perspective == perspective)
        }
        let ranks = table.persons.sortedRanks()
        var starts = [Int](repeating: 0, count: ranks.count + 1)
        table.forEachLive { _, row in if include(row) { starts[Int(ranks[Int(row.respondent)]) + 1] += 1 } }
        for rank in ranks.indices { starts[rank + 1] += starts[rank] }
        var next = starts
        var order = [Int32](repeating: 0, count: starts[ranks.count])
        table.forEachLive { number, row in
            guard include(row) else { return }
            let rank = Int(ranks[Int(row.respondent)])
            order[next[rank]] = number
            next[rank] += 1
        }
        var personOfRank = [Int32](repeating: 0, count: ranks.count)
        for (number, rank) in ranks.enumerated() { personOfRank[Int(rank)] = Int32(number) }
        var answers: [AnswerRow] = []
        for rank in ranks.indices where starts[rank] < starts[rank + 1] {
            answers.removeAll(keepingCapacity: true)
            for index in starts[rank]..<starts[rank + 1] { answers.append(table.rows[Int(order[index])]) }
            body(personOfRank[rank], answers)
        }
    }

    /// The latest answer on each competence among one person's `answers`.
    static func perCompetence(_ answers: [AnswerRow]) -> [AnswerRow] {
        var latest: [Int32: AnswerRow] = [:]
        // Sized once: grown from empty, each person's table was rehashed as it grew (a fifth of the time spent
        // in this type at 10 million events).
        latest.reserveCapacity(answers.count)
        for answer in answers {
            if let incumbent = latest[answer.competence], !answer.isLater(than: incumbent) { continue }
            latest[answer.competence] = answer
        }
        return Array(latest.values)
    }
}
