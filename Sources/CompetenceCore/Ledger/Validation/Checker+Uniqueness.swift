/// Uniqueness: a definition is recorded once; a one-time change (closing, completing, withdrawing) happens once.
extension Checker {
    /// Refuses a new definition of an id that already has one.
    func new<Kind>(_ id: Identifier<Kind>, _ field: String, existing: Any?, _ what: String) throws(Violation) {
        try self.id(id, field)
        try require(existing == nil, field, id, "is already \(what)")
    }

    /// Refuses a one-time change that has already happened (`earlier` is the day it happened).
    func once(
        _ earlier: CalendarDate?, _ field: String, _ value: some CustomStringConvertible, _ what: String
    ) throws(Violation) {
        if let earlier { throw Violation(field, value, "was already \(what) on \(earlier)") }
    }

    /// Refuses an activity id (a meeting, a workshop, an item) that its owner already used.
    func unused(_ id: String, _ field: String, among used: some Sequence<String>) throws(Violation) {
        try self.id(id, field)
        try require(!used.contains(id), field, id, "is already recorded; activity ids are unique per owner")
    }
}
