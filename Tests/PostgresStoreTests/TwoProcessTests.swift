import CompetenceCore
import Foundation
import PostgresStore
import Testing

/// Two OS processes append to the same streams at once while this process follows the log live.
@Suite("PostgresEventStore with two writing processes", .timeLimit(.minutes(10)))
struct TwoProcessTests {
    struct Ack: Hashable {
        let id: UUID
        let stream: String
        let version: Int64
        let position: Int64
    }

    @Test func concurrentProcessesKeepPositionsGapFreeAndCommitOrdered() async throws {
        let configuration = try await TestStores.configuration()
        let rounds = 120
        let start = String(Date().timeIntervalSince1970 + 2)
        let observer = try PostgresEventStore(configuration: configuration)
        // Both children migrate the fresh schema concurrently: the advisory lock must serialise them.
        async let first = ChildProcess.run([
            configuration.connectionString, configuration.schema, "w1", "\(rounds)", "2", start,
        ])
        async let second = ChildProcess.run([
            configuration.connectionString, configuration.schema, "w2", "\(rounds)", "2", start,
        ])
        // A live subscriber in this process follows the log while the children write.
        let follower = Task { () throws -> [RecordedEvent] in
            var seen: [RecordedEvent] = []
            for try await event in observer.subscribe(from: 1, pageSize: 8) {
                seen.append(event)
                if event.metadata.recordedBy == "done" { break }
            }
            return seen
        }
        let results = try await [first, second]
        for result in results {
            #expect(result.status == 0, "child failed: \(result.output)")
        }
        let acks = results.map { parse($0.output) }
        let conflicts = results.map { conflictCount($0.output) }
        // The children collided on the shared streams and were told so with the typed error.
        #expect(conflicts.reduce(0, +) > 0, "two writers on two streams should conflict at least once")

        let marker = NewEvent(
            type: "Done", occurredAt: Date(), metadata: EventMetadata(recordedBy: "done"),
            payload: .json(Data("{}".utf8)))
        try await observer.append([marker], to: "control-1", expecting: .any)
        let live = try await withTimeout(seconds: 60, follower)

        let log = try await collect(observer)
        let acknowledged = acks.flatMap { $0 }
        #expect(log.count == acknowledged.count + 1, "every acknowledged event once, plus the marker")
        #expect(log.map(\.position) == Array(1...Int64(log.count)), "global positions are gap-free")
        #expect(Set(log.map(\.id)).count == log.count, "no event twice")
        let byID = Dictionary(uniqueKeysWithValues: log.map { ($0.id, $0) })
        for ack in acknowledged {
            let stored = try #require(byID[ack.id], "acknowledged event \(ack.id) is missing")
            #expect(
                stored.position == ack.position && stored.version == ack.version && stored.stream.rawValue == ack.stream
            )
        }
        for stream in Set(log.map(\.stream)) {
            let versions = log.filter { $0.stream == stream }.map(\.version)
            #expect(versions == Array(1...Int64(versions.count)), "\(stream) versions are gap-free in log order")
        }
        // Each child appended sequentially, so its acknowledged positions must rise: commit order.
        for childAcks in acks {
            #expect(childAcks.map(\.position) == childAcks.map(\.position).sorted())
        }
        // The live follower saw the same log, in order, without skipping anything committed late.
        #expect(live.map(\.position) == log.map(\.position))
        #expect(live.map(\.id) == log.map(\.id))
        observer.close()
    }

    private func parse(_ output: String) -> [Ack] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 5, parts[0] == "ack", let id = UUID(uuidString: String(parts[1])),
                let version = Int64(parts[3]), let position = Int64(parts[4])
            else { return nil }
            return Ack(id: id, stream: String(parts[2]), version: version, position: position)
        }
    }

    private func conflictCount(_ output: String) -> Int {
        output.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("conflicts ") else { return nil }
            return Int(line.dropFirst("conflicts ".count))
        }.first ?? 0
    }
}

/// Reads the whole log.
func collect(_ store: any EventStore) async throws -> [RecordedEvent] {
    var all: [RecordedEvent] = []
    for try await event in store.events(pageSize: 500) { all.append(event) }
    return all
}

/// Waits for `task`, cancelling it and failing when it takes longer than `seconds`.
func withTimeout<T: Sendable>(seconds: Int, _ task: Task<T, any Error>) async throws -> T {
    let timer = Task {
        try await Task.sleep(for: .seconds(seconds))
        task.cancel()
    }
    defer { timer.cancel() }
    return try await task.value
}
