import Synchronization

/// Every analyst report, computed from one ``LedgerState`` — one replay of the log serves them all.
///
/// Each report is a deterministic, pure function of the state and the options: the same events give equal
/// reports. The CLI calls ``replay(_:scope:options:)`` (or folds a ``LedgerModel`` itself and calls
/// ``init(state:scope:options:)``), then reads the report it needs and renders its ``TabularReport/tables``.
///
/// A report is computed when it is first read and then kept, so reading one report costs that report only
/// (the trainings and plans read the matrix, which is then computed too). Two values are equal when they
/// were computed from equal states, scopes and options — and so are all their reports.
public struct AnalyticsReports: Hashable, Sendable {
    /// What every report here was computed from.
    public let provenance: ReportProvenance
    /// What the replay that made these reports started from: the ledger's snapshot at a position, or the whole
    /// log and why (``replay(_:scope:options:keys:through:startingFromSnapshot:)``); ``SnapshotUse/notCheckpointed``
    /// for reports of a state given directly. Either way the reports and their provenance are the same.
    public internal(set) var startedFrom: SnapshotUse = .notCheckpointed
    /// The state narrowed to the options' scope (``LedgerState/restricted(to:)``): what every report reads.
    private let state: LedgerState
    /// The state as replayed, unscoped: what the public disclosure pass plans over.
    private let whole: LedgerState
    private let members: ScopeMembers
    private let options: AnalyticsOptions
    private let keyring: SubjectKeyring
    private let computed: ComputedReports

    /// The one disclosure pass every public report follows, viewed from the scope; `nil` for analyst reports
    /// (each plans its own).
    private var disclosure: PublicDisclosure? { disclosure() }

    /// ``disclosure``; `whenCounted` is told the whole state's effect cells if the pass is made by this call.
    private func disclosure(whenCounted: (EffectCells) -> Void = { _ in }) -> PublicDisclosure? {
        guard options.audience == .public else { return nil }
        return computed.value(\.disclosure) {
            computed.value(\.pass) { PublicDisclosurePass(state: whole, options: options, whenCounted: whenCounted) }
                .disclosure(for: members, of: whole, options: options)
        }
    }

    /// The skills matrix and gaps.
    public var matrix: SkillsMatrix {
        computed.value(\.matrix) {
            SkillsMatrix(state: state, options: options, provenance: provenance, disclosure: disclosure)
        }
    }

    /// The training ledger with coverage.
    public var trainings: TrainingLedger {
        computed.value(\.trainings) {
            TrainingLedger(
                state: state, matrix: matrix, options: options, provenance: provenance, disclosure: disclosure)
        }
    }

    /// The effect evaluation.
    public var effect: EffectEvaluation {
        computed.value(\.effect) {
            // When this call makes the pass, the permutation tests start as soon as it has counted the effect's
            // cells, and run beside the rest of it: the same p-values, sooner. (Only for the whole ledger: a
            // scope's evaluation reads its own cells.)
            var ahead: PermutationTestsAhead?
            let disclosure = disclosure { cells in
                if members.coversEverything { ahead = PermutationTestsAhead(cells) }
            }
            return EffectEvaluation(
                state: state, options: options, provenance: provenance, disclosure: disclosure, testsAhead: ahead)
        }
    }

    /// Development plans and foresight.
    public var plans: DevelopmentPlans {
        computed.value(\.plans) {
            DevelopmentPlans(
                state: state, matrix: matrix, options: options, provenance: provenance, keyring: keyring)
        }
    }

    /// Programme indicators.
    public var indicators: ProgrammeIndicators {
        computed.value(\.indicators) {
            var indicators = ProgrammeIndicators(
                state: state, options: options, provenance: provenance,
                participationTotalWithheld: trainings.participationTotalWithheld, publicPlan: disclosure?.plan)
            // Per programme by default: the unscoped indicators of a ledger with several programmes hold each
            // programme's, computed from its scope as `--programme` would (one pass, shared).
            if options.scope.isWhole, whole.programmes.count > 1 {
                indicators.programmes = whole.programmes.keys.sorted().compactMap { programme in
                    guard var each = try? scoped(to: ReportScope(programme: programme)).indicators else { return nil }
                    each.programme = programme
                    return each
                }
            }
            return indicators
        }
    }

    /// The good-practice catalogue.
    public var practices: PracticeCatalogue {
        computed.value(\.practices) { PracticeCatalogue(state: state, provenance: provenance) }
    }

    /// The ESF participant indicators, every programme.
    public var esf: ESFParticipants {
        computed.value(\.esf) {
            ESFParticipants(state: state, options: options, provenance: provenance, keyring: keyring)
        }
    }

    /// The outcome report (Kirkpatrick level 4): indicators before and after, per organisation and pilot.
    public var outcomes: OutcomeReport {
        computed.value(\.outcomes) {
            OutcomeReport(state: state, options: options, provenance: provenance, disclosure: disclosure)
        }
    }

    /// The reports of `state`, which was replayed in `scope`, narrowed to the options' programme or pilot
    /// (``AnalyticsOptions/scope``; each report computed when first read); personal text (plan descriptions,
    /// timeline lines) is opened with `keyring`, and reads `[erased]` for every subject erased in it or in
    /// `state`. `head` and `eventDigests` describe the history read (``ReportProvenance``).
    ///
    /// - Throws: ``AnalyticsError/unknownScopeProgramme(_:known:)``, ``AnalyticsError/unknownPilot(_:known:)``
    ///   or ``AnalyticsError/pilotOutsideProgramme(_:programme:organisation:)`` when the scope does not resolve.
    public init(
        state: LedgerState, scope: ReplayScope, options: AnalyticsOptions, keyring: SubjectKeyring = .empty,
        head: HistoryAnchor? = nil, eventDigests: [UInt64] = []
    ) throws(AnalyticsError) {
        let members = try ScopeMembers(options.scope, in: state)
        self.init(
            whole: state, members: members, options: options,
            provenance: ReportProvenance(
                state: state, scope: scope, options: options, head: head, eventDigests: eventDigests),
            keyring: keyring.noting(erasures: state.erasedSubjects), computed: ComputedReports())
    }

    private init(
        whole: LedgerState, members: ScopeMembers, options: AnalyticsOptions, provenance: ReportProvenance,
        keyring: SubjectKeyring, computed: ComputedReports
    ) {
        self.whole = whole
        self.members = members
        state = whole.restricted(to: members)
        self.options = options
        self.provenance = provenance
        self.keyring = keyring
        self.computed = computed
    }

    /// The reports of the same state in `scope`, sharing this value's public disclosure pass.
    private func scoped(to scope: ReportScope) throws(AnalyticsError) -> AnalyticsReports {
        let narrowed = try AnalyticsOptions(
            today: options.today, minimumGroupSize: options.minimumGroupSize, matrixRound: options.matrixRound,
            rater: options.rater, topGaps: options.topGaps, audience: options.audience, scope: scope)
        var provenance = provenance
        provenance.reportScope = scope
        let shared = ComputedReports()
        if options.audience == .public {
            shared.seed(\.pass, computed.value(\.pass) { PublicDisclosurePass(state: whole, options: options) })
        }
        var reports = AnalyticsReports(
            whole: whole, members: try ScopeMembers(scope, in: whole), options: narrowed, provenance: provenance,
            keyring: keyring, computed: shared)
        reports.startedFrom = startedFrom
        return reports
    }

    /// Replays `store` once in `scope` into a ``LedgerModel`` and returns the reports of the state, opening
    /// personal text with the keys in `keys` (default: the store's own, ``SubjectKeyHolding``; none: it reads
    /// `[sealed]`, or `[erased]`).
    ///
    /// With `startingFromSnapshot` (the default), a replay of the whole history, or up to a position, starts from
    /// the ledger's snapshot in the store (the validation state every import keeps beside the log, see
    /// ``CompetenceLedger``) when it is intact, of this build and of the store's history as it is now, and reads
    /// only the events after it: the same reports and the same provenance as a replay of the whole log, in a
    /// fraction of the time on a long history. ``startedFrom`` says which it was. Without it, or on a store that
    /// keeps no checkpoints, the whole log is read.
    public static func replay(
        _ store: any EventStore, scope: ReplayScope = .everything, options: AnalyticsOptions,
        keys: (any SubjectKeyStore)? = nil, through: Int64? = nil, startingFromSnapshot: Bool = true
    ) async throws
        -> AnalyticsReports
    {
        let last = scope.lastPosition(through: through)
        let start: ReportStart
        if startingFromSnapshot, let checkpoints = store as? any CheckpointStore {
            start = await ReportStart.load(from: checkpoints, store: store, scope: scope, through: last)
        } else {
            start = .genesis(.notCheckpointed)
        }
        let (replayed, witness) = try await ProjectionRunner(store: store).replayWitnessing(
            LedgerModel(hashingUsedEvents: false), scope: scope, through: through, from: start)
        var state = replayed.state
        state.keepUsedEventsHash(witness.usedEventsHash)
        let keyring = try await (keys ?? store.heldSubjectKeys)?.keyring() ?? .empty
        var reports = try AnalyticsReports(
            state: state, scope: scope, options: options, keyring: keyring, head: witness.head,
            eventDigests: witness.digests)
        reports.startedFrom = start.use
        return reports
    }

    /// The timeline of one organisation; throws ``AnalyticsError/unknownOrganisation(_:)`` when it is not
    /// enrolled in the replayed history,
    /// ``AnalyticsError/organisationOutsideScope(_:scope:)`` when it is enrolled but not in the report's scope.
    public func timeline(for organisation: OrganisationID) throws(AnalyticsError) -> OrganisationTimeline {
        try checkInScope(organisation)
        return try OrganisationTimeline(
            state: state, organisation: organisation, provenance: provenance, keyring: keyring, disclosure: disclosure)
    }

    /// The trace of one organisation's needs to trainings, plan actions and competence change; throws
    /// ``AnalyticsError/unknownOrganisation(_:)`` when it is not enrolled in the replayed history,
    /// ``AnalyticsError/organisationOutsideScope(_:scope:)`` when it is not in the report's scope.
    public func trace(for organisation: OrganisationID) throws(AnalyticsError) -> NeedTrace {
        try checkInScope(organisation)
        return try NeedTrace(
            state: state, organisation: organisation, matrix: matrix, effect: effect, options: options,
            provenance: provenance)
    }

    /// Throws when `organisation` is enrolled but outside the scope (an unknown one is the report's to refuse).
    private func checkInScope(_ organisation: OrganisationID) throws(AnalyticsError) {
        if whole.organisations[organisation] != nil, state.organisations[organisation] == nil {
            throw .organisationOutsideScope(organisation, scope: options.scope)
        }
    }

    /// The ESF participant indicators of one programme, or of every programme when `programme` is `nil`;
    /// throws ``AnalyticsError/unknownProgramme(_:)`` when the ledger has no such programme.
    public func esf(programme: ProgrammeID?) throws(AnalyticsError) -> ESFParticipants {
        guard let programme else { return esf }
        guard let report = esf.programme(programme) else { throw .unknownProgramme(programme) }
        return report
    }

    public static func == (lhs: AnalyticsReports, rhs: AnalyticsReports) -> Bool {
        lhs.provenance == rhs.provenance && lhs.options == rhs.options && lhs.whole == rhs.whole
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(provenance)
        hasher.combine(options)
    }
}

/// The reports computed so far: shared by the copies of one ``AnalyticsReports`` (its lock is owned by this
/// class alone; a report is computed outside it, so a report that reads another does not wait on itself).
private final class ComputedReports: Sendable {
    struct Values {
        var pass: PublicDisclosurePass?
        var disclosure: PublicDisclosure?
        var matrix: SkillsMatrix?
        var trainings: TrainingLedger?
        var effect: EffectEvaluation?
        var plans: DevelopmentPlans?
        var indicators: ProgrammeIndicators?
        var practices: PracticeCatalogue?
        var esf: ESFParticipants?
        var outcomes: OutcomeReport?
    }

    private let values = Mutex(Values())

    /// Sets the value at `key` (a pass shared with another scope's reports).
    func seed<Report: Sendable>(_ key: WritableKeyPath<Values, Report?>, _ value: Report) {
        values.withLock { $0[keyPath: key] = value }
    }

    /// The report at `key`, computed with `compute` when it is not yet (two readers at once may both
    /// compute it; both get equal values).
    func value<Report: Sendable>(_ key: WritableKeyPath<Values, Report?>, _ compute: () -> Report) -> Report {
        if let known = values.withLock({ $0[keyPath: key] }) { return known }
        let report = compute()
        values.withLock { $0[keyPath: key] = report }
        return report
    }
}
