import CompetenceCore

/// `import survey --round ROUND --kind baseline|follow-up`: answers from a long file, from a wide export through
/// a JSON mapping, or from a survey tool's export through its profile (named, or recognised from the header)
/// and a question map. Opens the round when it does not exist yet and registers respondents the ledger does
/// not know, all in the same atomic recording as the answers. Duplicate submissions are handled by
/// ``DuplicatePolicy``.
package struct SurveyImport: CSVImportKind {
    /// Where the answers of a file are read from.
    package enum Format: Sendable {
        /// The long format, or — when the header is not the long format's — a survey tool's export recognised
        /// by its header (``SurveyProfile/candidates(for:)``), read with the question map if given.
        case automatic(questions: QuestionMap?)
        /// A wide export through a JSON mapping.
        case mapping(WideSurveyMapping)
        /// A survey tool's export through its profile and a question map.
        case profile(SurveyProfile, questions: QuestionMap?)
    }

    package let kind = "survey"
    /// The round the answers belong to.
    let round: RoundID
    /// Baseline or follow-up.
    let roundKind: RoundKind
    /// How the file is read.
    let format: Format
    /// `--rater` and `--perspective`: for answers whose file does not say.
    let defaults: SurveyAnswerDraft.Defaults
    /// What a duplicate submission does.
    let duplicates: DuplicatePolicy

    /// An import of answers to `round` (of kind `roundKind`): through `mapping` when given, else the long format
    /// or a survey tool's export recognised by its header.
    package init(round: RoundID, roundKind: RoundKind, mapping: WideSurveyMapping?) {
        self.init(round: round, roundKind: roundKind, format: mapping.map(Format.mapping) ?? .automatic(questions: nil))
    }

    /// An import of answers to `round` read as `format`.
    package init(
        round: RoundID, roundKind: RoundKind, format: Format, rater: Rater? = nil, perspective: Perspective? = nil,
        duplicates: DuplicatePolicy = .supersede
    ) {
        self.round = round
        self.roundKind = roundKind
        self.format = format
        defaults = SurveyAnswerDraft.Defaults(rater: rater ?? .`self`, perspective: perspective ?? .current)
        self.duplicates = duplicates
    }

    package var requiredColumns: [String] {
        if case .mapping(let mapping) = format { return mapping.columns }
        return []
    }

    /// The round, its kind, the mapping's content; for a survey tool's export the profile read and the question
    /// map's content; `--rater`, `--perspective` and `--on-duplicate` when not the defaults. The same file
    /// imported for another round, as another kind or read another way records again; with the defaults the
    /// ids are those of earlier versions.
    package func parameters(for table: CSVTable) throws -> ImportParameters {
        var parameters = ImportParameters(["round": round.rawValue, "round-kind": roundKind.rawValue])
        switch try reader(for: table) {
        case .long: break
        case .mapping(let mapping): parameters.set("mapping", mapping.contentHash)
        case .profile(let reader, let questions):
            parameters.set("profile", reader.profile.name)
            parameters.set("questions", questions.contentHash)
        }
        if defaults.rater != .`self` { parameters.set("rater", defaults.rater.rawValue) }
        if defaults.perspective != .current { parameters.set("perspective", defaults.perspective.rawValue) }
        if duplicates != .supersede { parameters.set("on-duplicate", duplicates.rawValue) }
        return parameters
    }

    /// Whether an earlier version imported the file into this same round: every answer of the file is
    /// recorded, in this round, under the id that version gave it (its ids came from the file alone).
    ///
    /// Rows are read until the first answer that is not recorded so: a file not imported before is told by its
    /// first answer, not after reading every row twice (``build(from:state:into:progress:)`` reads them all).
    package func wasImportedBefore(_ table: CSVTable, state: LedgerState, legacy: EventIdentity) throws -> Bool {
        var answers = 0
        let allRecorded = try forEachDraft(of: table) { draft in
            answers += 1
            return state.answers[eventID: legacy.id(row: draft.row, item: draft.item)]?.event.round == round
        }
        return answers > 0 && allRecorded
    }

    package func build(
        from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void
    ) throws {
        let drafts = try drafts(of: table, progress: progress)
        guard !drafts.isEmpty else { throw ImportFileError.noRows(file: table.file) }
        try openRoundIfNeeded(drafts, state: state, into: &batch)
        try registerNewRespondents(drafts, state: state, file: table.file, into: &batch)
        let identity = batch.identity
        // Answers this same import recorded before are planned again, under the same ids, so that a repeated
        // import is recognised as one (and records nothing) rather than read as duplicate submissions.
        let own = Set(drafts.map { identity.id(row: $0.row, item: $0.item) })
        let plan = try DuplicateAnswers(
            drafts, recorded: DuplicateAnswers.recorded(in: state, round: round).filter { !own.contains($0.value.id) },
            policy: duplicates, file: table.file
        ) { identity.id(row: $0.row, item: $0.item) }
        for step in plan.steps {
            switch step {
            case .record(let draft):
                let answer = SurveyAnswerRecorded(
                    round: round, respondent: PersonID(draft.respondent),
                    organisation: OrganisationID(draft.organisation), competence: CompetenceID(draft.competence),
                    current: draft.current, target: draft.target, importance: draft.importance,
                    answeredOn: draft.answeredOn, rater: draft.rater, perspective: draft.perspective)
                batch.add(
                    answer, row: draft.row, item: draft.item, columns: draft.columns,
                    cells: ["round": CellReference(row: draft.row, column: "--round")])
            case .supersede(let draft, let earlier):
                let correction = SurveyAnswerCorrected(
                    round: round, answerEventID: earlier, current: draft.current, target: draft.target,
                    importance: draft.importance, correctedOn: draft.answeredOn,
                    reason: PersonalText(
                        "a later submission supersedes this answer",
                        about: .person(PersonID(draft.respondent))),
                    answeredOn: draft.answeredOn)
                var columns = draft.columns
                columns["correctedOn"] = draft.columns["answeredOn"]
                columns["answerEventID"] = draft.columns["competence"]
                batch.add(
                    correction, row: draft.row, item: draft.item, columns: columns,
                    cells: ["round": CellReference(row: draft.row, column: "--round")])
            }
        }
        batch.note(superseded: plan.superseded, repeated: plan.repeated, outdated: plan.outdated)
    }

    /// How a table is read, once its header is known.
    private enum Reader {
        case long
        case mapping(WideSurveyMapping)
        case profile(ProfileSurveyReader, questions: QuestionMap)
    }

    /// Decides how `table` is read: a mapping as given; a named profile; else the long format when the header
    /// has one of its own columns (`competence`, `current`, `answered_on`), else the one profile whose tool
    /// wrote the header.
    private func reader(for table: CSVTable) throws -> Reader {
        let questions: QuestionMap?
        let profile: SurveyProfile
        switch format {
        case .mapping(let mapping): return .mapping(mapping)
        case .profile(let named, let map):
            profile = named
            questions = map
        case .automatic(let map):
            if !Set(table.header).isDisjoint(with: ["competence", "current", "answered_on"]) {
                try table.require(["respondent", "organisation", "competence", "current", "answered_on"])
                if let map {
                    throw ImportFileError.invalidParameter(
                        name: "--questions", value: map.file,
                        expected: "no question map: \(table.file) is in the long format, which names competences")
                }
                return .long
            }
            let candidates = SurveyProfile.candidates(for: table.header)
            guard candidates.count == 1 else {
                throw ImportFileError.noProfile(
                    file: table.file, candidates: candidates.map(\.name), header: table.header)
            }
            profile = candidates[0]
            questions = map
        }
        guard let questions else { throw ImportFileError.questionsNeeded(file: table.file, profile: profile.name) }
        return .profile(
            try ProfileSurveyReader(profile: profile, questions: questions, table: table), questions: questions)
    }

    /// Every answer of `table`, in file order.
    private func drafts(of table: CSVTable, progress: (Int) -> Void) throws -> [SurveyAnswerDraft] {
        var drafts: [SurveyAnswerDraft] = []
        _ = try forEachDraft(of: table, progress: progress) { draft in
            drafts.append(draft)
            return true
        }
        return drafts
    }

    /// Reads the answers of `table`'s rows in order, handing each to `body` until it returns `false`; returns
    /// whether it never did.
    private func forEachDraft(
        of table: CSVTable, progress: (Int) -> Void = { _ in }, _ body: (SurveyAnswerDraft) throws -> Bool
    ) throws -> Bool {
        let reader = try reader(for: table)
        for row in table.rows {
            let drafts: [SurveyAnswerDraft]
            switch reader {
            case .long: drafts = [try SurveyAnswerDraft(longRow: row, defaults: defaults)]
            case .mapping(let mapping): drafts = try mapping.drafts(from: row, defaults: defaults)
            case .profile(let reader, _): drafts = try reader.drafts(from: row, defaults: defaults)
            }
            for draft in drafts where try !body(draft) { return false }
            progress(row.number)
        }
        return true
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
        // In the order of their first answer; the sets make it one look-up an answer, not a walk of the lists.
        var organisations: [String] = []
        var competences: [String] = []
        var seenOrganisations = Set<String>()
        var seenCompetences = Set<String>()
        var cells: [String: CellReference] = [:]
        for draft in drafts {
            if seenOrganisations.insert(draft.organisation).inserted {
                cells["organisations[\(organisations.count)]"] = CellReference(
                    row: draft.row, column: draft.columns["organisation"]!)
                organisations.append(draft.organisation)
            }
            if seenCompetences.insert(draft.competence).inserted {
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
