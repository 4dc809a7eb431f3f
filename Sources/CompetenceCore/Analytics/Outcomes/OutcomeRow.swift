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

    init(
        scope: OutcomeScope, pilot: PilotID?, key: OutcomeMeasure, before: IndicatorMeasured?,
        after: IndicatorMeasured?, window: (from: CalendarDate, through: CalendarDate)?, state: LedgerState,
        options: AnalyticsOptions
    ) {
        self.scope = scope
        self.pilot = pilot
        organisation = key.organisation
        indicator = key.indicator
        name = key.name
        unit = key.unit
        let k = options.minimumGroupSize
        let beforeWithheld = before.map { EventSummary.isWithheld($0, minimumGroupSize: k) } ?? false
        let afterWithheld = after.map { EventSummary.isWithheld($0, minimumGroupSize: k) } ?? false
        beforeOn = before?.measuredOn
        afterOn = after?.measuredOn
        let shownBefore = beforeWithheld ? nil : before?.value
        let shownAfter = afterWithheld ? nil : after?.value
        self.before = shownBefore
        self.after = shownAfter
        change = shownBefore.flatMap { b in shownAfter.map { $0 - b } }
        var practices: Set<PracticeID> = []
        var trainings: Set<TrainingID> = []
        var persons: Set<PersonID> = []
        if let window {
            let inWindow = { (day: CalendarDate) in window.from < day && day <= window.through }
            for (id, practice) in state.practices
            where practice.adoptions.contains(where: {
                $0.event.organisation == key.organisation && inWindow($0.event.adoptedOn)
            }) {
                practices.insert(id)
            }
            for (id, training) in state.trainings {
                for participation in training.participations {
                    let event = participation.event
                    guard event.organisation == key.organisation, event.completed,
                        inWindow(event.completedOn ?? event.recordedOn)
                    else { continue }
                    trainings.insert(id)
                    persons.insert(event.person)
                }
            }
        }
        let personsWithheld = (1..<max(k, 1)).contains(persons.count)
        practicesAdopted = practices.sorted()
        trainingsCompleted = personsWithheld ? [] : trainings.sorted()
        personsCompleting = personsWithheld ? nil : persons.count
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
