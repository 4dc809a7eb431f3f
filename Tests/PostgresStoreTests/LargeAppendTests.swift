import CompetenceCore
import Foundation
import PostgresStore
import Testing

/// Appends of 1,000 events or more travel by binary `COPY` into a staging table; they keep every rule of a
/// small append: numbering, expected versions, retries by event id, all or nothing.
@Suite("PostgresEventStore: large appends through COPY", .timeLimit(.minutes(10)))
struct LargeAppendTests {
    static func events(_ count: Int, _ label: String) -> [NewEvent] {
        (0..<count).map { index in
            index % 7 == 0
                ? NewEvent(
                    type: "Packed", occurredAt: Date(timeIntervalSince1970: 1_700_000_000.123456),
                    metadata: EventMetadata(
                        correlationID: UUID(), causationID: nil, recordedBy: "importer",
                        origin: EventOrigin(source: "file.csv", row: index, contentHash: "abc")),
                    payload: EventPayload(encoding: .compact, bytes: Data([UInt8(index % 256), 0, 7])))
                : Sample.event("\(label)-\(index)")
        }
    }

    @Test func aLargeMultiStreamAppendIsNumberedAndReadBackExactly() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        try await store.append([Sample.event("first")], to: "big-a", expecting: .any)
        let appends = [
            StreamAppend(stream: "big-a", expectedVersion: .exact(1), events: Self.events(700, "a")),
            StreamAppend(stream: "big-b", expectedVersion: .noStream, events: Self.events(800, "b")),
        ]
        let results = try await store.append(appends)
        #expect(results.map(\.wasAlreadyStored) == [false, false])
        #expect(results[0].events.map(\.version) == Array(2...701))
        #expect(results[0].events.map(\.position) == Array(2...701))
        #expect(results[1].events.map(\.version) == Array(1...800))
        #expect(results[1].events.map(\.position) == Array(702...1501))
        let log = try await collect(store)
        #expect(log.map(\.position) == Array(1...1501))
        let stored = Dictionary(uniqueKeysWithValues: log.map { ($0.id, $0) })
        for (part, result) in zip(appends, results) {
            for (event, appended) in zip(part.events, result.events) {
                let read = try #require(stored[event.id])
                #expect(read.stream == part.stream && read.version == appended.version)
                #expect(read.type == event.type && read.metadata == event.metadata)
                #expect(abs(read.occurredAt.timeIntervalSince(event.occurredAt)) < 0.000_001)
                if event.payload.encoding == .compact { #expect(read.payload == event.payload) }
            }
        }
        #expect(try await store.currentVersion(of: "big-b") == 800)
        #expect(try await store.verify().isIntact)

        // The same append again is a retry: the original positions, nothing written.
        let again = try await store.append(appends)
        #expect(again.map(\.wasAlreadyStored) == [true, true])
        #expect(again.map { $0.events.map(\.position) } == results.map { $0.events.map(\.position) })
        #expect(try await store.headPosition() == 1501)
    }

    @Test func aLargeAppendKeepsExpectedVersionsAllOrNothing() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        try await store.append([Sample.event()], to: "big-c", expecting: .any)
        let wrong = [
            StreamAppend(stream: "big-d", expectedVersion: .noStream, events: Self.events(900, "d")),
            StreamAppend(stream: "big-c", expectedVersion: .exact(5), events: Self.events(300, "c")),
        ]
        await #expect(throws: WrongExpectedVersionError(stream: "big-c", expected: .exact(5), actual: 1)) {
            try await store.append(wrong)
        }
        #expect(try await store.headPosition() == 1, "nothing of the refused import was written")
        #expect(try await store.currentVersion(of: "big-d") == 0)

        // Half of an import stored already (an interrupted run): the stored share is recognised, the rest written.
        let first = StreamAppend(stream: "big-e", expectedVersion: .noStream, events: Self.events(600, "e"))
        let second = StreamAppend(stream: "big-f", expectedVersion: .noStream, events: Self.events(600, "f"))
        let stored = try await store.append([first])
        let both = try await store.append([first, second])
        #expect(both[0].wasAlreadyStored && both[0].events == stored[0].events)
        #expect(!both[1].wasAlreadyStored && both[1].events.map(\.version) == Array(1...600))
        #expect(try await store.headPosition() == 1201)
    }

    @Test func invalidJSONInALargeAppendIsATypedErrorAndWritesNothing() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        var events = Self.events(1_200, "g")
        events[1_100] = NewEvent(type: "Broken", occurredAt: Date(), payload: .json(Data("{broken".utf8)))
        let error = await #expect(throws: PostgresError.self) {
            try await store.append(events, to: "big-g", expecting: .any)
        }
        #expect(error?.sqlState == "22P02", "\(String(describing: error))")
        #expect(try await store.headPosition() == 0)
        // The connection is usable afterwards (the failed transaction was rolled back).
        try await store.append(Self.events(1_000, "h"), to: "big-g", expecting: .noStream)
        #expect(try await store.headPosition() == 1_000)
    }
}
