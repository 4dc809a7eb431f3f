extension MatrixFigures {
    /// The cells of the figures after the leading columns: the contract's five, then the extras.
    fileprivate var leadingCells: [String] {
        [
            CellFormat.count(respondents), CellFormat.number(meanCurrent), CellFormat.number(meanTarget),
            CellFormat.number(meanGap),
        ]
    }

    fileprivate var trailingCells: [String] {
        [CellFormat.number(shareGapTwoOrMore), CellFormat.count(targetRespondents)]
    }
}

extension MatrixRow: TableRow {
    /// `organisation,competence,respondents,mean_current,mean_target,mean_gap,suppressed` (the CLI contract),
    /// then `share_gap_2_or_more,target_respondents`.
    public static let columns = [
        "organisation", "competence", "respondents", "mean_current", "mean_target", "mean_gap", "suppressed",
        "share_gap_2_or_more", "target_respondents",
    ]

    public var cells: [String] {
        [population.description, competence.rawValue] + figures.leadingCells + [CellFormat.flag(suppressed)]
            + figures.trailingCells
    }
}

extension MatrixBreakdownRow: TableRow {
    /// `dimension,group,competence,respondents,mean_current,mean_target,mean_gap,suppressed,share_gap_2_or_more,`
    /// `target_respondents`.
    public static let columns = ["dimension", "group"] + MatrixRow.columns.dropFirst()

    public var cells: [String] {
        [dimension.rawValue, group, competence.rawValue] + figures.leadingCells + [CellFormat.flag(suppressed)]
            + figures.trailingCells
    }
}

extension RankedGap: TableRow {
    /// `organisation,rank,competence,mean_gap,priority`.
    public static let columns = ["organisation", "rank", "competence", "mean_gap", "priority"]

    public var cells: [String] {
        [
            organisation.rawValue, String(rank), competence.rawValue, CellFormat.number(meanGap),
            CellFormat.number(priority),
        ]
    }
}
