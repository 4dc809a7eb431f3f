import ArgumentParser
import CompetenceCore

/// `--as-of DATE | --effective-on DATE | --position N`: which part of the history a report or an export
/// looks at. At most one may be given; none means everything.
struct ScopeOptions: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("As the ledger knew it at the end of this day (YYYY-MM-DD).", valueName: "date"))
    var asOf: String?

    @Option(
        name: .customLong("effective-on"),
        help: ArgumentHelp(
            "As things stood at the end of this day, with every later correction (YYYY-MM-DD).", valueName: "date"))
    var effectiveOn: String?

    @Option(
        name: .customLong("position"), help: ArgumentHelp("Up to and including this global position.", valueName: "n"))
    var position: Int64?

    func validate() throws {
        let given = [asOf != nil, effectiveOn != nil, position != nil].filter { $0 }.count
        if given > 1 { throw ValidationError("give at most one of --as-of, --effective-on and --position") }
        _ = try scope()
    }

    /// The scope the options name.
    func scope() throws -> ReplayScope {
        if let asOf { return .asOf(try Self.day(asOf, option: "--as-of")) }
        if let effectiveOn { return .effectiveOn(try Self.day(effectiveOn, option: "--effective-on")) }
        if let position {
            guard position >= 0 else {
                throw CommandError.invalidOption(
                    name: "--position", value: String(position), expected: "a position of 0 or more")
            }
            return .throughPosition(position)
        }
        return .everything
    }

    private static func day(_ text: String, option: String) throws -> CalendarDate {
        guard let day = CalendarDate(text) else {
            throw CommandError.invalidOption(name: option, value: text, expected: "a date YYYY-MM-DD")
        }
        return day
    }
}
