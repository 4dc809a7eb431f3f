/// A pure, deterministic fold of recorded events into a state value.
///
/// The same events in the same order always give an equal state. Events whose type the catalogue does not
/// know never reach ``apply(_:recorded:to:)``: the runner passes them over.
public protocol Projection: Sendable {
    /// What the projection computes.
    associatedtype State: Sendable
    /// The state before any event.
    func initialState() -> State
    /// Folds one event (in global order) into the state.
    func apply(_ event: CompetenceEvent, recorded: RecordedEvent, to state: inout State)
    /// Makes room in `state` for about `events` more events, before a replay folds them (``ProjectionRunner`` knows
    /// how many it will read). It changes no value of the state, only its capacity. By default it does nothing.
    func reserve(_ state: inout State, forEvents events: Int)
}

extension Projection {
    /// Does nothing: the state grows as events come.
    public func reserve(_ state: inout State, forEvents events: Int) {}
}
