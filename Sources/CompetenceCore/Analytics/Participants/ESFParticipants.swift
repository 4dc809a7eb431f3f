/// The ESF participant report (`report esf`): per programme, the ESF+ common output indicators at entry and
/// the same counts plus the entry → exit result indicators at exit, as counts of persons.
///
/// Disclosure control: one ``SuppressionPlan`` over every cell (programme × stage × indicator). A cell over
/// `1 ..< k` persons is withheld; each attribute's indicators partition `participants` of the same programme
/// and stage, so complements are withheld so that no withheld cell can be recovered by subtraction. The two
/// result indicators count subsets whose remainder is not published, so they take primary suppression only.
/// Public reports also link each cell to its figure at the previous public snapshot (``PreviousSnapshot``):
/// fewer than k persons recorded since then withhold it. The cells share no cell or relation with any other
/// report's, so this plan is the public pass's own group for them (``SuppressionPlan`` plans groups that share
/// nothing apart, with the same result as together).
///
/// Profiles are personal data, opened with the reports' ``SubjectKeyring``. A participant whose profile does
/// not open (erased, or read without the key) still counts in `participants` of the stage but in none of its
/// breakdowns, nor in the result indicators; their number is an unpublished part of every partition, so that
/// the disclosure control still sees the breakdowns' remainder (Docs/Personal-Data.md).
public struct ESFParticipants: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// One row per programme, stage and indicator: programmes by id, entry before exit, indicators in
    /// ``ESFIndicator`` order.
    public let rows: [ESFRow]
    /// How many cells were withheld, as primary and as complement.
    public var withheld: WithheldCells { withheldByProgramme.values.reduce(.none, +) }
    private let withheldByProgramme: [ProgrammeID: WithheldCells]

    /// The report of every programme in `state`, profiles opened with `keyring`.
    public init(
        state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance, keyring: SubjectKeyring
    ) {
        self.provenance = provenance
        var programmeOfPerson: [PersonID: ProgrammeID] = [:]
        for (id, person) in state.persons {
            programmeOfPerson[id] = state.organisations[person.organisation]?.enrolment.event.programme
        }
        // Public reports: each cell's persons recorded since the previous public snapshot (PreviousSnapshot).
        let previous = options.audience == .public ? PreviousSnapshot.end(of: state) : nil
        let isNew = { (fact: Fact<ParticipantDataRecorded>) in
            previous.map { fact.event.recordedOn.daysSinceEpoch > Int($0) } ?? false
        }
        var disclosure = DisclosureCells()
        var changed: [SuppressionCell: Int] = [:]
        var cells: [ESFRow] = []
        for programme in state.programmes.keys.sorted() {
            let records = state.participantData.filter { programmeOfPerson[$0.key] == programme }.values
            for stage in ParticipantStage.allCases {
                let recorded = records.compactMap { $0.fact(at: stage) }
                var tally: [ESFIndicator: Int] = [.participants: recorded.count]
                var since: [ESFIndicator: Int] = [.participants: recorded.count(where: isNew)]
                var opened = 0
                for fact in recorded {
                    guard let profile = Self.open(fact.event.profile, keyring) else { continue }
                    opened += 1
                    for indicator in ESFIndicator.categories(of: profile) {
                        tally[indicator, default: 0] += 1
                        if isNew(fact) { since[indicator, default: 0] += 1 }
                    }
                }
                if stage == .exit {
                    for record in records {
                        guard let exitFact = record.exit,
                            let entry = record.entry.flatMap({ Self.open($0.event.profile, keyring) }),
                            let exit = Self.open(exitFact.event.profile, keyring)
                        else { continue }
                        var results: [ESFIndicator] = []
                        if entry.labourStatus != exit.labourStatus { results.append(.changedStatus) }
                        if exit.education > entry.education { results.append(.raisedEducation) }
                        for indicator in results {
                            tally[indicator, default: 0] += 1
                            if isNew(exitFact) { since[indicator, default: 0] += 1 }
                        }
                    }
                }
                let cell = { (indicator: ESFIndicator) in
                    SuppressionCell(programme.rawValue, stage.rawValue, indicator.rawValue)
                }
                for indicator in ESFIndicator.reported(at: stage) {
                    disclosure.counts[cell(indicator)] = tally[indicator, default: 0]
                    changed[cell(indicator)] = since[indicator, default: 0]
                    cells.append(
                        ESFRow(
                            programme: programme, stage: stage, indicator: indicator,
                            persons: tally[indicator, default: 0], suppressed: false))
                }
                // Participants whose profile does not open: never a row, but a part of every partition.
                let unreadable = SuppressionCell(programme.rawValue, stage.rawValue, Self.unreadableCell)
                disclosure.counts[unreadable] = recorded.count - opened
                for partition in ESFIndicator.partitions {
                    disclosure.relations.append(
                        SuppressionRelation(total: cell(.participants), parts: partition.map(cell) + [unreadable]))
                }
            }
        }
        for (cell, count) in changed.sorted(by: { $0.key < $1.key }) {
            disclosure.addChangeSincePreviousSnapshot(of: cell, changed: count)
        }
        let plan = disclosure.plan(minimumGroupSize: options.minimumGroupSize)
        rows = cells.map { row in
            let cell = SuppressionCell(row.programme.rawValue, row.stage.rawValue, row.indicator.rawValue)
            guard plan.isWithheld(cell) else { return row }
            return ESFRow(
                programme: row.programme, stage: row.stage, indicator: row.indicator, persons: nil, suppressed: true)
        }
        var withheldByProgramme: [ProgrammeID: WithheldCells] = [:]
        for programme in state.programmes.keys {
            let shown = { (cell: SuppressionCell) in
                cell.path.first == programme.rawValue && cell.path.last != Self.unreadableCell
            }
            let primary = plan.primary.filter(shown).count
            let complement = plan.complements.filter(shown).count
            withheldByProgramme[programme] = WithheldCells(primary: primary, complement: complement)
        }
        self.withheldByProgramme = withheldByProgramme
    }

    /// The path element of the (unpublished) cell counting participants whose profile does not open.
    private static let unreadableCell = "profile_unreadable"

    /// The profile, or `nil` when it does not open (its person erased, or no key at hand).
    private static func open(_ profile: Personal<ParticipantProfile>, _ keyring: SubjectKeyring) -> ParticipantProfile?
    {
        if case .value(let opened) = keyring.open(profile) { return opened }
        return nil
    }

    private init(provenance: ReportProvenance, rows: [ESFRow], withheldByProgramme: [ProgrammeID: WithheldCells]) {
        self.provenance = provenance
        self.rows = rows
        self.withheldByProgramme = withheldByProgramme
    }

    /// The rows of one programme (the withheld cells counted over those rows only), or `nil` when the
    /// ledger has no such programme. No relation spans two programmes, so the cells and their suppression
    /// are the same as in the whole report.
    public func programme(_ id: ProgrammeID) -> ESFParticipants? {
        guard let withheld = withheldByProgramme[id] else { return nil }
        return ESFParticipants(
            provenance: provenance, rows: rows.filter { $0.programme == id }, withheldByProgramme: [id: withheld])
    }

    public var tables: [ReportTable] {
        [ReportTable(name: "esf", title: "ESF participants: common indicators at entry and exit", rows: rows)]
    }
}

/// One cell of the ESF participant report.
public struct ESFRow: Hashable, Sendable {
    /// The programme.
    public var programme: ProgrammeID
    /// Entry or exit.
    public var stage: ParticipantStage
    /// The indicator.
    public var indicator: ESFIndicator
    /// How many persons it counts; `nil` when withheld.
    public var persons: Int?
    /// Whether the count is withheld for privacy.
    public var suppressed: Bool
}

extension ESFRow: TableRow {
    /// `programme,stage,indicator,persons,suppressed`.
    public static let columns = ["programme", "stage", "indicator", "persons", "suppressed"]

    public var cells: [String] {
        [
            programme.rawValue, stage.rawValue, indicator.rawValue, CellFormat.count(persons),
            CellFormat.flag(suppressed),
        ]
    }
}
