import CompetenceCore

/// `import survey --round ROUND --kind baseline|follow-up`: answers from a long file, or from a wide export
/// through a mapping. Opens the round when it does not exist yet and registers respondents the ledger does
/// not know, all in the same atomic recording as the answers.
package struct SurveyImport: CSVImportKind {
    package let kind = "survey"
    /// The round the answers belong to.
    let round: RoundID
    /// Baseline or follow-up.
    let roundKind: RoundKind
    /// The wide mapping, or `nil` for the long format.
    let mapping: WideSurveyMapping?

    /// An import of answers to `round` (of kind `roundKind`), long format unless a mapping is given.
    package init(round: RoundID, roundKind: RoundKind, mapping: WideSurveyMapping?) {
        self.round = round
        self.roundKind = roundKind
        self.mapping = mapping
    }

    package var requiredColumns: [String] {
        mapping?.columns ?? ["respondent", "organisation", "competence", "current", "answered_on"]
    }

    /// The round, its kind and the mapping's content: the same file imported for another round, as another
    /// kind or through another mapping records again.
    package var parameters: ImportParameters {
        var parameters = ImportParameters(["round": round.rawValue, "round-kind": roundKind.rawValue])
        if let mapping { parameters.set("mapping", mapping.contentHash) }
        return parameters
    }

    /// Whether an earlier version imported the file into this same round: every answer of the file is
    /// recorded, in this round, under the id that version gave it (its ids came from the file alone).
    package func wasImportedBefore(_ table: CSVTable, state: LedgerState, legacy: EventIdentity) throws -> Bool {
        var drafts: [SurveyAnswerDraft] = []
        for row in table.rows {
            drafts += try mapping.map { try $0.drafts(from: row) } ?? [SurveyAnswerDraft(longRow: row)]
        }
        return !drafts.isEmpty
            && drafts.allSatisfy { draft in
                state.answers[eventID: legacy.id(row: draft.row, item: draft.item)]?.event.round == round
            }
    }

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        var drafts: [SurveyAnswerDraft] = []
        for row in table.rows {
            drafts += try mapping.map { try $0.drafts(from: row) } ?? [SurveyAnswerDraft(longRow: row)]
            progress(row.number)
        }
        guard !drafts.isEmpty else { throw ImportFileError.noRows(file: table.file) }
        try openRoundIfNeeded(drafts, state: state, into: &batch)
        try registerNewRespondents(drafts, state: state, file: table.file, into: &batch)
        for draft in drafts {
            let answer = SurveyAnswerRecorded(
                round: round, respondent: PersonID(draft.respondent), organisation: OrganisationID(draft.organisation),
                competence: CompetenceID(draft.competence), current: draft.current, target: draft.target,
                importance: draft.importance, answeredOn: draft.answeredOn, rater: draft.rater)
            batch.add(
                answer, row: draft.row, item: draft.item, columns: draft.columns,
                cells: ["round": CellReference(row: draft.row, column: "--round")])
        }
    }

    /// Adds the round's opening when the ledger has no such round: the file's organisations and competences,
    /// opening on the earliest answer day. An existing round must be of the kind given.
    private func openRoundIfNeeded(
        _ drafts: [SurveyAnswerDraft], state: LedgerState, into batch: inout ImportBatch
    ) throws {
        if let existing = state.rounds[round] {
            guard existing.kind == roundKind else {
                throw ImportFileError.invalidParameter(
                    name: "--kind", value: roundKind.rawValue,
                    expected: "\(existing.kind.rawValue), the kind of the existing round '\(round)'")
            }
            return
        }
        var organisations: [String] = []
        var competences: [String] = []
        var cells: [String: CellReference] = [:]
        for draft in drafts {
            if !organisations.contains(draft.organisation) {
                cells["organisations[\(organisations.count)]"] = CellReference(
                    row: draft.row, column: draft.columns["organisation"]!)
                organisations.append(draft.organisation)
            }
            if !competences.contains(draft.competence) {
                cells["competences[\(competences.count)]"] = CellReference(
                    row: draft.row, column: draft.columns["competence"]!)
                competences.append(draft.competence)
            }
        }
        let earliest = drafts.min { $0.answeredOn < $1.answeredOn }!
        cells["opensOn"] = CellReference(row: earliest.row, column: earliest.columns["answeredOn"]!)
        cells["round"] = CellReference(row: drafts[0].row, column: "--round")
        cells["kind"] = CellReference(row: drafts[0].row, column: "--kind")
        let opening = SurveyRoundOpened(
            round: round, kind: roundKind, organisations: organisations.map { OrganisationID($0) },
            competences: competences.map { CompetenceID($0) }, opensOn: earliest.answeredOn)
        batch.add(opening, row: drafts[0].row, item: "round-opened", columns: [:], cells: cells)
    }

    /// Adds a `PersonRegistered` for each respondent the ledger does not know, at their first answer.
    private func registerNewRespondents(
        _ drafts: [SurveyAnswerDraft], state: LedgerState, file: String, into batch: inout ImportBatch
    ) throws {
        var registered = Set<String>()
        for draft in drafts
        where state.persons[PersonID(draft.respondent)] == nil && !registered.contains(draft.respondent) {
            guard let role = draft.role else {
                throw ImportRowError(
                    file: file, row: draft.row, column: draft.columns["role"] ?? "role", value: "",
                    expected: "one of \(PersonRole.allCases.map(\.rawValue).joined(separator: ", ")) "
                        + "(respondent '\(draft.respondent)' is new and is registered with a role)")
            }
            registered.insert(draft.respondent)
            let registration = PersonRegistered(
                person: PersonID(draft.respondent), organisation: OrganisationID(draft.organisation), role: role)
            batch.add(
                registration, row: draft.row, item: "person-registered",
                columns: [
                    "person": draft.columns["respondent"]!, "organisation": draft.columns["organisation"]!,
                    "role": draft.columns["role"] ?? "role",
                ])
        }
    }
}
