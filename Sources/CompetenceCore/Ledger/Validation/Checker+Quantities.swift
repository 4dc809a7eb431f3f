/// Quantities: costs, hours and counts cannot be negative; measured values must be numbers.
extension Checker {
    /// Refuses a negative count or amount.
    func nonNegative(_ value: Int, _ field: String) throws(Violation) {
        try require(value >= 0, field, value, "is negative")
    }

    /// Refuses a negative, infinite or not-a-number amount.
    func nonNegative(_ value: Double, _ field: String) throws(Violation) {
        try finite(value, field)
        try require(value >= 0, field, value, "is negative")
    }

    /// Refuses an amount that is not above zero (or not a number).
    func positive(_ value: Double, _ field: String) throws(Violation) {
        try finite(value, field)
        try require(value > 0, field, value, value < 0 ? "is negative" : "is zero; it must be positive")
    }

    /// Refuses infinity and not-a-number.
    func finite(_ value: Double, _ field: String) throws(Violation) {
        try require(value.isFinite, field, value, "is not a finite number")
    }
}
