/// What verifying a store found: the same structure for every backend, so a tool or an auditor reads a
/// FileStore's and a PostgreSQL store's answer alike.
///
/// A backend fills in what it can check ( ``checks`` says what was looked at), then
/// ``LogSoundnessCheck`` adds what every store must promise when its log is read back.
public struct StoreVerification: Sendable, Hashable, CustomStringConvertible {
    /// One line per check that ran, for people, e.g. `1715 records in 1 segments; head hash 3f…`.
    public var checks: [String]
    /// Every fault found, in the order found.
    public var faults: [StoreFault]
    /// Events (records) examined.
    public var records: Int64
    /// The chain hash of the last record, lowercase hex, where the store keeps a hash chain of its own.
    public var headHash: String?
    /// The head of the store-independent history chain (``HistoryChain``): the last position and the hash
    /// there, when the whole log was read (``LogSoundnessCheck``). The same history gives the same anchor on
    /// every store; `competence verify --expect` checks one taken earlier.
    public var historyHead: HistoryAnchor?

    /// Creates a result.
    public init(
        checks: [String] = [], faults: [StoreFault] = [], records: Int64 = 0, headHash: String? = nil,
        historyHead: HistoryAnchor? = nil
    ) {
        self.checks = checks
        self.faults = faults
        self.records = records
        self.headHash = headHash
        self.historyHead = historyHead
    }

    /// True when no fault was found.
    public var isIntact: Bool { faults.isEmpty }

    /// The first break in the hash chain, if any.
    public var firstChainBreak: StoreFault? { faults.first { $0.kind == .brokenChain } }

    /// The lowest position any fault names: where the history first stops being the one stored (an edited,
    /// removed or re-chained event, a gap, an anchor that no longer holds). `nil` when no fault names one.
    public var firstBrokenPosition: Int64? { faults.compactMap(\.position).min() }

    /// This result followed by `other`'s checks and faults; `other`'s record count and heads win when set.
    public func merging(_ other: StoreVerification) -> StoreVerification {
        StoreVerification(
            checks: checks + other.checks, faults: faults + other.faults, records: max(records, other.records),
            headHash: other.headHash ?? headHash, historyHead: other.historyHead ?? historyHead)
    }

    public var description: String {
        var lines = checks
        lines += faults.map(\.description)
        if isIntact { lines.append("intact") }
        return lines.joined(separator: "\n")
    }
}
