import Foundation

/// Which part of the history a replay folds: the ledger now, as it was known on a day, as things stood on a
/// day, or up to a global position.
public enum ReplayScope: Hashable, Sendable, CustomStringConvertible {
    /// Every event.
    case everything
    /// As the ledger knew it at the end of a day: events recorded before the next day began (UTC).
    case asOf(CalendarDate)
    /// As things stood at the end of a day, with every correction known now: facts that happened by the
    /// end of the day, definitions whatever their date, and every correction and voiding.
    case effectiveOn(CalendarDate)
    /// Events up to and including a global position.
    case throughPosition(Int64)

    /// The day the scope names (`asOf` and `effectiveOn`), else `nil`: reports judge plan actions against it
    /// unless told another day.
    public var day: CalendarDate? {
        switch self {
        case .asOf(let day), .effectiveOn(let day): day
        case .everything, .throughPosition: nil
        }
    }

    /// Whether a replay in this scope folds `recorded`, decoded as `event` (`nil`: a type outside the catalogue,
    /// which no replay folds): the one rule the fold and the report's witness of the events used both follow.
    func folds(_ recorded: RecordedEvent, _ event: CompetenceEvent?) -> Bool {
        // The whole history needs no look at the event: binding it (or `!= nil`) would copy it, once per event.
        if case .everything = self {
            if case .some = event { return true }
            return false
        }
        guard let event else { return false }
        return includes(recorded, event: event)
    }

    /// Whether the event of type `type` belongs to the scope.
    public func includes(_ recorded: RecordedEvent, event: CompetenceEvent) -> Bool {
        switch self {
        case .everything:
            return true
        case .asOf(let day):
            return recorded.recordedAt < day.endOfDay
        case .effectiveOn(let day):
            let payload = event.payload
            if type(of: payload).isDefinition { return true }
            switch event {
            case .surveyAnswerCorrected, .eventVoided: return true
            default: return recorded.occurredAt < day.endOfDay
            }
        case .throughPosition(let position):
            return recorded.position <= position
        }
    }

    /// The last position a replay in this scope needs to read (`nil`: to the head).
    public var lastPosition: Int64? {
        if case .throughPosition(let position) = self { return position }
        return nil
    }

    /// The last position a replay in this scope reads when it is also asked to stop after `through` (`nil`: the
    /// scope decides); `Int64.max` when neither ends it.
    func lastPosition(through: Int64?) -> Int64 { min(lastPosition ?? .max, through ?? .max) }

    public var description: String {
        switch self {
        case .everything: "everything"
        case .asOf(let day): "as recorded by the end of \(day)"
        case .effectiveOn(let day): "as things stood on \(day)"
        case .throughPosition(let position): "up to position \(position)"
        }
    }
}
