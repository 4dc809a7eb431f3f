import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import PostgresStore

/// The history chain stored with every row (migration 4): computed at append on every path, given to rows
/// stored before the migration, refused to older append functions, and checked by `verify()`.
@Suite("PostgreSQL history chain", .timeLimit(.minutes(10)))
struct PostgresHistoryChainTests {
    /// A JSON payload spelled unlike `jsonb` spells it (spaces, key order, `1.50`, an escaped slash).
    static let messyJSON = #"{ "zeta": [1.50, 2e2, -0.0],  "alpha": "a\/b \u00e4", "mid": {"y": null, "x": true} }"#

    static func messy(_ label: String, recordedAt: Date? = nil) -> NewEvent {
        NewEvent(
            type: "Messy", occurredAt: Date(timeIntervalSince1970: 1_717_000_000.123_456_7),
            metadata: EventMetadata(
                correlationID: UUID(), recordedBy: "tester \(label)",
                origin: EventOrigin(source: "x.csv", row: 7, contentHash: "ab")),
            payload: .json(Data(messyJSON.utf8)), recordedAt: recordedAt)
    }

    static func compact(_ label: String) -> NewEvent {
        NewEvent(
            type: "Packed", schemaVersion: 2, occurredAt: Date(),
            payload: EventPayload(encoding: .compact, bytes: Data([0, 1, 2, 0xFF] + Array(label.utf8))))
    }

    /// The chain every store computes, folded over the store's events read back.
    static func recomputed(_ store: PostgresEventStore) async throws -> [HistoryAnchor] {
        var chain = HistoryChain()
        var anchors: [HistoryAnchor] = []
        for try await event in store.events() {
            try chain.append(event)
            anchors.append(chain.head)
        }
        return anchors
    }

    /// Every stored anchor equals the recomputed one, and `verify()` finds the log intact with that head.
    static func expectChained(_ store: PostgresEventStore, count: Int) async throws {
        let anchors = try await recomputed(store)
        #expect(anchors.count == count)
        for anchor in anchors {
            #expect(try await store.storedHistoryAnchor(at: anchor.position) == anchor)
        }
        let verification = try await store.verify()
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.records == Int64(count))
        #expect(verification.headHash == (anchors.last ?? .genesis).hash.description)
        let soundness = try await LogSoundnessCheck(store: store).run()
        #expect(soundness.historyHead == anchors.last ?? .genesis)
    }

    @Test func everyAppendPathStoresTheChainEveryStoreComputes() async throws {
        let store = try await TestStores.make(poolSize: 4)
        defer { store.close() }
        #expect(try await store.storedHistoryAnchor(at: 0) == .genesis)
        #expect(try await store.storedHistoryAnchor(at: 1) == nil)
        try await Self.expectChained(store, count: 0)
        // One append: JSON spelled unlike jsonb, compact bytes, a given recorded time with sub-millisecond parts.
        try await store.append(
            [
                Self.messy("one"), Self.compact("one"),
                Self.messy("given", recordedAt: Date(timeIntervalSince1970: 1_600_000_000.000_123_4)),
            ], to: "chain-1", expecting: .noStream)
        // Concurrent appends share calls (groups); one of them is refused and must not shift the chain.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                group.addTask {
                    let stream = StreamName("chain-g\(index % 6)")
                    let event = index % 2 == 0 ? Self.messy("g\(index)") : Self.compact("g\(index)")
                    if index == 5 {
                        _ = try? await store.append([event], to: "chain-1", expecting: .exact(99))
                    } else {
                        try await store.append([event], to: stream, expecting: .any)
                    }
                }
            }
            try await group.waitForAll()
        }
        // A large append travels by COPY.
        let large = (0..<1_100).map { $0 % 3 == 0 ? Self.compact("l\($0)") : Self.messy("l\($0)") }
        try await store.append(large, to: "chain-large", expecting: .noStream)
        try await Self.expectChained(store, count: 3 + 23 + 1_100)
    }

    @Test func rowsStoredBeforeTheMigrationGetTheirChainWhenItRuns() async throws {
        let cluster = try await TestCluster.shared()
        let configuration = try await TestStores.configuration()
        let schema = configuration.schema
        let older = try PostgresEventStore(configuration: configuration)
        #expect(try await older.migrate(through: 3) == [1, 2, 3])
        older.close()
        // Rows as a process of the previous version wrote them (here by hand, as its functions would).
        _ = try await cluster.psql(
            """
            INSERT INTO \(schema).events (position, id, stream, category, version, type, schema_version, occurred_at,
                recorded_at, correlation_id, recorded_by, origin_source, origin_row, payload, payload_compact)
            VALUES
                (1, gen_random_uuid(), 'old-1', 'old', 1, 'Messy', 1, '2024-01-10 10:00:00.123456+00',
                    '2024-01-10 10:00:01.000789+00', gen_random_uuid(), 'me', 'a.csv', 3,
                    '{ "zeta": [1.50, 2e2],  "alpha": "ä" }', NULL),
                (2, gen_random_uuid(), 'old-1', 'old', 2, 'Packed', 2, '2024-01-11 10:00:00+00',
                    '2024-01-11 10:00:00.5+00', NULL, NULL, NULL, NULL, NULL, '\\x0001ff'),
                (3, gen_random_uuid(), 'old-2', 'old', 1, 'Messy', 1, '1969-12-31 23:59:59.999999+00',
                    '2024-01-12 10:00:00.000001+00', NULL, NULL, NULL, NULL, '{"b": {"d": 1, "c": 2}}', NULL);
            INSERT INTO \(schema).streams (name, category, version) VALUES ('old-1', 'old', 2), ('old-2', 'old', 1);
            UPDATE \(schema).log_head SET position = 3;
            """)
        let store = try PostgresEventStore(configuration: configuration)
        defer { store.close() }
        #expect(try await store.migrate() == [4])
        try await Self.expectChained(store, count: 3)
        // Appends continue the chain from the migrated head.
        try await store.append([Self.messy("after"), Self.compact("after")], to: "old-1", expecting: .exact(2))
        try await Self.expectChained(store, count: 5)
    }

    @Test func olderAppendFunctionsAndUnchainedRowsAreRefused() async throws {
        let cluster = try await TestCluster.shared()
        let store = try await TestStores.make()
        defer { store.close() }
        try await store.append([Sample.event()], to: "refuse-1", expecting: .noStream)
        let s = store.configuration.schema
        let arrays1 = """
            NULL::uuid[], NULL::text[], NULL::text[], NULL::bigint[], NULL::text[], NULL::integer[],
            NULL::timestamptz[], NULL::uuid[], NULL::uuid[], NULL::text[], NULL::text[], NULL::bigint[], NULL::text[],
            NULL::jsonb[], NULL::bytea[], NULL::text[], NULL::text[], NULL::bigint[]
            """
        let shares =
            "'{1}'::integer[], '{refuse-2}'::text[], '{refuse}'::text[], '{0}'::bigint[], '{0}'::bigint[], "
            + "'{1}'::integer[]"
        let events = """
            '{1}'::integer[], '{1}'::integer[], ARRAY[gen_random_uuid()], '{T}'::text[], '{1}'::integer[],
            ARRAY[now()], ARRAY[NULL::timestamptz], ARRAY[NULL::uuid], ARRAY[NULL::uuid], ARRAY[NULL::text],
            ARRAY[NULL::text], ARRAY[NULL::bigint], ARRAY[NULL::text], ARRAY['{}'::jsonb], ARRAY[NULL::bytea]
            """
        let calls = [
            "SELECT \(s).append_events(\(arrays1))",
            "SELECT \(s).append_events(\(arrays1), NULL::timestamptz[])",
            "SELECT * FROM \(s).append_group(\(shares), \(events))",
            "SELECT * FROM \(s).append_staged(\(shares))",
        ]
        for call in calls {
            let error = await #expect(throws: TestClusterError.self) { try await cluster.psql(call) }
            #expect(
                "\(String(describing: error))".contains("upgrade the process"), "\(call): \(String(describing: error))")
        }
        // A row written around the functions, without its hash, is refused by the column itself.
        let insert = await #expect(throws: TestClusterError.self) {
            try await cluster.psql(
                """
                INSERT INTO \(s).events (position, id, stream, category, version, type, schema_version, occurred_at,
                    recorded_at, payload)
                VALUES (2, gen_random_uuid(), 'refuse-2', 'refuse', 1, 'T', 1, now(), now(), '{}')
                """)
        }
        #expect("\(String(describing: insert))".contains("chain"), "\(String(describing: insert))")
        try await Self.expectChained(store, count: 1)
    }

    /// A store of ten events, each test's tampering done by hand as a superuser would.
    static func tampered(_ sql: (String) -> String) async throws -> (PostgresEventStore, StoreVerification) {
        let cluster = try await TestCluster.shared()
        let store = try await TestStores.make()
        for index in 0..<10 {
            let event = index % 3 == 2 ? compact("t\(index)") : messy("t\(index)")
            try await store.append([event], to: StreamName("tamper-\(index % 2)"), expecting: .any)
        }
        #expect(try await store.verify().isIntact)
        _ = try await cluster.psql(sql(store.configuration.schema))
        return (store, try await store.verify())
    }

    @Test func anEditedPayloadIsNamedAtItsPosition() async throws {
        let (store, found) = try await Self.tampered {
            "UPDATE \($0).events SET payload = jsonb_set(payload, '{alpha}', '\"forged\"') WHERE position = 4"
        }
        defer { store.close() }
        #expect(found.firstBrokenPosition == 4, "\(found)")
        #expect(found.firstChainBreak?.position == 4)
        #expect(found.faults.contains { $0.kind == .damagedRecord && $0.position == 4 })
        #expect(!found.faults.contains { $0.kind == .damagedRecord && $0.position != 4 }, "\(found)")
    }

    @Test func anEditedCompactPayloadIsNamedAtItsPosition() async throws {
        let (store, found) = try await Self.tampered {
            "UPDATE \($0).events SET payload_compact = '\\x00' WHERE position = 6"
        }
        defer { store.close() }
        #expect(found.firstBrokenPosition == 6, "\(found)")
        #expect(found.firstChainBreak?.position == 6)
    }

    @Test func aDeletedRowIsNamedAtItsPosition() async throws {
        let (store, found) = try await Self.tampered { "DELETE FROM \($0).events WHERE position = 5" }
        defer { store.close() }
        #expect(found.firstBrokenPosition == 5, "\(found)")
        #expect(found.faults.contains { $0.kind == .positionGap && $0.position == 5 })
        #expect(found.firstChainBreak?.position == 6, "the row after the gap no longer follows: \(found)")
    }

    @Test func aBrokenChainColumnIsNamedAtItsPosition() async throws {
        let (store, found) = try await Self.tampered {
            "UPDATE \($0).events SET chain = sha256('forged') WHERE position = 7"
        }
        defer { store.close() }
        #expect(found.firstBrokenPosition == 7, "\(found)")
        #expect(found.firstChainBreak?.position == 7)
        // Row 8 no longer follows from the hash stored before it either.
        #expect(found.faults.contains { $0.kind == .damagedRecord && $0.position == 8 })
    }

    @Test func aHeadRowHashThatDisagreesIsNamed() async throws {
        // The head row's hash is what the next append continues from: one that disagrees is named.
        let (store, found) = try await Self.tampered { "UPDATE \($0).log_head SET chain = sha256('other')" }
        defer { store.close() }
        #expect(found.faults.contains { $0.kind == .inconsistentBookkeeping }, "\(found)")
    }

    @Test func aWrongAnchorIsNamedAtItsPosition() async throws {
        let (store, intact) = try await Self.tampered { "SELECT 1 FROM \($0).log_head" }
        defer { store.close() }
        #expect(intact.isIntact)
        let real = try #require(try await store.storedHistoryAnchor(at: 6))
        let holds = try await LogSoundnessCheck(store: store, expecting: real).run()
        #expect(holds.isIntact, "\(holds)")
        let wrong = HistoryAnchor(position: 6, hash: try #require(HistoryHash(hex: String(repeating: "ab", count: 32))))
        let found = intact.merging(try await LogSoundnessCheck(store: store, expecting: wrong).run())
        #expect(found.firstBrokenPosition == 6, "\(found)")
        #expect(found.faults.map(\.kind) == [.anchorMismatch])
    }
}
