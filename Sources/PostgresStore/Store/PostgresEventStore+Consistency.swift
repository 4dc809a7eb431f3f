import CompetenceCore

extension PostgresEventStore {
    /// Checks the database's own bookkeeping behind the store's promises, which reading the log alone cannot
    /// see: the head position equals the last event's position and the number of events (gap-free from 1);
    /// every stream's recorded version equals its last event's version and its number of events; and the
    /// constraints that make ids unique, `(stream, version)` unique and positions unique exist and are
    /// validated. Reads only, in one snapshot, without `statement_timeout` (the scans grow with the log).
    ///
    /// - Returns: one `StoreFault.Kind.inconsistentBookkeeping` fault per problem found (at most 100 streams
    ///   are listed) and one line in `StoreVerification.checks`; `StoreVerification.isIntact` when sound.
    ///   Reading the log back (`LogSoundnessCheck`) is a separate check that works on every store.
    public func verify() async throws -> StoreVerification {
        try await ready()
        let statements = statements
        let events = schema.qualify("events")
        let faults: [String] = try await pool.run { connection in
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
            return faults
        }
        let table = StoreFault.Place.table(events)
        return StoreVerification(
            checks: [
                "head, stream versions and constraints: \(faults.isEmpty ? "consistent" : "\(faults.count) faults")"
            ],
            faults: faults.map { StoreFault(kind: .inconsistentBookkeeping, place: table, detail: $0) })
    }
}
