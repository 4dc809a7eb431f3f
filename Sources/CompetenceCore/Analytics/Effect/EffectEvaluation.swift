/// Effect evaluation (Kirkpatrick level 2, with level 1 and a level 3 proxy alongside): for each organisation ×
/// competence and for the programme (`ALL`), the paired change from baseline to follow-up, its effect size and
/// the split into trained and untrained persons with the difference in differences.
///
/// Formulas (see Docs/Analytics.md): change = follow-up − baseline per person; means over persons; SD is the
/// sample SD (n − 1); d_z = mean change / SD of change; Hedges' g = J·d_z with J = 1 − 3/(4(n − 1) − 1);
/// DiD = mean change of the trained − mean change of the untrained, with Welch's interval, a permutation
/// p-value and the baseline-adjusted (ANCOVA) difference; the attended-without-training group beside them.
public struct EffectEvaluation: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// Per organisation × competence (organisations by id), then `ALL` per competence.
    public let rows: [EffectRow]
    /// Reaction scores per training (Kirkpatrick level 1).
    public let reactions: [ReactionRow]
    /// Plan actions completed and practices adopted per organisation (Kirkpatrick level 3 proxy).
    public let behaviour: [BehaviourRow]
    /// How many cells (rows, or their trained/attended/untrained groups, then-test rows, reaction rows) were
    /// withheld, as primary and as complement.
    public let withheld: WithheldCells
    /// The then-test estimate beside pre → post, where then-test answers exist (else empty, and no table).
    public let thenTest: [ThenTestRow]
    /// The whole-row cells withheld as primary (a withheld row not here is a complement): for reports that
    /// repeat the rows, such as the need trace.
    private let primaryRows: Set<SuppressionCell>

    /// Evaluates `state`: an analyst's evaluation, its cells planned on their own (disclosure control within
    /// the report).
    public init(state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance) {
        self.init(state: state, options: options, provenance: provenance, disclosure: nil)
    }

    /// Evaluates `state`; with `disclosure`, its cells are withheld as the public pass says (the same pattern
    /// as every other public report of the state), else planned within the evaluation. `testsAhead`: the
    /// permutation tests started before the disclosure was computed (the same p-values, computed sooner).
    init(
        state: LedgerState, options: AnalyticsOptions, provenance: ReportProvenance, disclosure: PublicDisclosure?,
        testsAhead: PermutationTestsAhead? = nil
    ) {
        self.provenance = provenance
        let cells = disclosure?.effect ?? EffectCells(state: state, options: options)
        // Without a pass, the tests start now, beside this evaluation's own plan.
        let testsAhead = testsAhead ?? (disclosure == nil ? PermutationTestsAhead(cells) : nil)
        let thenTestCells = disclosure?.thenTest ?? ThenTestCells(changes: cells.changes)
        let reactionCells = disclosure?.reactions ?? ReactionRow.cells(state)
        // The then-test and reaction tables are tables of this report: planned with the effect cells (an
        // analyst's), or in the pass.
        let plan =
            disclosure?.plan
            ?? cells.disclosure.union(thenTestCells.disclosure).union(reactionCells).plan(
                minimumGroupSize: options.minimumGroupSize)
        withheld = WithheldCells(
            plan,
            among: Set(cells.disclosure.counts.keys.filter { $0.path.first == "effect" }).union(thenTestCells.published)
                .union(reactionCells.counts.keys.filter { $0.path.first == "reaction" }))

        let ordered =
            cells.pairs.sorted { ($0.organisation, $0.competence) < ($1.organisation, $1.competence) }
            .map { (Population.organisation($0.organisation), $0.competence) }
            + cells.competences.map { (Population.all, $0) }
        rows = ConcurrentMap.indices(ordered.count) { index in
            let (population, competence) = ordered[index]
            let whole = EffectCells.cell(.whole, population, competence)
            guard !plan.isWithheld(whole) else { return EffectRow.withheld(population, competence) }
            return EffectRow(
                population: population, competence: competence, changes: cells.members(population, competence),
                testsAhead: testsAhead,
                withheldGroups: Set(
                    TrainingGroup.allCases.filter {
                        plan.isWithheld(EffectCells.cell(EffectCells.Part($0), population, competence))
                    }))
        }
        primaryRows = Set(ordered.map { EffectCells.cell(.whole, $0, $1) }.filter(plan.primary.contains))
        reactions = ReactionRow.rows(state, plan: plan)
        behaviour = BehaviourRow.rows(state)
        thenTest = ThenTestRow.rows(thenTestCells, plan: plan)
    }

    /// Whether the row of `population` and `competence` is withheld as a primary cell (too few persons), not as
    /// a complement.
    func isPrimaryWithheld(_ population: Population, _ competence: CompetenceID) -> Bool {
        primaryRows.contains(EffectCells.cell(.whole, population, competence))
    }

    public var tables: [ReportTable] {
        [
            ReportTable(name: "effect", title: "Effect: paired change from baseline to follow-up", rows: rows),
            ReportTable(
                name: "reactions", title: "Reaction scores per training (Kirkpatrick level 1)", rows: reactions),
            ReportTable(
                name: "behaviour", title: "Plan actions completed and practices adopted (Kirkpatrick level 3 proxy)",
                rows: behaviour),
        ]
            + (thenTest.isEmpty
                ? []
                : [
                    ReportTable(
                        name: "then-test", title: "Then-test: from the retrospective level to follow-up",
                        rows: thenTest)
                ])
    }
}

/// One row of the effect evaluation. Every figure is `nil` when undefined or withheld.
public struct EffectRow: Hashable, Sendable {
    /// An organisation, or `ALL`.
    public var population: Population
    /// The competence.
    public var competence: CompetenceID
    /// Persons with both a baseline and a follow-up answer.
    public var pairedCount: Int?
    /// Their mean baseline level.
    public var baselineMean: Double?
    /// Their mean follow-up level.
    public var followUpMean: Double?
    /// The mean change (follow-up − baseline).
    public var meanChange: Double?
    /// The sample SD of the change (n − 1).
    public var changeStandardDeviation: Double?
    /// d_z = mean change / SD of change.
    public var effectSizeDz: Double?
    /// Paired persons trained on the competence before their follow-up answer.
    public var trainedCount: Int?
    /// The mean change of the trained.
    public var trainedChange: Double?
    /// Paired persons not trained on it before their follow-up answer.
    public var untrainedCount: Int?
    /// The mean change of the untrained.
    public var untrainedChange: Double?
    /// trained change − untrained change.
    public var differenceInDifferences: Double?
    /// Whether the row's figures are withheld for privacy.
    public var suppressed: Bool
    /// d_z with Hedges' small-sample correction.
    public var hedgesCorrectedEffectSize: Double?
    /// Share of paired persons whose level rose by at least one.
    public var shareImproved: Double?
    /// Whether the split into trained, attended and untrained is withheld in part (a group is too small, or
    /// would reveal one that is).
    public var splitSuppressed: Bool
    /// The 95 % t-interval of the mean change, lower bound.
    public var changeLow95: Double?
    /// The 95 % t-interval of the mean change, upper bound.
    public var changeHigh95: Double?
    /// The 95 % interval of Hedges' g_z, lower bound.
    public var hedgesLow95: Double?
    /// The 95 % interval of Hedges' g_z, upper bound.
    public var hedgesHigh95: Double?
    /// Share of paired persons whose level did not change.
    public var shareUnchanged: Double?
    /// Share of paired persons whose level fell by at least one.
    public var shareWorsened: Double?
    /// Paired persons who took part in a targeting training on or before their follow-up answer without
    /// counting as trained (not completed by then, or completed before the baseline).
    public var attendedCount: Int?
    /// The mean change of the attended group.
    public var attendedChange: Double?
    /// Welch's 95 % interval of the difference in differences, lower bound.
    public var differenceLow95: Double?
    /// Welch's 95 % interval of the difference in differences, upper bound.
    public var differenceHigh95: Double?
    /// The two-sided permutation p-value of the difference in differences.
    public var differencePermutationP: Double?
    /// The trained − untrained difference adjusted for the baseline (ANCOVA: follow-up ~ baseline + trained).
    public var differenceAdjusted: Double?

    static func withheld(_ population: Population, _ competence: CompetenceID) -> EffectRow {
        EffectRow(population: population, competence: competence, suppressed: true, splitSuppressed: true)
    }

    private init(population: Population, competence: CompetenceID, suppressed: Bool, splitSuppressed: Bool) {
        self.population = population
        self.competence = competence
        self.suppressed = suppressed
        self.splitSuppressed = splitSuppressed
    }

    init(
        population: Population, competence: CompetenceID, changes: [PairedChange],
        testsAhead: PermutationTestsAhead? = nil, withheldGroups: Set<TrainingGroup>
    ) {
        self.init(
            population: population, competence: competence, suppressed: false,
            splitSuppressed: !withheldGroups.isEmpty)
        let change = SampleSummary(changes.map { Double($0.change) })
        pairedCount = changes.count
        baselineMean = SampleSummary(changes.map { Double($0.baseline) }).mean
        followUpMean = SampleSummary(changes.map { Double($0.followUp) }).mean
        meanChange = change.mean
        changeStandardDeviation = change.standardDeviation
        effectSizeDz = change.effectSizeDz
        hedgesCorrectedEffectSize = change.hedgesCorrectedEffectSize
        shareImproved = SampleSummary.share(of: changes) { $0.change >= 1 }
        shareUnchanged = SampleSummary.share(of: changes) { $0.change == 0 }
        shareWorsened = SampleSummary.share(of: changes) { $0.change <= -1 }
        changeLow95 = change.meanInterval95?.low
        changeHigh95 = change.meanInterval95?.high
        hedgesLow95 = change.hedgesInterval95?.low
        hedgesHigh95 = change.hedgesInterval95?.high

        let trained = changes.filter { $0.group == .trained }
        let attended = changes.filter { $0.group == .attended }
        let untrained = changes.filter { $0.group == .untrained }
        trainedCount = trained.count
        attendedCount = attended.count
        untrainedCount = untrained.count
        let mean = { (group: [PairedChange]) in SampleSummary(group.map { Double($0.change) }).mean }
        if !withheldGroups.contains(.trained) { trainedChange = mean(trained) }
        if !withheldGroups.contains(.attended) { attendedChange = mean(attended) }
        if !withheldGroups.contains(.untrained) { untrainedChange = mean(untrained) }
        guard let trainedChange, let untrainedChange else { return }
        differenceInDifferences = trainedChange - untrainedChange
        let trainedValues = trained.map { Double($0.change) }
        let untrainedValues = untrained.map { Double($0.change) }
        let welch = WelchDifference(trainedValues, untrainedValues)
        differenceLow95 = welch?.interval.low
        differenceHigh95 = welch?.interval.high
        differencePermutationP =
            testsAhead?.pValue(population, competence, trained: trainedValues, untrained: untrainedValues)
            ?? PermutationTest(trainedValues, untrainedValues)?.pValue
        let pairs = { (group: [PairedChange]) in
            group.map { (baseline: Double($0.baseline), followUp: Double($0.followUp)) }
        }
        differenceAdjusted = BaselineAdjustment.difference(pairs(trained), pairs(untrained))
    }
}
