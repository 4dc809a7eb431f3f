import CompetenceCore
import Foundation

/// Runs appends on one connection (on its queue): a group of independent appends (members) is one call of
/// the append function — one statement, one round trip, one commit — which numbers and writes every member
/// whose streams are at an allowed version and whose event ids are new, and refuses the others with the
/// facts it read under the head lock. `AppendPlanner` (the rules every backend shares) then decides a
/// refused member: a retry answered with the original positions, or a typed error. Appends of at least
/// ``AppendFunctions/copyThreshold`` events travel by binary `COPY` into a staging table instead of arrays.
struct AppendExecutor: Sendable {
    let statements: Statements
    let maxPayloadBytes: Int?

    /// How often a group is written again after a call lost a race with a writer of an older version of
    /// this library (which looks up versions before taking the head lock) or wrote only some shares.
    static let maxAttempts = 64

    /// One member still to be written: the shares not yet decided, and the results of those that are.
    private struct Work {
        let index: Int
        let original: [StreamAppend]
        var pending: [StreamAppend]
        var decided: [StreamName: AppendResult] = [:]

        /// The results of every share in the order given.
        func results(adding written: [AppendResult]) -> [AppendResult] {
            var all = decided
            for result in written { all[result.stream] = result }
            return original.map { all[$0.stream]! }
        }
    }

    /// Appends every member with its own outcome, in as few calls as possible (one, normally).
    ///
    /// - Returns: one outcome per member and the new head (nil when nothing was written).
    /// - Throws: ``PostgresError`` when the connection failed or another retryable error ended the call (the
    ///   outcome of a commit is then unknown; retrying is safe, appends are idempotent by event id).
    func append(
        _ members: [[StreamAppend]], on connection: PGConnection
    ) throws(PostgresError) -> (outcomes: [Result<[AppendResult], any Error>], head: Int64?) {
        var outcomes = [Result<[AppendResult], any Error>?](repeating: nil, count: members.count)
        var work = members.enumerated().map { Work(index: $0.offset, original: $0.element, pending: $0.element) }
        var head: Int64?
        var attempt = 0
        while !work.isEmpty {
            attempt += 1
            let call: CallOutcome
            do {
                call = try write(work.map(\.pending), on: connection)
            } catch {
                if Self.isLostRace(error) && attempt < Self.maxAttempts { continue }
                if error.kind != .server || error.isRetryable || !connection.isHealthy { throw error }
                guard work.count > 1 else {
                    outcomes[work[0].index] = .failure(error)
                    break
                }
                // The server refused the statement for one member's sake (e.g. invalid JSON): each alone, so
                // that only the faulty one fails.
                for item in work {
                    let alone = try append([item.pending], on: connection)
                    outcomes[item.index] = alone.outcomes[0].map { item.results(adding: $0) }
                    if let written = alone.head { head = max(head ?? 0, written) }
                }
                break
            }
            if call.written > 0 { head = call.base + call.written }
            var next: [Work] = []
            for (number, var item) in work.enumerated() {
                switch call.members[number] {
                case .written(let results):
                    outcomes[item.index] = .success(item.results(adding: results))
                case .refused(let facts):
                    do {
                        let plan = try AppendPlanner.plan(
                            item.pending, nextPosition: 1, recordedAt: Date(), maxPayloadBytes: maxPayloadBytes,
                            currentVersion: { facts.versions[$0] ?? 0 }, locate: { facts.stored[$0] })
                        let retries = plan.results.filter(\.wasAlreadyStored)
                        if plan.newEvents.isEmpty {
                            outcomes[item.index] = .success(item.results(adding: plan.results))
                        } else if retries.isEmpty {
                            throw PostgresError(
                                kind: .unexpectedResponse,
                                message: "the append function refused an append that the rules accept")
                        } else {
                            // Some shares are retries, the others new: write the new ones.
                            for retry in retries { item.decided[retry.stream] = retry }
                            item.pending = item.pending.filter { item.decided[$0.stream] == nil }
                            next.append(item)
                        }
                    } catch {
                        outcomes[item.index] = .failure(error)
                    }
                }
            }
            work = next
        }
        return (outcomes.map { $0! }, head)
    }

    /// A unique violation on `(stream, version)` or on the event id: a writer that decides outside the head
    /// lock (an older version of this library) won a race.
    static func isLostRace(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        return error.sqlState == "23505"
            && (error.constraint == "events_stream_version_key" || error.constraint == "events_id_key")
    }

    // MARK: One call

    /// What one call of the append function did with each member.
    private enum MemberOutcome {
        case written([AppendResult])
        case refused(Facts)
    }

    /// What the function read under the head lock about a refused member's streams and event ids.
    private struct Facts {
        var versions: [StreamName: Int64] = [:]
        var stored: [UUID: StoredEventLocation] = [:]
    }

    private struct CallOutcome {
        var base: Int64
        var written: Int64
        var members: [MemberOutcome]
    }

    /// Calls the append function once for `members` and reads its answer.
    private func write(_ members: [[StreamAppend]], on connection: PGConnection) throws(PostgresError) -> CallOutcome {
        let parameters = AppendParameters(members: members)
        let eventCount = members.reduce(0) { $0 + $1.reduce(0) { $0 + $1.events.count } }
        do {
            if members.count == 1 && eventCount >= AppendFunctions.copyThreshold {
                return try staged(parameters, on: connection)
            }
            let result = try connection.execute(statements.appendGroup, parameters.shares + parameters.events)
            return try Self.read(result, members: members)
        } catch {
            let streams = Set(members.flatMap { $0.map(\.stream.rawValue) }).sorted().prefix(5).map { "'\($0)'" }
            throw error.with(context: "append to \(streams.joined(separator: ", "))")
        }
    }

    /// The `COPY` path: one transaction that copies the events into a staging table and calls
    /// `append_staged`. `statement_timeout` is lifted inside it (a large import may take long); `lock_timeout`
    /// still bounds the wait for the head lock.
    private func staged(
        _ parameters: AppendParameters, on connection: PGConnection
    ) throws(PostgresError)
        -> CallOutcome
    {
        _ = try connection.execute(unprepared: "BEGIN")
        do throws(PostgresError) {
            _ = try connection.execute(unprepared: "SET LOCAL statement_timeout = 0")
            _ = try connection.execute(unprepared: AppendFunctions.createStaging)
            try connection.copy(AppendFunctions.copyIntoStaging, rows: parameters.copyRows)
            let result = try connection.execute(statements.appendStaged, parameters.shares)
            let outcome = try Self.read(result, members: parameters.members)
            _ = try connection.execute(unprepared: "COMMIT")
            return outcome
        } catch {
            if connection.isHealthy { _ = try? connection.execute(unprepared: "ROLLBACK") }
            throw error
        }
    }

    /// Reads the function's one row: the head before, how many events it wrote, every share's version before,
    /// the refused members, and where the event ids it found stored lie.
    private static func read(_ result: PGResult, members: [[StreamAppend]]) throws(PostgresError) -> CallOutcome {
        guard result.rowCount == 1 else {
            throw PostgresError(
                kind: .unexpectedResponse, message: "the append function returned \(result.rowCount) rows")
        }
        let base = try result.int64(0, 0)
        let written = try result.int64(0, 1)
        let versions = try result.int64Array(0, 2) ?? []
        let refused = Set(try result.int64Array(0, 3) ?? [])
        let storedOrdinals = try result.int64Array(0, 4) ?? []
        let storedStreams = try result.textArray(0, 5) ?? []
        let storedVersions = try result.int64Array(0, 6) ?? []
        let storedPositions = try result.int64Array(0, 7) ?? []
        let shareCount = members.reduce(0) { $0 + $1.count }
        guard versions.count == shareCount, storedStreams.count == storedOrdinals.count,
            storedVersions.count == storedOrdinals.count, storedPositions.count == storedOrdinals.count
        else {
            throw PostgresError(
                kind: .unexpectedResponse, message: "the append function's arrays do not match the call")
        }
        var stored: [Int64: StoredEventLocation] = [:]
        for index in storedOrdinals.indices {
            stored[storedOrdinals[index]] = StoredEventLocation(
                stream: StreamName(storedStreams[index]), version: storedVersions[index],
                position: storedPositions[index])
        }
        var outcomes: [MemberOutcome] = []
        var share = 0
        var ordinal: Int64 = 0
        var position = base
        for (number, appends) in members.enumerated() {
            if refused.contains(Int64(number + 1)) {
                var facts = Facts()
                for part in appends {
                    facts.versions[part.stream] = versions[share]
                    share += 1
                    for event in part.events {
                        ordinal += 1
                        if let location = stored[ordinal] { facts.stored[event.id] = location }
                    }
                }
                outcomes.append(.refused(facts))
                continue
            }
            var results: [AppendResult] = []
            for part in appends {
                let current = versions[share]
                share += 1
                var appended: [AppendedEvent] = []
                for (step, event) in part.events.enumerated() {
                    ordinal += 1
                    position += 1
                    appended.append(AppendedEvent(id: event.id, version: current + Int64(step) + 1, position: position))
                }
                results.append(AppendResult(stream: part.stream, events: appended, wasAlreadyStored: false))
            }
            outcomes.append(.written(results))
        }
        guard position - base == written else {
            throw PostgresError(
                kind: .unexpectedResponse,
                message: "the append function wrote \(written) events where \(position - base) were accepted")
        }
        return CallOutcome(base: base, written: written, members: outcomes)
    }
}
