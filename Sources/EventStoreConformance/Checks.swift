import CompetenceCore
import Foundation

/// The scenarios behind ``EventStoreConformance/checks``; each gets a new, empty store.
enum Checks {
    static func appendAndReadBack(_ store: any EventStore) async throws {
        try await require(try await store.headPosition() == 0, "a new store has head position 0")
        let events = Sample.events(3) + [Sample.compactEvent()]
        let before = Date()
        let result = try await store.append(events, to: "sample-a", expecting: .noStream)
        try await require(result.events.map(\.version) == [1, 2, 3, 4], "versions are 1...4, got \(result.events)")
        try await require(result.positions == [1, 2, 3, 4], "positions are 1...4, got \(result.positions)")
        try await require(!result.wasAlreadyStored, "a first append is not a retry")
        let read = try await store.readStream("sample-a")
        try await require(read.count == 4, "reads back 4 events, got \(read.count)")
        for (recorded, proposed) in zip(read, events) {
            try await require(matches(recorded, proposed), "event reads back as appended: \(recorded) vs \(proposed)")
            try await require(recorded.stream == "sample-a", "event carries its stream")
            try await require(
                recorded.recordedAt.timeIntervalSince(before) > -5 && recorded.recordedAt.timeIntervalSinceNow < 5,
                "recordedAt is the time of the append, got \(recorded.recordedAt)")
        }
        try await require(try await store.currentVersion(of: "sample-a") == 4, "current version is 4")
        try await require(try await store.currentVersion(of: "sample-none") == 0, "a missing stream is at version 0")
        try await require(try await store.headPosition() == 4, "head position is 4")
    }

    static func globalOrderAcrossStreams(_ store: any EventStore) async throws {
        var appended: [UUID] = []
        for round in 0..<4 {
            for stream in ["order-a", "order-b", "other-c"] {
                let events = Sample.events(round % 2 + 1, label: stream)
                try await store.append(events, to: StreamName(stream), expecting: .any)
                appended += events.map(\.id)
            }
        }
        let all = try await readWholeLog(store)
        try await require(all.map(\.id) == appended, "the log holds every event once, in append order")
        try await require(all.map(\.position) == Array(1...Int64(appended.count)), "positions run 1...n without gaps")
        for stream in ["order-a", "order-b", "other-c"] {
            let versions = all.filter { $0.stream.rawValue == stream }.map(\.version)
            try await require(versions == Array(1...Int64(versions.count)), "\(stream) versions run 1...n")
        }
    }

    static func expectedVersionRules(_ store: any EventStore) async throws {
        let stream: StreamName = "rules-x"
        let error = try await requireError(WrongExpectedVersionError.self, "streamExists on a new stream") {
            try await store.append([Sample.event("a")], to: stream, expecting: .streamExists)
        }
        try await require(
            error.stream == stream && error.actual == 0 && error.expected == .streamExists,
            "the error names the stream, the expectation and version 0: \(error)")
        try await requireError(WrongExpectedVersionError.self, "exact(1) on a new stream") {
            try await store.append([Sample.event("a")], to: stream, expecting: .exact(1))
        }
        try await store.append([Sample.event("a")], to: stream, expecting: .exact(0))
        let twice = try await requireError(WrongExpectedVersionError.self, "noStream on an existing stream") {
            try await store.append([Sample.event("b")], to: stream, expecting: .noStream)
        }
        try await require(twice.actual == 1 && twice.expected == .noStream, "the error reports version 1: \(twice)")
        try await store.append([Sample.event("b"), Sample.event("c")], to: stream, expecting: .exact(1))
        let stale = try await requireError(WrongExpectedVersionError.self, "a stale exact version") {
            try await store.append([Sample.event("d")], to: stream, expecting: .exact(1))
        }
        try await require(
            stale.actual == 3 && stale.expected == .exact(1), "the error names expected 1 and actual 3: \(stale)")
        try await store.append([Sample.event("d")], to: stream, expecting: .streamExists)
        try await store.append([Sample.event("e")], to: stream, expecting: .any)
        try await store.append([Sample.event("f")], to: "rules-y", expecting: .any)
        try await require(try await store.currentVersion(of: stream) == 5, "five events landed in \(stream)")
        try await require(try await store.headPosition() == 6, "refused appends wrote nothing")
    }

    static func idempotentRetry(_ store: any EventStore) async throws {
        try await store.append(Sample.events(2, label: "pre"), to: "retry-other", expecting: .any)
        let events = Sample.events(3)
        let first = try await store.append(events, to: "retry-a", expecting: .noStream)
        try await store.append([Sample.event("later")], to: "retry-a", expecting: .exact(3))
        // The retry carries the now-stale expectation: it must still answer with the original landing.
        let retry = try await store.append(events, to: "retry-a", expecting: .noStream)
        try await require(retry.wasAlreadyStored, "a retry is recognised")
        try await require(retry.events == first.events, "a retry returns the original versions and positions")
        let multi = try await store.append([
            StreamAppend(stream: "retry-a", expectedVersion: .exact(0), events: events),
            StreamAppend(stream: "retry-b", expectedVersion: .noStream, events: [Sample.event("new")]),
        ])
        try await require(
            multi[0].wasAlreadyStored && multi[0].events == first.events, "a retried share in a multi-stream append")
        try await require(!multi[1].wasAlreadyStored && multi[1].positions == [7], "the new share lands after it")
        try await require(try await store.headPosition() == 7, "no duplicate was written")
        let ids = try await readWholeLog(store).map(\.id)
        try await require(Set(ids).count == ids.count, "every event id is in the log once")
    }

    static func eventIDConflicts(_ store: any EventStore) async throws {
        let events = Sample.events(2)
        try await store.append(events, to: "conflict-a", expecting: .any)
        let elsewhere = try await requireError(EventStoreError.self, "a stored id appended to another stream") {
            try await store.append([events[0]], to: "conflict-b", expecting: .any)
        }
        try await require(
            elsewhere == .eventIDConflict(events[0].id, storedIn: "conflict-a", version: 1),
            "the error names the id and where it is stored: \(elsewhere)")
        try await requireError(EventStoreError.self, "a retry mixing stored and new ids") {
            try await store.append([events[0], Sample.event("new")], to: "conflict-a", expecting: .any)
        }
        try await require(try await store.headPosition() == 2, "nothing was written")
    }

    static func atomicMultiStreamAppend(_ store: any EventStore) async throws {
        let results = try await store.append([
            StreamAppend(stream: "multi-a", expectedVersion: .noStream, events: Sample.events(2, label: "a")),
            StreamAppend(stream: "multi-b", expectedVersion: .noStream, events: Sample.events(3, label: "b")),
        ])
        try await require(results.map(\.stream) == ["multi-a", "multi-b"], "one result per share, in order")
        try await require(
            results[0].positions == [1, 2] && results[1].positions == [3, 4, 5], "positions follow share order")
        let error = try await requireError(WrongExpectedVersionError.self, "one share with a wrong version") {
            _ = try await store.append([
                StreamAppend(stream: "multi-c", expectedVersion: .noStream, events: Sample.events(2, label: "c")),
                StreamAppend(stream: "multi-a", expectedVersion: .noStream, events: Sample.events(1, label: "a2")),
            ])
        }
        try await require(
            error.stream == "multi-a" && error.actual == 2, "the error names the failing stream: \(error)")
        try await require(try await store.currentVersion(of: "multi-c") == 0, "the other share did not land")
        try await require(try await store.headPosition() == 5, "nothing of the refused append is visible")
        try await require(try await readWholeLog(store).count == 5, "the log holds only the first append")
    }

    static func malformedAppends(_ store: any EventStore) async throws {
        let empty = try await requireError(EventStoreError.self, "an empty append") {
            _ = try await store.append([])
        }
        try await require(empty == .emptyAppend, "an empty append is refused as such: \(empty)")
        let same = try await requireError(EventStoreError.self, "one stream twice") {
            _ = try await store.append([
                StreamAppend(stream: "bad-a", expectedVersion: .any, events: [Sample.event("1")]),
                StreamAppend(stream: "bad-a", expectedVersion: .any, events: [Sample.event("2")]),
            ])
        }
        try await require(same == .duplicateStreamInAppend("bad-a"), "the repeated stream is named: \(same)")
        let event = Sample.event("x")
        let twice = try await requireError(EventStoreError.self, "one id twice") {
            try await store.append([event, event], to: "bad-b", expecting: .any)
        }
        try await require(twice == .duplicateEventIDInAppend(event.id), "the repeated id is named: \(twice)")
        try await requireError(EventStoreError.self, "an empty stream name") {
            try await store.append([Sample.event("y")], to: "", expecting: .any)
        }
        try await require(try await store.headPosition() == 0, "nothing was written")
    }

    static func streamReads(_ store: any EventStore) async throws {
        let events = Sample.events(10)
        try await store.append(Array(events[0..<4]), to: "read-a", expecting: .noStream)
        try await store.append(Sample.events(2, label: "noise"), to: "read-b", expecting: .any)
        try await store.append(Array(events[4...]), to: "read-a", expecting: .exact(4))
        let middle = try await store.readStream("read-a", from: 4, direction: .forwards, limit: 3)
        try await require(
            middle.map(\.version) == [4, 5, 6], "forwards from 4, three events: \(middle.map(\.version))")
        try await require(middle.map(\.id) == events[3..<6].map(\.id), "forwards reads the right events")
        let tail = try await store.readStream("read-a", from: .max, direction: .backwards, limit: 3)
        try await require(tail.map(\.version) == [10, 9, 8], "backwards from the end: \(tail.map(\.version))")
        let back = try await store.readStream("read-a", from: 5, direction: .backwards, limit: 2)
        try await require(back.map(\.version) == [5, 4], "backwards from 5: \(back.map(\.version))")
        let all = try await store.readStream("read-a")
        try await require(all.map(\.id) == events.map(\.id), "the whole stream, in order")
        try await require(
            all.map(\.position) == [1, 2, 3, 4, 7, 8, 9, 10, 11, 12], "positions interleave with the other stream")
        try await require(try await store.readStream("read-a", from: 11).isEmpty, "past the end is empty")
        try await require(try await store.readStream("read-missing").isEmpty, "a missing stream reads empty")
    }

    static func logReads(_ store: any EventStore) async throws {
        try await store.append(Sample.events(4, type: "Alpha"), to: "cat1-x", expecting: .any)
        try await store.append(Sample.events(3, type: "Beta"), to: "cat2-y", expecting: .any)
        try await store.append(Sample.events(3, type: "Alpha"), to: "cat2-z", expecting: .any)
        let first = try await store.readAll(from: 1, limit: 4, filter: .all)
        try await require(first.events.map(\.position) == [1, 2, 3, 4], "first page: \(first.events.map(\.position))")
        let second = try await store.readAll(from: first.nextPosition, limit: 4, filter: .all)
        try await require(
            second.events.map(\.position) == [5, 6, 7, 8], "second page: \(second.events.map(\.position))")
        let middle = try await store.readAll(from: 6, limit: 100, filter: .all)
        try await require(
            middle.events.map(\.position) == [6, 7, 8, 9, 10], "from a position: \(middle.events.map(\.position))")
        let end = try await store.readAll(from: 11, limit: 100, filter: .all)
        try await require(end.events.isEmpty && end.nextPosition >= 11, "past the head is empty")
        let alphas = try await readWholeLog(store, filter: .types("Alpha"), pageSize: 2)
        try await require(alphas.map(\.position) == [1, 2, 3, 4, 8, 9, 10], "type filter: \(alphas.map(\.position))")
        let cat2 = try await readWholeLog(store, filter: .categories("cat2"), pageSize: 2)
        try await require(cat2.map(\.position) == [5, 6, 7, 8, 9, 10], "category filter: \(cat2.map(\.position))")
        let both = try await readWholeLog(store, filter: EventFilter(types: ["Alpha"], categories: ["cat2"]))
        try await require(both.map(\.position) == [8, 9, 10], "type and category: \(both.map(\.position))")
        let none = try await store.readAll(from: 1, limit: 10, filter: .types("Gamma"))
        try await require(
            none.events.isEmpty && none.nextPosition > 10, "a filter matching nothing reads empty past the head")
        let everything = try await readWholeLog(store, pageSize: 3)
        try await require(everything.map(\.position) == Array(1...10), "the sequence reads every event once")
    }

    static func concurrentAppendersOnOneStream(_ store: any EventStore) async throws {
        let writers = 8
        let perWriter = 15
        let stream: StreamName = "race-one"
        let outcomes = try await withThrowingTaskGroup(of: (won: [UUID], conflicts: Int).self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var won: [UUID] = []
                    var conflicts = 0
                    while won.count < perWriter {
                        let version = try await store.currentVersion(of: stream)
                        let event = Sample.event("w\(writer)-\(won.count)")
                        do {
                            let result = try await store.append([event], to: stream, expecting: .exact(version))
                            try await require(
                                result.events[0].version == version + 1, "the winner gets the next version")
                            won.append(event.id)
                        } catch let error as WrongExpectedVersionError {
                            try await require(
                                error.stream == stream && error.actual > version, "a loser learns the newer version")
                            conflicts += 1
                        }
                    }
                    return (won, conflicts)
                }
            }
            var all: [(won: [UUID], conflicts: Int)] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        let won = outcomes.flatMap(\.won)
        let read = try await store.readStream(stream)
        try await require(read.count == writers * perWriter, "every won append is stored once: \(read.count)")
        try await require(
            read.map(\.version) == Array(1...Int64(writers * perWriter)), "one winner per version, no gaps")
        try await require(Set(read.map(\.id)) == Set(won), "exactly the acknowledged events are stored")
    }

    static func concurrentAppendersOnManyStreams(_ store: any EventStore) async throws {
        let writers = 8
        let perWriter = 25
        let ids = try await withThrowingTaskGroup(of: [UUID].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var ids: [UUID] = []
                    for index in 0..<perWriter {
                        let events = Sample.events(index % 3 + 1, label: "m\(writer)")
                        try await store.append(events, to: StreamName("many-\(index % 5)"), expecting: .any)
                        ids += events.map(\.id)
                    }
                    return ids
                }
            }
            var all: [UUID] = []
            for try await ids in group { all += ids }
            return all
        }
        let log = try await readWholeLog(store, pageSize: 64)
        try await require(
            log.count == ids.count, "every acknowledged event is in the log once: \(log.count) of \(ids.count)")
        try await require(Set(log.map(\.id)) == Set(ids), "no event is lost or invented")
        try await require(log.map(\.position) == Array(1...Int64(ids.count)), "positions are gap-free")
        for stream in Set(log.map(\.stream)) {
            let versions = log.filter { $0.stream == stream }.map(\.version)
            try await require(
                versions == Array(1...Int64(versions.count)), "\(stream) versions are gap-free and in log order")
        }
    }

    static func subscriptionCatchUpAndLive(_ store: any EventStore) async throws {
        try await store.append(Sample.events(5, label: "before"), to: "live-a", expecting: .any)
        let writers = 4
        let perWriter = 30
        let total = 5 + writers * perWriter
        let subscriber = Task { () throws -> [RecordedEvent] in
            var seen: [RecordedEvent] = []
            for try await event in store.subscribe(from: 1, pageSize: 16) {
                seen.append(event)
                if seen.count == total { break }
            }
            return seen
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter {
                        try await store.append(
                            [Sample.event("live\(writer)-\(index)")], to: StreamName("live-w\(writer)"), expecting: .any
                        )
                        if index % 7 == 0 { try await Task.sleep(for: .milliseconds(2)) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seen = try await withDeadline(seconds: 60, cancelling: subscriber)
        try await require(seen.count == total, "the subscription saw \(seen.count) of \(total) events")
        try await require(
            seen.map(\.position) == Array(1...Int64(total)), "every event once, in global order, without gaps")
    }

    static func filteredSubscription(_ store: any EventStore) async throws {
        try await store.append(Sample.events(3, type: "Alpha"), to: "fsub-a", expecting: .any)
        try await store.append(Sample.events(3, type: "Beta"), to: "fsub-b", expecting: .any)
        let subscriber = Task { () throws -> [RecordedEvent] in
            var seen: [RecordedEvent] = []
            for try await event in store.subscribe(from: 3, filter: .types("Alpha")) {
                seen.append(event)
                if seen.count == 3 { break }
            }
            return seen
        }
        try await Task.sleep(for: .milliseconds(50))
        try await store.append(Sample.events(2, type: "Beta"), to: "fsub-b", expecting: .any)
        try await store.append(Sample.events(2, type: "Alpha"), to: "fsub-a", expecting: .any)
        let seen = try await withDeadline(seconds: 30, cancelling: subscriber)
        try await require(seen.map(\.position) == [3, 9, 10], "from position 3, Alpha only: \(seen.map(\.position))")
    }

    static func subscriptionEndsOnCancellation(_ store: any EventStore) async throws {
        try await store.append(Sample.events(2), to: "cancel-a", expecting: .any)
        let subscriber = Task { () throws -> Int in
            var count = 0
            for try await _ in store.subscribe(from: 1) { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(100))
        subscriber.cancel()
        let count = try await withDeadline(seconds: 10, cancelling: subscriber)
        try await require(count == 2, "the subscription delivered the two events, then ended: \(count)")
    }

    /// Waits for `task`, failing the check (and cancelling the task) if it takes longer than `seconds`.
    private static func withDeadline<T: Sendable>(seconds: Int, cancelling task: Task<T, any Error>) async throws -> T {
        let timer = Task {
            try await Task.sleep(for: .seconds(seconds))
            task.cancel()
        }
        defer { timer.cancel() }
        return try await task.value
    }
}
