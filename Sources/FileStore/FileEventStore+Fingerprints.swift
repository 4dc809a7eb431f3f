import CompetenceCore

/// The FileStore's fingerprint of its history at a position is the record chain's hash stored with the record
/// there (`FileStore-Format.md`, "Hash chain"): SHA-256 over every record body up to it, chained. A snapshot's
/// key is then checked by reading one record's 32 bytes instead of reading and hashing the log.
///
/// Every record's CRC is checked when the store opens, so accidental damage before the position is refused
/// there. An edit that fixes the record's CRC but leaves the stored chain hashes as they were is not seen by
/// this lookup: `verify` (which recomputes the record chain) reports it.
extension FileEventStore: HistoryFingerprinting {
    public func historyFingerprint(at position: Int64) async throws -> HistoryFingerprint? {
        guard let hash = try recordChainHash(at: position) else { return nil }
        return HistoryFingerprint(kind: .recordChain, bytes: hash.bytes)
    }
}
