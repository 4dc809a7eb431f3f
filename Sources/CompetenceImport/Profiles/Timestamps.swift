import CompetenceCore
import Foundation

/// How a survey tool writes the time of an answer; only the day is kept (a time after it is checked for form
/// and ignored). A workbook's date cell needs no format: it is a day.
enum TimestampFormat: String, Sendable, CaseIterable {
    /// `2026-11-29 14:05:33`, `2026-11-29T14:05:33Z` (LimeSurvey's `submitdate`, ISO 8601).
    case iso = "YYYY-MM-DD hh:mm:ss"
    /// `29.11.2026 14.05`, `29.11.2026 14:05:33`, `29.11.2026` (Finnish locale: Webropol, Google Forms).
    case finnish = "D.M.YYYY h.mm"
    /// `11/29/2026 2:05:33 PM`, `11/29/2026 14:05:33`, `7/27/26 19:06:23` (US locale: Microsoft and Google
    /// Forms; a two-digit year is 20YY).
    case monthFirst = "M/D/YYYY h:mm:ss"
    /// `29/11/2026 14:05:33` (British and other day-first locales).
    case dayFirst = "D/M/YYYY h:mm:ss"

    /// The day of `text`, or `nil` when it is not of this format.
    func day(_ text: String) -> CalendarDate? {
        let parts = text.trimming(.whitespaces).split(
            maxSplits: 1, whereSeparator: { $0 == " " || $0 == "T" })
        guard let date = parts.first.map(String.init) else { return nil }
        if parts.count == 2, !Self.isTime(String(parts[1])) { return nil }
        switch self {
        case .iso:
            guard date.count == 10 else { return nil }
            return CalendarDate(date)
        case .finnish: return Self.numeric(date, separator: ".", day: 0, month: 1)
        case .monthFirst: return Self.numeric(date, separator: "/", day: 1, month: 0)
        case .dayFirst: return Self.numeric(date, separator: "/", day: 0, month: 1)
        }
    }

    /// A time after the day: `14.05`, `14:05:33`, `2:05:33 PM`, `14:05:33Z`, `14:05:33.123+02:00`.
    private static func isTime(_ text: String) -> Bool {
        var clock = text.uppercased()
        for suffix in [" AM", " PM", "AM", "PM", "Z"] where clock.hasSuffix(suffix) {
            clock.removeLast(suffix.count)
            break
        }
        if let zone = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) { clock = String(clock[..<zone]) }
        let fields = clock.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." })
        guard (2...4).contains(fields.count), fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isNumber } }),
            let hour = Int(fields[0]), hour < 24, let minute = Int(fields[1]), minute < 60
        else { return false }
        return true
    }

    private static func numeric(_ text: String, separator: Character, day: Int, month: Int) -> CalendarDate? {
        let fields = text.split(separator: separator, omittingEmptySubsequences: false)
        guard fields.count == 3, fields.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isNumber } }),
            let dayNumber = Int(fields[day]), let monthNumber = Int(fields[month]), var year = Int(fields[2]),
            fields[2].count == 4 || fields[2].count == 2
        else { return nil }
        if fields[2].count == 2 { year += 2000 }
        return CalendarDate(year: year, month: monthNumber, day: dayNumber)
    }
}
