/// When a new snapshot of a state that grows with the history is due — the one rule of the ledger's
/// checkpoints and of ``ProjectionRunner``'s.
///
/// A snapshot is due once at least ``minimumEvents`` events were folded since the last one **and** the history
/// grew by at least ``growth`` of what that one covers. The second part keeps the cost of checkpointing
/// proportional to what was added: saving writes the whole state (1.25 GB for the ledger at 10 million
/// events), while catching up from an older snapshot folds only the events after it. With a growth of 5 %,
/// a long history is rewritten once per 5 % it grows, and a start folds at most that many events (plus the
/// last call's) after its snapshot.
struct CheckpointSchedule: Sendable, Hashable {
    /// The fewest events since the last snapshot for a new one (at least 1).
    let minimumEvents: Int64
    /// The fraction of the last snapshot's position the history must have grown by (0: ``minimumEvents``
    /// alone decides).
    let growth: Double

    /// A schedule; a `minimumEvents` below 1 counts as 1, a `growth` that is negative or not a number as 0.
    init(minimumEvents: Int, growth: Double = 0) {
        self.minimumEvents = Int64(max(1, minimumEvents))
        self.growth = growth.isNaN ? 0 : min(max(growth, 0), 1_000_000)
    }

    /// Whether a snapshot at `position` is due when the last one was saved (or loaded) at `lastSaved`.
    func isDue(at position: Int64, lastSaved: Int64) -> Bool {
        let added = position - lastSaved
        guard added >= minimumEvents else { return false }
        return Double(added) >= growth * Double(max(0, lastSaved))
    }
}
