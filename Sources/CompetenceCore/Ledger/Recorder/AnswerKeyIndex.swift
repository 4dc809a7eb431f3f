import Foundation

/// The recorder's index of live answers by their natural key — round, respondent, competence, rater and
/// perspective —
/// for refusing a second answer where a correction is meant. It stores row numbers of the ledger's
/// ``AnswerTable`` (4–6 bytes an answer); the keys are read from the rows.
struct AnswerKeyIndex: Sendable {
    private(set) var slots = SlotIndex()

    init() {}

    /// An index of these slots (a snapshot's).
    init(slots: SlotIndex) { self.slots = slots }

    /// The id of the answer indexed under the key of `answer`.
    func answerID(for answer: SurveyAnswerRecorded, in table: AnswerTable) -> UUID? {
        guard let round = table.rounds.existingNumber(for: answer.round),
            let respondent = table.persons.existingNumber(for: answer.respondent),
            let competence = table.competences.existingNumber(for: answer.competence)
        else { return nil }
        let rater = Self.raterKey(answer.rater.rowNumber, answer.perspective == .retrospectivePre)
        let rows = table.rows
        let hash = Self.hash(round: round, respondent: respondent, competence: competence, rater: rater, slots.seed)
        let found = slots.find(hash: hash) { number in
            let row = rows[Int(number)]
            return row.round == round && row.respondent == respondent && row.competence == competence
                && Self.raterKey(row) == rater
        }
        return found.map { rows[Int($0)].id.uuid }
    }

    /// Indexes row `number` of `table` under its key, in place of the row indexed there before.
    mutating func index(row number: Int32, of table: AnswerTable) {
        let rows = table.rows
        let seed = slots.seed
        let hash = Self.hash(rows[Int(number)], seed)
        let rehash = { (other: Int32) in Self.hash(rows[Int(other)], seed) }
        let key = rows[Int(number)]
        slots.insertReplacing(number, hash: hash, where: { Self.sameKey(rows[Int($0)], key) }, rehash: rehash)
    }

    /// Forgets the key of row `number` of `table` (whichever row is indexed under it).
    mutating func remove(keyOf number: Int32, in table: AnswerTable) {
        let rows = table.rows
        let seed = slots.seed
        let key = rows[Int(number)]
        slots.remove(
            hash: Self.hash(key, seed), where: { Self.sameKey(rows[Int($0)], key) },
            rehash: { Self.hash(rows[Int($0)], seed) })
    }

    @inline(__always)
    private static func sameKey(_ a: AnswerRow, _ b: AnswerRow) -> Bool {
        a.round == b.round && a.respondent == b.respondent && a.competence == b.competence
            && raterKey(a) == raterKey(b)
    }

    @inline(__always)
    private static func hash(_ row: AnswerRow, _ seed: HashSeed) -> UInt64 {
        hash(round: row.round, respondent: row.respondent, competence: row.competence, rater: raterKey(row), seed)
    }

    /// The rater and the perspective of a row in one byte (raters are few: the high bit is free).
    @inline(__always)
    private static func raterKey(_ row: AnswerRow) -> UInt8 {
        raterKey(row.rater, row.perspective == .retrospectivePre)
    }

    @inline(__always)
    private static func raterKey(_ rater: UInt8, _ retrospective: Bool) -> UInt8 {
        retrospective ? rater | 0x80 : rater
    }

    @inline(__always)
    private static func hash(
        round: Int32, respondent: Int32, competence: Int32, rater: UInt8, _ seed: HashSeed
    ) -> UInt64 {
        seed.hash(
            UInt64(UInt32(bitPattern: round)) << 32 | UInt64(UInt32(bitPattern: respondent)),
            UInt64(UInt32(bitPattern: competence)) << 8 | UInt64(rater))
    }
}
