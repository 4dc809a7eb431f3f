import Foundation

/// The one conversion of instants to whole microseconds since 1970-01-01 00:00:00 UTC, and to and from their
/// text form `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
///
/// Stores keep times differently (PostgreSQL: microseconds; the FileStore: a `Double` of seconds), so every
/// place that turns a time into text or into an integer — the history chain, export lines, PostgreSQL
/// parameters — goes through ``microseconds(_:)``: a time moved between stores gives the same integer.
public enum EventTime {
    /// The times an event may be given: from 0001-01-01 00:00:00 UTC to before 9999-12-31 23:59:59 (what
    /// export lines and PostgreSQL's `timestamptz` can hold, rounding included). Times are kept to the
    /// microsecond while a `Double` of seconds resolves one — about the years 1729 to 2273 — and to that
    /// `Double`'s precision beyond, since a FileStore keeps one.
    public static let supportedRange: Range<Date> =
        Date(timeIntervalSince1970: -62_135_596_800)..<Date(timeIntervalSince1970: 253_402_300_799)

    /// `date` in whole microseconds since the Unix epoch, rounded to the nearest (halves away from zero);
    /// times beyond ±292,000 years are clamped, and a NaN time counts as the epoch.
    public static func microseconds(_ date: Date) -> Int64 {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard !micros.isNaN else { return 0 }
        if micros >= 9.2e18 { return Int64.max }
        if micros <= -9.2e18 { return Int64.min }
        return Int64(micros)
    }

    /// The instant `microseconds` after the Unix epoch; ``microseconds(_:)`` gives the integer back.
    public static func date(microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    /// `date` as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, rounded to the microsecond by ``microseconds(_:)``),
    /// e.g. `2024-03-05T09:30:00.000000Z`.
    public static func format(_ date: Date) -> String {
        let micros = microseconds(date)
        let (seconds, fraction) = floorDivision(micros, by: 1_000_000)
        let (days, secondOfDay) = floorDivision(seconds, by: 86_400)
        let day = CalendarDate(containing: Date(timeIntervalSince1970: Double(days) * 86_400))
        return "\(day)T" + two(secondOfDay / 3600) + ":" + two(secondOfDay / 60 % 60) + ":" + two(secondOfDay % 60)
            + "." + String(String(fraction + 1_000_000).dropFirst()) + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (1 to 9 fraction digits, rounded to the microsecond);
    /// `nil` for anything else.
    public static func parse(_ text: String) -> Date? {
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
            if digits.count <= 6 {
                micros = value * Int64(pow(10, Double(6 - digits.count)))
            } else {
                let divisor = Int64(pow(10, Double(digits.count - 6)))
                micros = (value + divisor / 2) / divisor
            }
        }
        let whole = Int64(day.startOfDay.timeIntervalSince1970) + hours * 3600 + minutes * 60 + seconds
        return date(microseconds: whole * 1_000_000 + micros)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func floorDivision(_ value: Int64, by divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }
}

extension Character {
    /// `0`…`9` only (`Int64` alone would also take a sign).
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
