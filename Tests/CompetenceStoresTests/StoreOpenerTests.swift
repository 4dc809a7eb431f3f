import CompetenceCore
import CompetenceStores
import FileStore
import Foundation
import TestSupport
import Testing

/// Opening and verifying stores by location: reading never creates a store, a missing one is a typed error,
/// and verification names the faults of a damaged file store and of a tampered PostgreSQL schema.
@Suite("Store opening and verification", .timeLimit(.minutes(5)))
struct StoreOpenerTests {
    /// Records a few events into `store`: 5 events, each in its own stream.
    private func record(into store: any EventStore) async throws {
        let ledger = CompetenceLedger(store: store)
        let definitions: [any LedgerEvent] = [
            OrganisationEnrolled(
                organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                region: "Päijät-Häme"),
            CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
            CompetenceDefined(competence: "lean", name: "Lean", category: "production", scale: .standard),
        ]
        try await ledger.record(definitions)
        let persons: [any LedgerEvent] = [
            PersonRegistered(person: "p1", organisation: "acme", role: .staff),
            PersonRegistered(person: "p2", organisation: "acme", role: .manager),
        ]
        try await ledger.record(persons)
    }

    @Test("reading a file store that does not exist is a typed error, and creates nothing")
    func missingForRead() throws {
        let directory = try TemporaryDirectory("competence-stores")
        let path = directory.path("none.store")
        let opener = StoreOpener(location: .file(path: path))
        let error = try #require(throws: StoreOpeningError.self) { try opener.open(for: .read) }
        guard case .storeNotFound(let location) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(location == "file:\(path)")
        #expect(error.description.hasPrefix("no event store at file:\(path); import data into it first"))
        #expect(!FileManager.default.fileExists(atPath: path))
        // A file where a store should be is not a store either.
        try directory.write("plain.txt", "not a store")
        #expect(throws: StoreOpeningError.self) {
            try StoreOpener(location: .file(path: directory.path("plain.txt"))).open(for: .read)
        }
    }

    @Test("writing creates the file store; reading it afterwards sees what was written")
    func writeThenRead() async throws {
        let directory = try TemporaryDirectory("competence-stores")
        let location = StoreLocation.file(path: directory.path("new.store"))
        let store = try StoreOpener(location: location).open(for: .write)
        #expect(store is FileEventStore)
        try await record(into: store)
        let reader = try StoreOpener(location: location).open(for: .read)
        #expect(try await reader.headPosition() == 5)
    }

    @Test("memory: is a new empty store each time")
    func memory() async throws {
        let first = try StoreOpener(location: .memory).open(for: .write)
        #expect(first is InMemoryEventStore)
        try await record(into: first)
        #expect(try await StoreOpener(location: .memory).open(for: .read).headPosition() == 0)
        let verification = try await StoreOpener(location: .memory).verify()
        #expect(verification.isIntact && verification.records == 0)
    }

    @Test("a PostgreSQL location that cannot be used names the store without its password")
    func unusablePostgres() throws {
        let opener = StoreOpener(
            location: StoreLocation(parsing: "postgres://u:secret@127.0.0.1:1/db?schema=no-such;"))
        let error = try #require(throws: StoreOpeningError.self) { try opener.open(for: .read) }
        guard case .unsupportedStore(let location, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(location == "postgres://u:***@127.0.0.1:1/db?schema=no-such;")
        #expect(!error.description.contains("secret"))
    }

    @Test("verify: a sound file store passes its storage checks and the read-back check")
    func soundFileStore() async throws {
        let directory = try TemporaryDirectory("competence-stores")
        let location = StoreLocation.file(path: directory.path("sound.store"))
        try await record(into: try StoreOpener(location: location).open(for: .write))
        let verification = try await StoreOpener(location: location).verify()
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.records == 5)
        #expect(verification.checks.count == 3)
        #expect(verification.checks.first?.hasPrefix("5 records in 1 segments; head hash ") == true)
        #expect(verification.checks[1] == "5 events in 5 streams read back in order")
        let head = try #require(verification.historyHead)
        #expect(head.position == 5 && verification.checks.last == "history chain head \(head)")
        #expect(verification.headHash?.count == 64)
    }

    @Test("verify: a flipped byte in a segment is a fault naming the segment file; verify changes nothing")
    func damagedFileStore() async throws {
        let directory = try TemporaryDirectory("competence-stores")
        let path = directory.path("damaged.store")
        try await record(into: try StoreOpener(location: .file(path: path)).open(for: .write))
        let segments = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".segment") }
        let segment = try #require(segments.sorted().first)
        let url = URL(fileURLWithPath: path + "/" + segment)
        var bytes = try Data(contentsOf: url)
        #expect(bytes.count > 200)
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: url)
        let verification = try await StoreOpener(location: .file(path: path)).verify()
        #expect(!verification.isIntact)
        let fault = try #require(verification.faults.first)
        #expect(fault.kind == .damagedRecord)
        #expect(fault.description.contains(segment), "\(fault)")
        // Verifying reads only: the damaged bytes are still there.
        #expect(try Data(contentsOf: url) == bytes)
    }

    @Test("verify: a missing store is a typed error")
    func verifyMissing() async throws {
        let directory = try TemporaryDirectory("competence-stores")
        await #expect(throws: StoreOpeningError.self) {
            try await StoreOpener(location: .file(path: directory.path("none.store"))).verify()
        }
        #expect(try directory.contents().isEmpty)
    }

    @Test("verify on PostgreSQL: sound, then each hand-made fault is named (a deleted event, a moved head)")
    func postgres() async throws {
        let cluster = try await TestCluster.shared()
        let schema = "stores_\(UUID().uuidString.prefix(8).lowercased())"
        let location = StoreLocation(
            parsing: cluster.url + (cluster.url.contains("?") ? "&" : "?") + "schema=\(schema)")
        try await record(into: try StoreOpener(location: location).open(for: .write))
        let sound = try await StoreOpener(location: location).verify()
        #expect(sound.isIntact, "\(sound)")
        let head = try #require(sound.historyHead)
        #expect(
            sound.checks == [
                "head, stream versions and constraints: consistent",
                "5 rows, each with its history-chain hash: every hash follows from its row and the one before; "
                    + "head hash \(head.hash)",
                "5 events in 5 streams read back in order", "history chain head \(head)",
            ])
        #expect(sound.headHash == head.hash.description, "the chain PostgreSQL stored is the history's")

        _ = try await cluster.psql("DELETE FROM \(schema).events WHERE position = 3")
        let deleted = try await StoreOpener(location: location).verify()
        #expect(!deleted.isIntact)
        // The bookkeeping, the gap and the stored chain each name it; the first broken position is the row's.
        #expect(
            Set(deleted.faults.map(\.kind)) == [.inconsistentBookkeeping, .positionGap, .damagedRecord, .brokenChain])
        #expect(deleted.firstBrokenPosition == 3 && deleted.firstChainBreak?.position == 4, "\(deleted)")
        #expect(
            deleted.faults.contains {
                $0.detail.contains("the head position is 5, the last event is at 5, and there are 4 events")
            }, "\(deleted)")
        #expect(deleted.faults.contains { $0.detail.contains("recorded version") }, "\(deleted)")

        _ = try await cluster.psql("UPDATE \(schema).log_head SET position = 9")
        let moved = try await StoreOpener(location: location).verify()
        #expect(moved.faults.contains { $0.detail.contains("the head position is 9") }, "\(moved)")
    }
}
