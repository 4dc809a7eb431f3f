import Foundation

/// An event refused by the ledger's validation: which event of the call, which field, what value, and why.
/// Nothing of the call was appended.
public struct LedgerValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The index of the refused event in the call (0 for a single event).
    public var eventIndex: Int
    /// Its event type name, e.g. `SurveyAnswerRecorded`.
    public var eventType: String
    /// The Swift property name of the offending field, e.g. `current` or `actions[1].targetLevel`.
    public var field: String
    /// The offending value as text.
    public var value: String
    /// Why the value is refused, as a sentence fragment that follows the value.
    public var reason: String

    /// Creates the error.
    public init(eventIndex: Int, eventType: String, field: String, value: String, reason: String) {
        self.eventIndex = eventIndex
        self.eventType = eventType
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String {
        "event \(eventIndex) (\(eventType)): \(field) '\(value)' \(reason)"
    }
}

/// A recording refused for a reason other than an invalid event. Nothing of the call was appended.
public enum RecordingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call held no events.
    case noEvents
    /// `ids` or `metadata` was given with a different count than `events`.
    case countMismatch(argument: String, expected: Int, actual: Int)
    /// The same event id was given twice in one call.
    case duplicateEventID(UUID)
    /// Some, but not all, of the call's event ids are already recorded: the call is neither new nor a
    /// retry of an earlier one.
    case partiallyRecorded(recorded: [UUID], new: [UUID])
    /// The event's type is not in the ledger's catalogue (``CompetenceEvent/allTypes``).
    case notInCatalogue(eventIndex: Int, type: String)
    /// Concurrent writers kept moving the streams of the call; the last conflict is attached.
    case tooManyConflicts(attempts: Int, last: WrongExpectedVersionError)
    /// The call holds personal data about these subjects, and the ledger has no key store to seal it with.
    case personalDataWithoutKeyStore(subjects: [DataSubject])

    public var description: String {
        switch self {
        case .noEvents:
            "nothing to record: the call holds no events"
        case .countMismatch(let argument, let expected, let actual):
            "\(actual) \(argument) given for \(expected) events"
        case .duplicateEventID(let id):
            "event id \(id) is given twice in one call"
        case .partiallyRecorded(let recorded, let new):
            "\(recorded.count) of the call's event ids are already recorded (first \(recorded[0])) "
                + "and \(new.count) are new: "
                + "a retry must repeat exactly the earlier call"
        case .notInCatalogue(let index, let type):
            "event \(index): \(type) is not an event type of the ledger's catalogue"
        case .tooManyConflicts(let attempts, let last):
            "gave up after \(attempts) attempts against concurrent writers; last conflict: \(last)"
        case .personalDataWithoutKeyStore(let subjects):
            "the call holds personal data about \(subjects.map(\.description).joined(separator: ", ")), "
                + "but the ledger has no key store to seal it with (CompetenceLedger(store:keys:))"
        }
    }
}
