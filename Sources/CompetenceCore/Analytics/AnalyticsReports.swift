/// Every analyst report, computed from one ``LedgerState`` — one replay of the log serves them all.
///
/// Each report is a deterministic, pure function of the state and the options: the same events give equal
/// reports. The CLI calls ``replay(_:scope:options:)`` (or folds a ``LedgerModel`` itself and calls
/// ``init(state:scope:options:)``), then reads the report it needs and renders its ``TabularReport/tables``.
public struct AnalyticsReports: Hashable, Sendable {
    /// What every report here was computed from.
    public let provenance: ReportProvenance
    /// The skills matrix and gaps.
    public let matrix: SkillsMatrix
    /// The training ledger with coverage.
    public let trainings: TrainingLedger
    /// The effect evaluation.
    public let effect: EffectEvaluation
    /// Development plans and foresight.
    public let plans: DevelopmentPlans
    /// Programme indicators.
    public let indicators: ProgrammeIndicators
    /// The good-practice catalogue.
    public let practices: PracticeCatalogue
    private let state: LedgerState
    private let keyring: SubjectKeyring

    /// Computes every report from `state`, which was replayed in `scope`; personal text (plan descriptions,
    /// timeline lines) is opened with `keyring`, and reads `[erased]` for every subject erased in it or in
    /// `state`. `head` and `eventDigests` describe the history read (``ReportProvenance``).
    public init(
        state: LedgerState, scope: ReplayScope, options: AnalyticsOptions, keyring: SubjectKeyring = .empty,
        head: HistoryAnchor? = nil, eventDigests: [UInt64] = []
    ) {
        let provenance = ReportProvenance(
            state: state, scope: scope, options: options, head: head, eventDigests: eventDigests)
        let keyring = keyring.noting(erasures: state.erasedSubjects)
        self.provenance = provenance
        self.state = state
        self.keyring = keyring
        matrix = SkillsMatrix(state: state, options: options, provenance: provenance)
        trainings = TrainingLedger(state: state, matrix: matrix, options: options, provenance: provenance)
        effect = EffectEvaluation(state: state, options: options, provenance: provenance)
        plans = DevelopmentPlans(
            state: state, matrix: matrix, options: options, provenance: provenance, keyring: keyring)
        indicators = ProgrammeIndicators(
            state: state, options: options, provenance: provenance,
            participationTotalWithheld: trainings.participationTotalWithheld)
        practices = PracticeCatalogue(state: state, provenance: provenance)
    }

    /// Replays `store` once in `scope` into a ``LedgerModel`` and computes every report from it, opening
    /// personal text with the keys in `keys` (default: the store's own, ``SubjectKeyHolding``; none: it reads
    /// `[sealed]`, or `[erased]`).
    public static func replay(
        _ store: any EventStore, scope: ReplayScope = .everything, options: AnalyticsOptions,
        keys: (any SubjectKeyStore)? = nil, through: Int64? = nil
    ) async throws
        -> AnalyticsReports
    {
        let witness = HistoryWitness()
        let replayed = try await ProjectionRunner(store: store).replay(
            LedgerModel(), scope: scope, through: through, observing: witness.read)
        let keyring = try await (keys ?? store.heldSubjectKeys)?.keyring() ?? .empty
        return AnalyticsReports(
            state: replayed.state, scope: scope, options: options, keyring: keyring, head: witness.chain.head,
            eventDigests: witness.digests)
    }

    /// The timeline of one organisation; throws ``AnalyticsError/unknownOrganisation(_:)`` when it is not
    /// enrolled in the replayed history.
    public func timeline(for organisation: OrganisationID) throws(AnalyticsError) -> OrganisationTimeline {
        try OrganisationTimeline(state: state, organisation: organisation, provenance: provenance, keyring: keyring)
    }

    /// The report named as on the command line (`matrix`, `trainings`, `effect`, `plans`, `practices`);
    /// `nil` for another name (`indicators` is JSON, `timeline` needs an organisation).
    public func tabular(named name: String) -> (any TabularReport)? {
        switch name {
        case "matrix": matrix
        case "trainings": trainings
        case "effect": effect
        case "plans": plans
        case "practices": practices
        default: nil
        }
    }
}

/// What a replay for reports read: the history chain and one digest per event (``ReportProvenance``). Used by
/// one replay at a time, on its task only.
private final class HistoryWitness {
    var chain = HistoryChain()
    var digests: [UInt64] = []

    func read(_ event: RecordedEvent) throws {
        try chain.append(event)
        digests.append(ReportProvenance.digest(event))
    }
}
