/// The ordinal scale a competence is rated on, e.g. 1–5 with a label per level.
public struct LevelScale: Hashable, Sendable, Codable {
    /// The lowest level.
    public var minimum: Int
    /// The highest level.
    public var maximum: Int
    /// One label per level from ``minimum`` to ``maximum``, or empty.
    public var labels: [String]
    /// The lowest level that counts as proficient, if the framework says.
    public var proficientFrom: Int?

    /// Creates a scale; the caller validates it with ``problem``.
    public init(minimum: Int, maximum: Int, labels: [String] = [], proficientFrom: Int? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.labels = labels
        self.proficientFrom = proficientFrom
    }

    /// The common Finnish 1–5 scale: no competence, basics, works under guidance, works independently,
    /// expert who teaches others; proficient from 4.
    public static let standard = LevelScale(
        minimum: 1, maximum: 5,
        labels: ["no competence", "basics", "works under guidance", "works independently", "expert, teaches others"],
        proficientFrom: 4)

    /// Whether `level` lies on the scale.
    public func contains(_ level: Int) -> Bool { (minimum...maximum).contains(level) }

    /// Why the scale is not usable, or `nil` when it is.
    public var problem: String? {
        if minimum >= maximum { return "minimum \(minimum) must be below maximum \(maximum)" }
        if maximum - minimum > 100 { return "a scale of more than 101 levels is not a rating scale" }
        if !labels.isEmpty, labels.count != maximum - minimum + 1 {
            return "\(labels.count) labels for \(maximum - minimum + 1) levels"
        }
        if let proficientFrom, !contains(proficientFrom) {
            return "proficient level \(proficientFrom) is off the scale"
        }
        return nil
    }
}
