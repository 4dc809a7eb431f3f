import Foundation

/// A refused field: what a rule found wrong, before the ledger adds which event of the call it was.
struct Violation: Error, Hashable, Sendable {
    var field: String
    var value: String
    var reason: String

    init(_ field: String, _ value: some CustomStringConvertible, _ reason: String) {
        self.field = field
        self.value = value.description
        self.reason = reason
    }
}

/// An event type's validation rules: which checks apply to which of its fields.
///
/// Every catalogue type conforms (in `Rules/`); the checks themselves live in the `Checker+…` files, one
/// concern each, so a rule is written once and every event that needs it calls it.
protocol ValidatedEvent: LedgerEvent {
    /// Throws the first violation found against the state in `check`.
    func validate(_ check: Checker) throws(Violation)
}

/// What the rules check against: the recorder's state (caught up with the store, plus the earlier events of
/// the same call) and today's date from the ledger's clock.
struct Checker {
    let state: RecorderState
    /// The day the ledger's clock says it is (UTC).
    let today: CalendarDate

    var ledger: LedgerState { state.ledger }

    /// Validates one event of the catalogue.
    static func validate(_ event: CompetenceEvent, against state: RecorderState, today: CalendarDate) throws(Violation)
    {
        guard let rules = event.payload as? any ValidatedEvent else {
            preconditionFailure("\(type(of: event.payload)) has no validation rules")
        }
        try rules.validate(Checker(state: state, today: today))
    }

    /// Refuses `value` of `field` unless `condition` holds.
    func require(
        _ condition: Bool, _ field: String, _ value: some CustomStringConvertible, _ reason: @autoclosure () -> String
    ) throws(Violation) {
        if !condition { throw Violation(field, value, reason()) }
    }
}
