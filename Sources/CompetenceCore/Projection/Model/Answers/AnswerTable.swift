import Foundation

/// Every survey answer of a ``LedgerState`` that counts — corrections applied, voided ones gone — in recorded
/// order, each as a ``Fact`` of ``SurveyAnswerRecorded``.
///
/// Answers are most of any programme's history (a national programme reaches 10 million), so the table
/// keeps them compactly rather than as facts: 72 bytes an answer (round, person, organisation and competence
/// as numbers of symbol tables, the day as a number, levels and flags), an index from event id to answer of
/// 4–6 bytes an answer, and the recording times beside the rows (one entry per run of answers recorded
/// together). A fact is assembled when it is read. Reports read the rows directly.
///
/// Two tables are equal when they hold equal facts in the same order, however they were built.
public struct AnswerTable: Collection, Hashable, Sendable {
    /// A position in the table (answers that were voided are passed over).
    public struct Index: Comparable, Hashable, Sendable {
        let row: Int
        public static func < (lhs: Index, rhs: Index) -> Bool { lhs.row < rhs.row }
    }

    /// The recording time of the rows from `firstRow` on (up to the next run).
    struct RecordedRun: Hashable, Sendable {
        var firstRow: Int32
        var recordedAt: Date
    }

    private(set) var rows = ChunkedArray<AnswerRow>()
    private(set) var rounds = SymbolTable<IdentifierKinds.Round>()
    private(set) var persons = SymbolTable<IdentifierKinds.Person>()
    private(set) var organisations = SymbolTable<IdentifierKinds.Organisation>()
    private(set) var competences = SymbolTable<IdentifierKinds.Competence>()
    /// Event id → row.
    private(set) var byID = SlotIndex()
    private(set) var recordedRuns: ContiguousArray<RecordedRun> = []
    /// The rows whose `occurredAt` is not the start of their answer day (never, for answers the ledger records).
    private(set) var occurredExceptions: [Int32: Date] = [:]
    /// The number of answers that count.
    public private(set) var count = 0

    /// An empty table.
    public init() {}

    /// A table from its parts (a snapshot's).
    init(
        rows: ChunkedArray<AnswerRow>, rounds: SymbolTable<IdentifierKinds.Round>,
        persons: SymbolTable<IdentifierKinds.Person>, organisations: SymbolTable<IdentifierKinds.Organisation>,
        competences: SymbolTable<IdentifierKinds.Competence>, byID: SlotIndex,
        recordedRuns: ContiguousArray<RecordedRun>,
        occurredExceptions: [Int32: Date], count: Int
    ) {
        self.rows = rows
        self.rounds = rounds
        self.persons = persons
        self.organisations = organisations
        self.competences = competences
        self.byID = byID
        self.recordedRuns = recordedRuns
        self.occurredExceptions = occurredExceptions
        self.count = count
    }

    // MARK: Collection

    public var startIndex: Index { Index(row: nextLive(from: 0)) }
    public var endIndex: Index { Index(row: rows.count) }
    public func index(after index: Index) -> Index { Index(row: nextLive(from: index.row + 1)) }
    public var isEmpty: Bool { count == 0 }
    public subscript(position: Index) -> Fact<SurveyAnswerRecorded> { fact(row: Int32(position.row)) }

    private func nextLive(from row: Int) -> Int {
        var row = row
        while row < rows.count, !rows[row].isLive { row += 1 }
        return row
    }

    /// The answer recorded as event `id`, if it counts.
    public subscript(eventID id: UUID) -> Fact<SurveyAnswerRecorded>? {
        row(of: id).map(fact(row:))
    }

    // MARK: Folding

    /// Starts loading where the answer recorded as event `id` goes in the id index (a cache miss in a table of
    /// millions), for an ``append(_:recorded:)`` soon after.
    @inline(__always)
    func prefetchAppending(_ id: UUID) {
        byID.prefetch(hash: RawID(id).hash(byID.seed))
    }

    /// Sizes the id index for `answers` rows, rehashing the rows it holds once (``SlotIndex/reserveCapacity(_:rehash:)``).
    mutating func reserve(answers: Int) {
        let rows = self.rows
        let seed = byID.seed
        byID.reserveCapacity(answers) { rows[Int($0)].id.hash(seed) }
    }

    /// Adds an answer (the runner folds in global order, so the table stays in recorded order).
    mutating func append(_ answer: SurveyAnswerRecorded, recorded: RecordedEvent) {
        precondition(rows.count < Int32.max, "more than 2^31 survey answers")
        let number = Int32(rows.count)
        var row = AnswerRow(
            position: recorded.position, current: answer.current, target: 0, importance: 0, id: RawID(recorded.id),
            round: rounds.number(for: answer.round), respondent: persons.number(for: answer.respondent),
            organisation: organisations.number(for: answer.organisation),
            competence: competences.number(for: answer.competence), answeredOn: Int32(answer.answeredOn.daysSinceEpoch),
            rater: answer.rater.rowNumber, flags: AnswerRow.live)
        row.targetLevel = answer.target
        row.importanceRating = answer.importance
        row.perspective = answer.perspective
        do {
            // The index first, while it only reads the rows already there (the new one is not in it yet).
            let rows = self.rows
            let seed = byID.seed
            let rehash = { (number: Int32) in rows[Int(number)].id.hash(seed) }
            let id = RawID(recorded.id)
            let hash = id.hash(seed)
            // An id folded twice (which no store holds) addresses the later answer, as it always has.
            byID.insertReplacing(number, hash: hash, where: { rows[Int($0)].id == id }, rehash: rehash)
        }
        rows.append(row)
        if recordedRuns.last?.recordedAt != recorded.recordedAt {
            recordedRuns.append(RecordedRun(firstRow: number, recordedAt: recorded.recordedAt))
        }
        if recorded.occurredAt != answer.answeredOn.startOfDay { occurredExceptions[number] = recorded.occurredAt }
        count += 1
    }

    /// Applies a correction to answer `id` — with the day of a superseding submission, `answeredOn`, when
    /// given; false when no counting answer has that id.
    @discardableResult
    mutating func correct(
        _ id: UUID, current: Int, target: Int?, importance: Int?, answeredOn: CalendarDate? = nil
    ) -> Bool {
        guard let number = row(of: id) else { return false }
        if let answeredOn {
            // The answer's event still occurred when it did: keep that time once the row's day moves.
            if occurredExceptions[number] == nil {
                occurredExceptions[number] = CalendarDate(daysSinceEpoch: Int(rows[Int(number)].answeredOn)).startOfDay
            }
            rows[Int(number)].answeredOn = Int32(answeredOn.daysSinceEpoch)
        }
        rows[Int(number)].current = current
        rows[Int(number)].targetLevel = target
        rows[Int(number)].importanceRating = importance
        return true
    }

    /// Voids answer `id`: it no longer counts and cannot be found; false when no counting answer has that id.
    @discardableResult
    mutating func void(_ id: UUID) -> Bool {
        let removed: Int32?
        do {
            let rows = self.rows
            let seed = byID.seed
            let id = RawID(id)
            removed = byID.remove(
                hash: id.hash(seed), where: { rows[Int($0)].id == id }, rehash: { rows[Int($0)].id.hash(seed) })
        }
        guard let number = removed else { return false }
        rows[Int(number)].isLive = false
        count -= 1
        return true
    }

    /// Keeps only the answers given in `organisations` (a report scope's, ``LedgerState/restricted(to:)``):
    /// the others stop counting, as if voided.
    mutating func keepOnly(organisations kept: Set<OrganisationID>) {
        var dropped: [UUID] = []
        forEachLive { _, row in
            if !kept.contains(organisations[row.organisation]) { dropped.append(row.id.uuid) }
        }
        for id in dropped { _ = void(id) }
    }

    // MARK: Reading

    /// The row of the counting answer `id`.
    func row(of id: UUID) -> Int32? {
        let id = RawID(id)
        return byID.find(hash: id.hash(byID.seed), where: { rows[Int($0)].id == id })
    }

    /// The answer in row `number`, as a fact.
    func fact(row number: Int32) -> Fact<SurveyAnswerRecorded> {
        let row = rows[Int(number)]
        let answeredOn = CalendarDate(daysSinceEpoch: Int(row.answeredOn))
        let answer = SurveyAnswerRecorded(
            round: rounds[row.round], respondent: persons[row.respondent],
            organisation: organisations[row.organisation], competence: competences[row.competence],
            current: row.current, target: row.targetLevel,
            importance: row.importanceRating, answeredOn: answeredOn, rater: Rater.allCases[Int(row.rater)],
            perspective: row.perspective)
        return Fact(
            answer, eventID: row.id.uuid, position: row.position,
            occurredAt: occurredExceptions[number] ?? answeredOn.startOfDay, recordedAt: recordedAt(row: number))
    }

    /// When the answer in row `number` was recorded.
    private func recordedAt(row number: Int32) -> Date {
        var low = 0
        var high = recordedRuns.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if recordedRuns[middle].firstRow <= number { low = middle } else { high = middle - 1 }
        }
        return recordedRuns[low].recordedAt
    }

    /// Calls `body` with every counting answer's row number and row, in recorded order.
    func forEachLive(_ body: (Int32, AnswerRow) throws -> Void) rethrows {
        var number: Int32 = 0
        try rows.forEachChunk { chunk in
            for row in chunk {
                if row.isLive { try body(number, row) }
                number += 1
            }
        }
    }

    /// The counting answers of `round`, in recorded order. Only that round's answers are made into facts: the
    /// others are passed over by their rows (an import into a round asks for it in a table of millions).
    public func answers(in round: RoundID) -> [Fact<SurveyAnswerRecorded>] {
        guard let number = rounds.existingNumber(for: round) else { return [] }
        var facts: [Fact<SurveyAnswerRecorded>] = []
        forEachLive { row, answer in
            if answer.round == number { facts.append(fact(row: row)) }
        }
        return facts
    }

    /// The persons with at least one counting answer.
    var respondents: Set<PersonID> {
        var answered = [Bool](repeating: false, count: persons.count)
        forEachLive { _, row in answered[Int(row.respondent)] = true }
        var result = Set<PersonID>()
        for (number, did) in answered.enumerated() where did { result.insert(persons[Int32(number)]) }
        return result
    }

    // MARK: Equality

    public static func == (lhs: AnswerTable, rhs: AnswerTable) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        forEachLive { _, row in
            hasher.combine(row.id)
            hasher.combine(row.position)
        }
    }
}
