import CompetenceCore
import Foundation

/// Runs appends on one connection (on its queue): looks up the stored state in one query, plans with
/// ``AppendPlanner`` (retries, expected versions, numbering — the rules every backend shares), and writes
/// with one call of `append_events`.
struct AppendExecutor: Sendable {
    let statements: Statements
    let maxPayloadBytes: Int?

    /// How often an append is planned again after another writer took the versions it planned with.
    static let maxAttempts = 64

    /// One append in its own transaction (autocommit). Versions are looked up before the head lock is
    /// taken, so another writer may commit in between; the unique `(stream, version)` / `id` constraints
    /// catch that, and the append is planned again from fresh state.
    ///
    /// - Returns: the results and the new head (nil when everything was a retry).
    func append(
        _ appends: [StreamAppend], on connection: PGConnection
    ) throws -> (results: [AppendResult], head: Int64?) {
        var attempt = 0
        while true {
            attempt += 1
            let state = try lookUp([appends], on: connection)
            // Positions are planned from 1 and shifted once the write reports where the log really ended.
            let plan = try AppendPlanner.plan(
                appends, nextPosition: 1, recordedAt: Date(), maxPayloadBytes: maxPayloadBytes,
                currentVersion: { state.versions[$0] ?? 0 }, locate: { state.stored[$0] })
            guard !plan.newEvents.isEmpty else { return (plan.results, nil) }
            let base: Int64
            do {
                base = try write(plan.newEvents, on: connection, givenRecordedAt: Self.givenRecordedAt([appends]))
            } catch {
                if Self.isLostRace(error) && attempt < Self.maxAttempts { continue }
                throw error
            }
            var results = plan.results
            for index in results.indices where !results[index].wasAlreadyStored {
                for event in results[index].events.indices { results[index].events[event].position += base }
            }
            return (results, base + Int64(plan.newEvents.count))
        }
    }

    /// Several appends in one transaction that shares one commit (group commit). The head row is locked
    /// first, so the looked-up state is authoritative and no race can be lost; each append is planned on
    /// top of the ones before it. An append that breaks a rule gets its own error and writes nothing.
    ///
    /// - Returns: one outcome per append and the new head; `nil` when the transaction failed as a whole
    ///   for a reason that is not the connection (the caller then runs the appends one by one, so that
    ///   only the faulty one fails).
    /// - Throws: ``PostgresError`` when the connection failed (the outcome of the commit is then unknown).
    func appendGroup(
        _ group: [[StreamAppend]], on connection: PGConnection
    ) throws(PostgresError) -> (outcomes: [Result<[AppendResult], any Error>], head: Int64)? {
        _ = try connection.execute(unprepared: "BEGIN")
        do throws(PostgresError) {
            let head = try connection.execute(statements.lockHead, []).int64(0, 0)
            var state = try lookUp(group, on: connection)
            var next = head + 1
            var newEvents: [RecordedEvent] = []
            var outcomes: [Result<[AppendResult], any Error>] = []
            for appends in group {
                do {
                    let plan = try AppendPlanner.plan(
                        appends, nextPosition: next, recordedAt: Date(), maxPayloadBytes: maxPayloadBytes,
                        currentVersion: { state.versions[$0] ?? 0 }, locate: { state.stored[$0] })
                    for event in plan.newEvents {
                        state.versions[event.stream] = event.version
                        state.stored[event.id] = StoredEventLocation(
                            stream: event.stream, version: event.version, position: event.position)
                    }
                    next += Int64(plan.newEvents.count)
                    newEvents += plan.newEvents
                    outcomes.append(.success(plan.results))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            if !newEvents.isEmpty {
                let base = try write(newEvents, on: connection, givenRecordedAt: Self.givenRecordedAt(group))
                guard base == head else {
                    throw PostgresError(
                        kind: .unexpectedResponse, message: "the head moved from \(head) to \(base) while locked")
                }
            }
            _ = try connection.execute(unprepared: "COMMIT")
            return (outcomes, next - 1)
        } catch {
            let lost = !connection.isHealthy
            if !lost { _ = try? connection.execute(unprepared: "ROLLBACK") }
            if lost || error.isRetryable { throw error }
            return nil
        }
    }

    /// A unique violation on `(stream, version)` or on the event id: another append won the race.
    static func isLostRace(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        return error.sqlState == "23505"
            && (error.constraint == "events_stream_version_key" || error.constraint == "events_id_key")
    }

    /// What is stored about the event ids and streams of the appends.
    struct StoredState {
        var stored: [UUID: StoredEventLocation] = [:]
        var versions: [StreamName: Int64] = [:]
    }

    /// Where the appends' event ids are stored and their streams' current versions, in one query.
    private func lookUp(_ group: [[StreamAppend]], on connection: PGConnection) throws(PostgresError) -> StoredState {
        let ids = group.flatMap { $0.flatMap { $0.events.map(\.id) } }
        let streams = Set(group.flatMap { $0.map(\.stream.rawValue) })
        let result = try connection.execute(statements.lookup, [.uuidArray(ids), .textArray(streams)])
        var state = StoredState()
        for row in 0..<result.rowCount {
            let stream = StreamName(result.string(row, 2))
            let version = try result.int64(row, 3)
            if try result.int64(row, 0) == 0 {
                state.stored[try result.uuid(row, 1)] = StoredEventLocation(
                    stream: stream, version: version, position: try result.int64(row, 4))
            } else {
                state.versions[stream] = version
            }
        }
        return state
    }

    /// The ids of the events that bring their own recorded time (a history moved from another store).
    private static func givenRecordedAt(_ group: [[StreamAppend]]) -> Set<UUID> {
        var ids = Set<UUID>()
        for appends in group {
            for part in appends { for event in part.events where event.recordedAt != nil { ids.insert(event.id) } }
        }
        return ids
    }

    /// Writes events (in global order) with one call of `append_events`; returns the position before the first.
    /// Events whose id is in `givenRecordedAt` keep their recorded time; the others get the server's.
    private func write(
        _ events: [RecordedEvent], on connection: PGConnection, givenRecordedAt: Set<UUID>
    ) throws(PostgresError) -> Int64 {
        do {
            return try connection.execute(
                statements.append, AppendParameters.make(events, givenRecordedAt: givenRecordedAt)
            ).int64(0, 0)
        } catch {
            let streams = Set(events.map(\.stream.rawValue)).sorted().prefix(5).map { "'\($0)'" }
            throw error.with(context: "append to \(streams.joined(separator: ", "))")
        }
    }
}
