/// The outcome report's rows before disclosure control, and its cells: the indicator values it shows
/// (``IndicatorCells``) and, per row, the persons who completed a training in the row's window.
///
/// A row's persons are a count of its own window (nested or overlapping windows of one organisation's rows
/// are not partitions of a published total), so they take primary suppression; in public reports each is
/// linked to its figure at the previous public snapshot, so fewer than k persons completing since then
/// withhold it.
struct OutcomeCells: Sendable {
    /// One row's measurements and what happened in its window.
    struct Draft: Sendable {
        var scope: OutcomeScope
        var pilot: PilotID?
        var key: OutcomeMeasure
        var before: Fact<IndicatorMeasured>?
        var after: Fact<IndicatorMeasured>?
        /// Where the window opens without a value before: the pilot's start.
        var start: CalendarDate?
        /// Practices adopted, trainings completed and the persons completing them in the window.
        var practices: [PracticeID] = []
        var trainings: [TrainingID] = []
        var persons = 0

        /// The cell of the row's persons completing a training.
        var personsCell: SuppressionCell {
            SuppressionCell(
                "outcome-persons", scope.rawValue, key.organisation.rawValue, pilot?.rawValue ?? "",
                key.indicator.rawValue, key.name, key.unit)
        }
    }

    /// The rows: organisation rows (by organisation, then measure), then pilot rows (by pilot, then measure).
    let drafts: [Draft]
    /// The indicator values and persons-completing counts, with their changes since the previous snapshot.
    let disclosure: DisclosureCells

    /// The rows and cells of `state`; `previousSnapshot` (days since 1970-01-01, ``PreviousSnapshot``) adds
    /// each persons count's change since that day (public reports).
    init(state: LedgerState, previousSnapshot: Int32? = nil) {
        let series = Self.series(state)
        var drafts: [Draft] = []
        for (key, measurements) in series.sorted(by: { $0.key < $1.key }) {
            drafts.append(
                Draft(
                    scope: .organisation, key: key, before: measurements.first,
                    after: measurements.count > 1 ? measurements.last : nil))
        }
        for (pilotID, pilot) in state.pilots.sorted(by: { $0.key < $1.key }) {
            let start = pilot.start.event.startedOn
            let end = pilot.completion?.event.completedOn
            for (key, measurements) in series.sorted(by: { $0.key < $1.key })
            where key.organisation == pilot.start.event.organisation {
                let before = measurements.last { $0.event.measuredOn <= start }
                let after =
                    if let end { measurements.first { $0.event.measuredOn >= end } } else {
                        measurements.last { $0.event.measuredOn > start }
                    }
                drafts.append(
                    Draft(scope: .pilot, pilot: pilotID, key: key, before: before, after: after, start: start))
            }
        }
        var disclosure = IndicatorCells.cells(state)
        let completions = Self.completions(state)
        // The window: after the before day (a pilot without one: its start) up to and including the after day;
        // none without an after value.
        for index in drafts.indices {
            guard let after = drafts[index].after?.event.measuredOn else { continue }
            let from = drafts[index].before?.event.measuredOn ?? drafts[index].start!
            let inWindow = { (day: CalendarDate) in from < day && day <= after }
            let organisation = drafts[index].key.organisation
            drafts[index].practices = state.practices.filter { _, practice in
                practice.adoptions.contains { $0.event.organisation == organisation && inWindow($0.event.adoptedOn) }
            }.keys.sorted()
            let completed = (completions[organisation] ?? []).filter { inWindow($0.day) }
            drafts[index].trainings = Set(completed.map(\.training)).sorted()
            let persons = Set(completed.map(\.person))
            drafts[index].persons = persons.count
            let cell = drafts[index].personsCell
            disclosure.counts[cell] = persons.count
            if let previousSnapshot {
                let before = Set(completed.filter { $0.day.daysSinceEpoch <= Int(previousSnapshot) }.map(\.person))
                disclosure.addChangeSincePreviousSnapshot(of: cell, changed: persons.count - before.count)
            }
        }
        self.drafts = drafts
        self.disclosure = disclosure
    }

    /// Each organisation's measurements per measure, in measuring order (ties in recorded order).
    private static func series(_ state: LedgerState) -> [OutcomeMeasure: [Fact<IndicatorMeasured>]] {
        var series: [OutcomeMeasure: [Fact<IndicatorMeasured>]] = [:]
        for fact in state.indicators {
            let event = fact.event
            let key = OutcomeMeasure(
                organisation: event.organisation, indicator: event.indicator, name: event.name, unit: event.unit)
            series[key, default: []].append(fact)
        }
        return series.mapValues { measurements in
            measurements.enumerated().sorted {
                ($0.element.event.measuredOn, $0.offset) < ($1.element.event.measuredOn, $1.offset)
            }.map(\.element)
        }
    }

    /// Every completed participation per organisation: its completion day (else its recording day), training
    /// and person.
    private static func completions(
        _ state: LedgerState
    ) -> [OrganisationID: [(day: CalendarDate, training: TrainingID, person: PersonID)]] {
        var completions: [OrganisationID: [(day: CalendarDate, training: TrainingID, person: PersonID)]] = [:]
        for (id, training) in state.trainings {
            for participation in training.participations where participation.event.completed {
                let event = participation.event
                completions[event.organisation, default: []].append(
                    (event.completedOn ?? event.recordedOn, id, event.person))
            }
        }
        return completions
    }
}
