/// When each survey round ended: its closing day, or — for a round never closed — the day the next round
/// (by opening day, then id) opens. The last round, still open, has not ended.
public struct SurveyRoundCalendar: Sendable {
    /// Round ids with their end day, in opening order; `nil` for a round that has not ended.
    public let ends: [(round: RoundID, end: CalendarDate?)]

    /// The calendar of the rounds in `state`.
    public init(_ state: LedgerState) {
        let rounds = state.rounds.values.sorted {
            ($0.opening.event.opensOn, $0.id) < ($1.opening.event.opensOn, $1.id)
        }
        ends = rounds.enumerated().map { index, round in
            let next = index + 1 < rounds.count ? rounds[index + 1].opening.event.opensOn : nil
            return (round.id, round.closedOn ?? next)
        }
    }

    /// The end of the last round that had ended by `day` (its end day ≤ `day`), if any.
    public func lastEnd(onOrBefore day: CalendarDate) -> CalendarDate? {
        ends.compactMap(\.end).filter { $0 <= day }.max()
    }

    /// The end of `round`; throws when the round is unknown or has not ended.
    public func end(of round: RoundID) throws(AnalyticsError) -> CalendarDate {
        guard let entry = ends.first(where: { $0.round == round }) else { throw .unknownRound(round) }
        guard let end = entry.end else { throw .roundNotEnded(round) }
        return end
    }
}

/// The scope a public report may use: whole survey rounds only.
public enum PublicScope {
    /// `scope` (or the end of `round`) snapped to the end of a survey round for a public report:
    /// `.asOf(day)` / `.effectiveOn(day)` become the same kind of scope at the end of the last round that had
    /// ended by `day`; `round` gives `.asOf(end of round)`; `.everything` (the present) stays.
    ///
    /// - Throws: ``AnalyticsError/positionRefused`` for `.throughPosition`; ``AnalyticsError/noRoundEnded(_:)``
    ///   when no round had ended by the day; ``AnalyticsError/unknownRound(_:)`` /
    ///   ``AnalyticsError/roundNotEnded(_:)`` for a round that is unknown or still running.
    public static func snap(
        _ scope: ReplayScope, round: RoundID?, calendar: SurveyRoundCalendar
    )
        throws(AnalyticsError) -> ReplayScope
    {
        if let snapped = try snapWithoutCalendar(scope, round: round) { return snapped }
        if let round { return .asOf(try calendar.end(of: round)) }
        switch scope {
        case .everything, .throughPosition: preconditionFailure("snapped without the calendar above")
        case .asOf(let day):
            guard let end = calendar.lastEnd(onOrBefore: day) else { throw .noRoundEnded(day) }
            return .asOf(end)
        case .effectiveOn(let day):
            guard let end = calendar.lastEnd(onOrBefore: day) else { throw .noRoundEnded(day) }
            return .effectiveOn(end)
        }
    }

    /// ``snap(_:round:calendar:)`` where its answer does not depend on the survey calendar — the present
    /// (`.everything`) without a round stays, a position is refused — so a caller need not build the calendar
    /// (a replay of the whole history) for it; `nil` when the calendar is needed: a round, or a day.
    ///
    /// - Throws: ``AnalyticsError/positionRefused`` for `.throughPosition` without a round.
    public static func snapWithoutCalendar(
        _ scope: ReplayScope, round: RoundID?
    ) throws(AnalyticsError) -> ReplayScope? {
        guard round == nil else { return nil }
        switch scope {
        case .everything: return .everything
        case .throughPosition: throw .positionRefused
        case .asOf, .effectiveOn: return nil
        }
    }
}
