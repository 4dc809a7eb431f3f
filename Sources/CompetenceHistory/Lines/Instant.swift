import CompetenceCore
import Foundation

/// The text form of instants in history files: ISO 8601 in UTC with microseconds,
/// e.g. `2024-03-05T09:30:00.000000Z`.
///
/// Microseconds are what PostgreSQL keeps, so a history moved file → PostgreSQL → file reads back the same.
enum Instant {
    /// Formats an instant, rounded to the microsecond.
    static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = floorDivision(micros, by: 1_000_000)
        let day = CalendarDate(containing: Date(timeIntervalSince1970: Double(seconds)))
        let secondOfDay = seconds - Int64(day.startOfDay.timeIntervalSince1970)
        return String(
            format: "%@T%02lld:%02lld:%02lld.%06lldZ", day.description, secondOfDay / 3600, secondOfDay / 60 % 60,
            secondOfDay % 60, fraction)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z`; `nil` for anything else.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let day = CalendarDate(parts[0]), parts[1].hasSuffix("Z") else { return nil }
        let time = parts[1].dropLast()
        let clockAndFraction = time.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let clock = clockAndFraction[0].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let hours = Int64(clock[0]), let minutes = Int64(clock[1]), let seconds = Int64(clock[2]),
            hours < 24, minutes < 60, seconds < 60
        else { return nil }
        var micros: Int64 = 0
        if clockAndFraction.count == 2 {
            let digits = clockAndFraction[1]
            guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int64(digits) else {
                return nil
            }
            let scaled = Double(value) * pow(10, Double(6 - digits.count))
            micros = Int64(scaled.rounded())
        }
        let whole = Int64(day.startOfDay.timeIntervalSince1970) + hours * 3600 + minutes * 60 + seconds
        return Date(timeIntervalSince1970: Double(whole * 1_000_000 + micros) / 1_000_000)
    }

    private static func floorDivision(_ value: Int64, by divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }
}

extension Character {
    /// `0`…`9` only (`Int64` alone would also take a sign).
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
