extension EffectRow: TableRow {
    /// The CLI contract's fourteen columns, then `effect_size_hedges,share_improved,split_suppressed`.
    public static let columns = [
        "organisation", "competence", "paired_n", "baseline_mean", "followup_mean", "mean_change", "sd_change",
        "effect_size_dz", "trained_n", "trained_change", "untrained_n", "untrained_change",
        "difference_in_differences", "suppressed", "effect_size_hedges", "share_improved", "split_suppressed",
    ]

    public var cells: [String] {
        [
            population.description, competence.rawValue, CellFormat.count(pairedCount), CellFormat.number(baselineMean),
            CellFormat.number(followUpMean), CellFormat.number(meanChange), CellFormat.number(changeStandardDeviation),
            CellFormat.number(effectSizeDz), CellFormat.count(trainedCount), CellFormat.number(trainedChange),
            CellFormat.count(untrainedCount), CellFormat.number(untrainedChange),
            CellFormat.number(differenceInDifferences), CellFormat.flag(suppressed),
            CellFormat.number(hedgesCorrectedEffectSize), CellFormat.number(shareImproved),
            CellFormat.flag(splitSuppressed),
        ]
    }
}

extension ReactionRow: TableRow {
    /// `training,title,responses,mean_score,suppressed`.
    public static let columns = ["training", "title", "responses", "mean_score", "suppressed"]

    public var cells: [String] {
        [
            training.rawValue, CellFormat.text(title), CellFormat.count(responses), CellFormat.number(meanScore),
            CellFormat.flag(suppressed),
        ]
    }
}

extension BehaviourRow: TableRow {
    /// `organisation,plans,plan_actions,actions_completed,share_completed,practices_adopted`.
    public static let columns = [
        "organisation", "plans", "plan_actions", "actions_completed", "share_completed", "practices_adopted",
    ]

    public var cells: [String] {
        [
            organisation.rawValue, String(plans), String(planActions), String(actionsCompleted),
            CellFormat.number(shareCompleted), String(practicesAdopted),
        ]
    }
}
