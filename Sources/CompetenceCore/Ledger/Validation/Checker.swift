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

    /// Validates one event of the catalogue: first the rules every event shares (no control characters in
    /// any text field), then its type's own rules.
    static func validate(_ event: CompetenceEvent, against state: RecorderState, today: CalendarDate) throws(Violation)
    {
        guard let rules = event.payload as? any ValidatedEvent else {
            preconditionFailure("\(type(of: event.payload)) has no validation rules")
        }
        let checker = Checker(state: state, today: today)
        try checker.controlCharacters(in: rules)
        try rules.validate(checker)
    }

    /// Refuses metadata whose texts hold control characters (the same rule as the events' text fields).
    static func validate(_ metadata: EventMetadata) throws(Violation) {
        let texts: [(String, String?)] = [
            ("metadata.recordedBy", metadata.recordedBy), ("metadata.origin.source", metadata.origin?.source),
            ("metadata.origin.contentHash", metadata.origin?.contentHash),
        ]
        for case (let field, let text?) in texts {
            if let character = TextFieldScanner.forbidden(in: text) {
                throw controlViolation(field: field, value: text, character: character)
            }
        }
    }

    /// Refuses `value` of `field` unless `condition` holds.
    func require(
        _ condition: Bool, _ field: String, _ value: some CustomStringConvertible, _ reason: @autoclosure () -> String
    ) throws(Violation) {
        if !condition { throw Violation(field, value, reason()) }
    }
}
