extension EffectRow: TableRow {
    /// The CLI contract's fourteen columns, then `effect_size_hedges,share_improved,split_suppressed`, then the
    /// small-sample statistics (`change_ci95_low` … `did_adjusted`).
    public static let columns = [
        "organisation", "competence", "paired_n", "baseline_mean", "followup_mean", "mean_change", "sd_change",
        "effect_size_dz", "trained_n", "trained_change", "untrained_n", "untrained_change",
        "difference_in_differences", "suppressed", "effect_size_hedges", "share_improved", "split_suppressed",
        "change_ci95_low", "change_ci95_high", "hedges_ci95_low", "hedges_ci95_high", "share_unchanged",
        "share_worsened", "attended_n", "attended_change", "did_ci95_low", "did_ci95_high", "did_p_permutation",
        "did_adjusted",
    ]

    public var cells: [String] {
        [
            population.description, competence.rawValue, CellFormat.count(pairedCount), CellFormat.number(baselineMean),
            CellFormat.number(followUpMean), CellFormat.number(meanChange), CellFormat.number(changeStandardDeviation),
            CellFormat.number(effectSizeDz), CellFormat.count(trainedCount), CellFormat.number(trainedChange),
            CellFormat.count(untrainedCount), CellFormat.number(untrainedChange),
            CellFormat.number(differenceInDifferences), CellFormat.flag(suppressed),
            CellFormat.number(hedgesCorrectedEffectSize), CellFormat.number(shareImproved),
            CellFormat.flag(splitSuppressed), CellFormat.number(changeLow95), CellFormat.number(changeHigh95),
            CellFormat.number(hedgesLow95), CellFormat.number(hedgesHigh95), CellFormat.number(shareUnchanged),
            CellFormat.number(shareWorsened), CellFormat.count(attendedCount), CellFormat.number(attendedChange),
            CellFormat.number(differenceLow95), CellFormat.number(differenceHigh95),
            CellFormat.number(differencePermutationP), CellFormat.number(differenceAdjusted),
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
