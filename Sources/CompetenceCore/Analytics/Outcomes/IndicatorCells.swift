import Foundation

/// The indicator values (``IndicatorMeasured``) that the organisation timeline and the outcome report publish,
/// as cells of the disclosure pass: one per measurement, over its `respondents` (a value without respondents —
/// not an aggregate over persons, e.g. a sick-leave rate from the payroll — counts 0: nothing to protect).
///
/// A measurement is one organisation's figure, measured once by the organisation on persons the ledger does
/// not hold: no report prints a total it is a part of, and a later measurement is a new value, not the same
/// cell changed. So these cells have no relations: primary suppression below k respondents is all the pass
/// does to them, and the timeline and the outcome report withhold the same values.
enum IndicatorCells {
    /// The cells of every measurement of `state`.
    static func cells(_ state: LedgerState) -> DisclosureCells {
        var cells = DisclosureCells()
        for fact in state.indicators { cells.counts[cell(fact.eventID)] = fact.event.respondents ?? 0 }
        return cells
    }

    /// The cell of the measurement recorded as event `id`.
    static func cell(_ id: UUID) -> SuppressionCell { SuppressionCell("indicator", id.uuidString) }
}
