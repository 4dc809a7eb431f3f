/// Whom a row of a report aggregates: one organisation's persons, or the whole programme's (`ALL`).
public enum Population: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The persons of one organisation.
    case organisation(OrganisationID)
    /// Every person in the replayed ledger. Sorts after every organisation.
    case all

    /// The organisation id, or `ALL`.
    public var description: String {
        switch self {
        case .organisation(let id): id.rawValue
        case .all: "ALL"
        }
    }
}
