extension PlanActionRow: TableRow {
    /// `organisation,plan,adopted_on,action,competence,description,target_level,due_on,owner_role,status,status_on,`
    /// `overdue`.
    public static let columns = [
        "organisation", "plan", "adopted_on", "action", "competence", "description", "target_level", "due_on",
        "owner_role", "status", "status_on", "overdue",
    ]

    public var cells: [String] {
        [
            organisation.rawValue, plan.rawValue, CellFormat.day(adoptedOn), action.action, action.competence.rawValue,
            CellFormat.text(description), String(action.targetLevel), CellFormat.day(action.dueOn),
            action.ownerRole.rawValue, status.rawValue, CellFormat.day(statusOn), CellFormat.flag(overdue),
        ]
    }
}

extension VisionRow: TableRow {
    /// `organisation,workshop,held_on,horizon_year,vision,milestones` (milestones as `YEAR: text|YEAR: text`).
    public static let columns = ["organisation", "workshop", "held_on", "horizon_year", "vision", "milestones"]

    public var cells: [String] {
        [
            organisation.rawValue, workshop, CellFormat.day(heldOn), String(horizonYear), CellFormat.text(vision),
            CellFormat.list(milestones.map { "\($0.year): \(CellFormat.text($0.description))" }),
        ]
    }
}

extension FutureNeedRow: TableRow {
    /// `organisation,horizon_year,competence,future_importance,mean_gap_now,note`.
    public static let columns = [
        "organisation", "horizon_year", "competence", "future_importance", "mean_gap_now", "note",
    ]

    public var cells: [String] {
        [
            organisation.rawValue, String(horizonYear), competence.rawValue, String(futureImportance),
            CellFormat.number(meanGapNow), CellFormat.text(note),
        ]
    }
}
