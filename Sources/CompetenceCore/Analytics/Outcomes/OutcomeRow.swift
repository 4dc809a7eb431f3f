/// One row of the outcome report: a measure of an organisation before and after, its change, and the practices
/// adopted and trainings completed in between.
public struct OutcomeRow: Hashable, Sendable {
    /// An organisation's whole series, or the measurements around a pilot.
    public var scope: OutcomeScope
    /// The organisation measured.
    public var organisation: OrganisationID
    /// The pilot, for a pilot row.
    public var pilot: PilotID?
    /// What kind of indicator.
    public var indicator: IndicatorKind
    /// The measure, e.g. "work ability index".
    public var name: String
    /// Its unit.
    public var unit: String
    /// The day of the value before, if there is one.
    public var beforeOn: CalendarDate?
    /// The value before; `nil` when there is none or it is withheld.
    public var before: Double?
    /// The day of the value after, if there is one.
    public var afterOn: CalendarDate?
    /// The value after; `nil` when there is none or it is withheld.
    public var after: Double?
    /// After − before, when both are shown.
    public var change: Double?
    /// The practices the organisation adopted in the window, by id (each once).
    public var practicesAdopted: [PracticeID]
    /// The trainings its people completed in the window, by id (each once); empty when withheld.
    public var trainingsCompleted: [TrainingID]
    /// How many of its people completed a training in the window; `nil` when withheld.
    public var personsCompleting: Int?
    /// Whether any figure of the row is withheld for privacy.
    public var suppressed: Bool
    /// How many cells of the row are withheld (before, after, persons completing).
    var withheldCells: Int

    /// The row of `draft`, withheld as `plan` says.
    init(_ draft: OutcomeCells.Draft, plan: SuppressionPlan) {
        scope = draft.scope
        pilot = draft.pilot
        organisation = draft.key.organisation
        indicator = draft.key.indicator
        name = draft.key.name
        unit = draft.key.unit
        let isWithheld = { (fact: Fact<IndicatorMeasured>?) in
            fact.map { plan.isWithheld(IndicatorCells.cell($0.eventID)) } ?? false
        }
        let beforeWithheld = isWithheld(draft.before)
        let afterWithheld = isWithheld(draft.after)
        beforeOn = draft.before?.event.measuredOn
        afterOn = draft.after?.event.measuredOn
        let shownBefore = beforeWithheld ? nil : draft.before?.event.value
        let shownAfter = afterWithheld ? nil : draft.after?.event.value
        before = shownBefore
        after = shownAfter
        change = shownBefore.flatMap { b in shownAfter.map { $0 - b } }
        let personsWithheld = plan.isWithheld(draft.personsCell)
        practicesAdopted = draft.practices
        trainingsCompleted = personsWithheld ? [] : draft.trainings
        personsCompleting = personsWithheld ? nil : draft.persons
        withheldCells = [beforeWithheld, afterWithheld, personsWithheld].filter { $0 }.count
        suppressed = withheldCells > 0
    }
}

extension OutcomeRow: TableRow {
    /// `scope,organisation,pilot,indicator,name,unit,before_on,before,after_on,after,change,practices_adopted,`
    /// `trainings_completed,persons_completing,suppressed`.
    public static let columns = [
        "scope", "organisation", "pilot", "indicator", "name", "unit", "before_on", "before", "after_on", "after",
        "change", "practices_adopted", "trainings_completed", "persons_completing", "suppressed",
    ]

    public var cells: [String] {
        [
            scope.rawValue, organisation.rawValue, pilot?.rawValue ?? "", indicator.rawValue, CellFormat.text(name),
            CellFormat.text(unit), CellFormat.day(beforeOn), CellFormat.number(before), CellFormat.day(afterOn),
            CellFormat.number(after), CellFormat.number(change), CellFormat.list(practicesAdopted.map(\.rawValue)),
            CellFormat.list(trainingsCompleted.map(\.rawValue)), CellFormat.count(personsCompleting),
            CellFormat.flag(suppressed),
        ]
    }
}
