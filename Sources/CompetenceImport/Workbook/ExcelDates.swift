import CompetenceCore

/// Excel's serial dates: a number of days (the fraction is the time of day) from the workbook's epoch.
enum ExcelDates {
    /// Day 1 is 1900-01-01, and day 60 the 1900-02-29 that never was (kept from Lotus 1-2-3): days from 61 on
    /// count from 1899-12-30.
    case system1900
    /// Day 0 is 1904-01-01 (workbooks from early Macintosh Excel, `date1904`).
    case system1904

    /// The date cell of `serial`, or `nil` for a serial that is no day (negative, 0 in the 1900 system, day 60,
    /// or past 9999-12-31).
    func date(serial: Double) -> Cell? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 {
            days += 1
            seconds = 0
        }
        let day: CalendarDate?
        switch self {
        case .system1900:
            guard days >= 1, days != 60 else { return nil }
            day = CalendarDate(year: 1899, month: 12, day: days < 60 ? 31 : 30)?.adding(days: days)
        case .system1904:
            day = CalendarDate(year: 1904, month: 1, day: 1)?.adding(days: days)
        }
        return day.map { .date($0, seconds: seconds) }
    }
}
