/// Why an analyst report could not be computed.
public enum AnalyticsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The minimum group size must be at least 1.
    case minimumGroupSizeBelowOne(Int)
    /// The number of top gaps must be at least 1.
    case topGapsBelowOne(Int)
    /// A timeline was asked for an organisation the ledger does not know (in the replayed scope).
    case unknownOrganisation(OrganisationID)

    public var description: String {
        switch self {
        case .minimumGroupSizeBelowOne(let size): "the minimum group size must be at least 1, not \(size)"
        case .topGapsBelowOne(let count): "the number of top gaps must be at least 1, not \(count)"
        case .unknownOrganisation(let id): "no organisation '\(id)' is enrolled in the replayed history"
        }
    }
}
