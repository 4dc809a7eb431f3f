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
    /// The chain hash of the last record, lowercase hex, where the store keeps a hash chain.
    public var headHash: String?

    /// Creates a result.
    public init(checks: [String] = [], faults: [StoreFault] = [], records: Int64 = 0, headHash: String? = nil) {
        self.checks = checks
        self.faults = faults
        self.records = records
        self.headHash = headHash
    }

    /// True when no fault was found.
    public var isIntact: Bool { faults.isEmpty }

    /// The first break in the hash chain, if any.
    public var firstChainBreak: StoreFault? { faults.first { $0.kind == .brokenChain } }

    /// This result followed by `other`'s checks and faults; `other`'s record count and head hash win when set.
    public func merging(_ other: StoreVerification) -> StoreVerification {
        StoreVerification(
            checks: checks + other.checks, faults: faults + other.faults, records: max(records, other.records),
            headHash: other.headHash ?? headHash)
    }

    public var description: String {
        var lines = checks
        lines += faults.map(\.description)
        if isIntact { lines.append("intact") }
        return lines.joined(separator: "\n")
    }
}
