/// Levels and ratings: every level lies on its competence's scale; 1–5 ratings lie in 1–5.
extension Checker {
    /// The 1–5 range of importance, reaction scores and future-need importance.
    static let ratingRange = 1...5

    /// Refuses a level off the competence's scale.
    func level(_ value: Int, on competence: CompetenceRecord, _ field: String) throws(Violation) {
        let scale = competence.scale
        try require(
            scale.contains(value), field, value,
            "is outside the scale \(scale.minimum)–\(scale.maximum) of competence '\(competence.id)'")
    }

    /// Refuses an optional level off the scale; `nil` is fine.
    func level(_ value: Int?, on competence: CompetenceRecord, _ field: String) throws(Violation) {
        if let value { try level(value, on: competence, field) }
    }

    /// Refuses a rating outside 1–5.
    func rating(_ value: Int?, _ field: String) throws(Violation) {
        guard let value else { return }
        try require(
            Self.ratingRange.contains(value), field, value,
            "is outside \(Self.ratingRange.lowerBound)–\(Self.ratingRange.upperBound)")
    }

    /// Refuses a priority below 1 (1 = most urgent).
    func priority(_ value: Int, _ field: String) throws(Violation) {
        try require(value >= 1, field, value, "is below 1; priority 1 is the most urgent")
    }

    /// Refuses a scale that is not usable (see ``LevelScale/problem``).
    func scale(_ scale: LevelScale, _ field: String) throws(Violation) {
        if let problem = scale.problem {
            throw Violation(field, "\(scale.minimum)–\(scale.maximum)", "is not a usable scale: \(problem)")
        }
    }
}
