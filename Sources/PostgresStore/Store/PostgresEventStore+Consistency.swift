import CompetenceCore

extension PostgresEventStore {
    /// Checks the database's own bookkeeping behind the store's promises, which reading the log alone cannot
    /// see: the head position equals the last event's position and the number of events (gap-free from 1);
    /// every stream's recorded version equals its last event's version and its number of events; and the
    /// constraints that make ids unique, `(stream, version)` unique and positions unique exist and are
    /// validated. Then the history chain stored with the rows (migration 4), as the FileStore checks its
    /// records: every row's hash recomputed from its fields and the hash stored before it (a
    /// `StoreFault.Kind.damagedRecord` at each row that fails), the stored chain against the one recomputed
    /// from the first event (one `StoreFault.Kind.brokenChain` at the first position where they part), gaps
    /// in positions, and the head row's hash against the last row's. Reads only, in one snapshot, without
    /// `statement_timeout` (the scans grow with the log).
    ///
    /// - Returns: the faults found (at most 100 streams are listed) and one line per check in
    ///   `StoreVerification.checks`; `StoreVerification.headHash` is the hash stored with the last row;
    ///   `StoreVerification.isIntact` when sound. Reading the log back (`LogSoundnessCheck`) is a separate
    ///   check that works on every store.
    public func verify() async throws -> StoreVerification {
        try await ready()
        let statements = statements
        let events = schema.qualify("events")
        let table = StoreFault.Place.table(events)
        let (faults, chain, headChain): ([String], ChainCheck, HistoryHash?) = try await pool.run { connection in
            // One snapshot for every check; no statement_timeout: the scans grow with the log.
            _ = try connection.execute(unprepared: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? connection.execute(unprepared: connection.isHealthy ? "COMMIT" : "ROLLBACK") }
            _ = try connection.execute(unprepared: "SET LOCAL statement_timeout = 0")
            var faults: [String] = []
            let head = try connection.execute(statements.checkHead, [])
            let (recorded, last, count) = (try head.int64(0, 0), try head.int64(0, 1), try head.int64(0, 2))
            if recorded != last || last != count {
                faults.append(
                    "the head position is \(recorded), the last event is at \(last), and there are \(count) events: "
                        + "positions are not gap-free from 1")
            }
            let streams = try connection.execute(statements.checkStreams, [.int64(100)])
            for row in 0..<streams.rowCount {
                faults.append(
                    "stream '\(streams.string(row, 0))': recorded version \(try streams.int64(row, 1)), "
                        + "last event version \(try streams.int64(row, 2)), \(try streams.int64(row, 3)) events")
            }
            let constraints = try connection.execute(statements.checkConstraints, [.text(events)])
            for row in 0..<constraints.rowCount
            where constraints.string(row, 1) != "true" || constraints.string(row, 2) != "true" {
                let state = constraints.string(row, 1) == "true" ? "is not validated" : "is missing"
                faults.append("constraint \(constraints.string(row, 0)) on \(events) \(state)")
            }
            var chain = ChainCheck(place: table)
            var after: Int64 = 0
            while true {
                let page = try connection.execute(statements.readChain, [.int64(after), .int64(10_000)])
                if page.rowCount == 0 { break }
                for row in 0..<page.rowCount {
                    let event = try EventRowDecoder.event(page, row: row)
                    chain.check(event, stored: page.isNull(row, 16) ? nil : HistoryHash(bytes: page.data(row, 16)))
                    after = event.position
                }
            }
            let headRow = try connection.execute(statements.headChain, [])
            let headChain = headRow.isNull(0, 0) ? nil : HistoryHash(bytes: headRow.data(0, 0))
            if headChain != chain.lastStored {
                faults.append(
                    "the head row's chain hash is \(headChain.map(\.description) ?? "not a 32-byte hash"), the last "
                        + "row's \(chain.lastStored): the next append would continue from the wrong hash")
            }
            return (faults, chain, headChain)
        }
        let chainFaults = chain.faults.filter { $0.kind != .positionGap }.count
        return StoreVerification(
            checks: [
                "head, stream versions and constraints: \(faults.isEmpty ? "consistent" : "\(faults.count) faults")",
                "\(chain.rows) rows, each with its history-chain hash: "
                    + (chainFaults == 0
                        ? "every hash follows from its row and the one before" : "\(chainFaults) faults")
                    + "; head hash \(headChain.map(\.description) ?? "missing")",
            ],
            faults: faults.map { StoreFault(kind: .inconsistentBookkeeping, place: table, detail: $0) } + chain.faults,
            records: chain.rows, headHash: chain.lastStored.description)
    }

    /// The history anchor stored with the event at `position` (migration 4): one row read, no rehashing.
    /// The genesis for position 0; `nil` when no event is stored there.
    public func storedHistoryAnchor(at position: Int64) async throws -> HistoryAnchor? {
        guard position > 0 else { return .genesis }
        try await ready()
        let statements = statements
        let stored: HistoryHash? = try await pool.run { connection in
            let result = try connection.execute(statements.chainAt, [.int64(position)])
            guard result.rowCount == 1 else { return nil }
            guard let hash = HistoryHash(bytes: result.data(0, 0)) else {
                throw PostgresError(
                    kind: .unexpectedResponse, message: "the chain column at position \(position) is not 32 bytes")
            }
            return hash
        }
        return stored.map { HistoryAnchor(position: position, hash: $0) }
    }
}
