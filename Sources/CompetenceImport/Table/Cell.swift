import CompetenceCore

/// One filled-in cell of an import table, typed as its file says: every cell of a CSV file is text; a
/// workbook's cells are text, numbers, dates or flags as the spreadsheet stored them.
///
/// The readers of ``CSVRow`` take a typed cell as it is (a date cell is a day, whatever its display format) and
/// read text as text; ``text`` is how any cell reads where text is wanted, and how it is shown in messages.
enum Cell: Hashable, Sendable {
    /// Text, as written.
    case text(String)
    /// A number cell: its value and the text the workbook stored it as (e.g. `12.5`).
    case number(Double, text: String)
    /// A date (or date and time) cell: the day, and the seconds after its midnight (0 for a plain date).
    case date(CalendarDate, seconds: Int)
    /// A true/false cell.
    case flag(Bool)

    /// The cell as text: numbers as stored (`3`, `12.5`), dates `YYYY-MM-DD` (with ` HH:MM:SS` when they have
    /// a time), flags `true`/`false`.
    var text: String {
        switch self {
        case .text(let text): text
        case .number(_, let text): text
        case .date(let day, let seconds):
            seconds == 0 ? day.description : "\(day) \(Self.clock(seconds))"
        case .flag(let value): value ? "true" : "false"
        }
    }

    /// `HH:MM:SS` of seconds after midnight.
    private static func clock(_ seconds: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}
