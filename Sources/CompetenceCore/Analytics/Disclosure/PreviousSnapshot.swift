/// The public snapshot before the one a state shows. Public reports move in whole survey rounds
/// (``PublicScope``): the state a public report reads ends at a round's end, or is the present. The snapshot
/// before it ends at the last round end before the state's latest answer day; the answers given after that day
/// are what changed between the two, and a cell changed by fewer than k persons would give them away to
/// anyone subtracting one snapshot's report from the other's.
///
/// Computed from the state's content alone (not the scope asked for), so equal states give the same pattern.
enum PreviousSnapshot {
    /// The end day (days since 1970-01-01) of the previous public snapshot of `state`, or `nil` when no round
    /// had ended before its latest answer (there is no earlier public snapshot with answers).
    static func end(of state: LedgerState) -> Int32? {
        let rows = state.answers.rows
        var latest: Int32?
        for index in 0..<rows.count where rows[index].isLive {
            latest = max(latest ?? rows[index].answeredOn, rows[index].answeredOn)
        }
        guard let latest else { return nil }
        return SurveyRoundCalendar(state).ends.compactMap(\.end).map { Int32($0.daysSinceEpoch) }.filter {
            $0 < latest
        }.max()
    }
}
