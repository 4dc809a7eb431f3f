/// How many cells of a report were withheld for privacy: as primary cells (too few persons themselves) and
/// as complements (withheld so the primary cells cannot be recovered by subtraction).
public struct WithheldCells: Hashable, Sendable, Codable {
    /// Cells over 1 … k − 1 persons.
    public var primary: Int
    /// Cells withheld only to protect others.
    public var complement: Int

    /// Creates the counts.
    public init(primary: Int, complement: Int) {
        self.primary = primary
        self.complement = complement
    }

    /// No cell withheld.
    public static let none = WithheldCells(primary: 0, complement: 0)

    /// The counts of `plan`.
    init(_ plan: SuppressionPlan) {
        self.init(primary: plan.primary.count, complement: plan.complements.count)
    }

    /// The counts of `plan` among `cells` (one report's cells of a plan over several reports').
    init(_ plan: SuppressionPlan, among cells: Set<SuppressionCell>) {
        self.init(
            primary: plan.primary.intersection(cells).count, complement: plan.complements.intersection(cells).count)
    }

    /// The counts of `plan` among `cells` not already counted in `earlier` (a second plan over the same cells,
    /// such as the matrix's target figures).
    init(_ plan: SuppressionPlan, beyond earlier: SuppressionPlan, among cells: Set<SuppressionCell>) {
        self.init(
            primary: plan.primary.intersection(cells).subtracting(earlier.withheld).count,
            complement: plan.complements.intersection(cells).subtracting(earlier.withheld).count)
    }

    static func + (lhs: Self, rhs: Self) -> Self {
        WithheldCells(primary: lhs.primary + rhs.primary, complement: lhs.complement + rhs.complement)
    }
}
