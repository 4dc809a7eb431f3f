import CompetenceCore
import CompetenceOutput
import FileStore
import Foundation
import PostgresStore
import TestSupport
import Testing

@testable import CompetenceHistory

/// A history moved file → PostgreSQL → file through `export` and `import events` keeps its head: `verify`'s
/// history head is the same on all three stores, and PostgreSQL stores that same chain with its rows.
@Suite("history moved through PostgreSQL keeps its head", .timeLimit(.minutes(10)))
struct HistoryMoveTests {
    /// Recorded times with sub-millisecond parts (and one below a microsecond, which every store rounds alike).
    static let times = [1_706_000_000.123_456, 1_706_000_001.000_001, 1_706_000_002.999_999_6, 1_706_000_003.5]

    /// A file store holding JSON (from the ledger, with personal text sealed) and compact payloads.
    static func source(in directory: TemporaryDirectory) async throws -> FileEventStore {
        let store = try FileEventStore(directory: directory.path("source.store"))
        // The store stamps its own clock: times with sub-millisecond parts.
        let ledger = CompetenceLedger(store: store, recordedBy: "mover")
        let day = CalendarDate("2024-01-10")!
        try await ledger.record([
            OrganisationEnrolled(
                organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                region: "Päijät-Häme"),
            CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
            PersonRegistered(person: "p1", organisation: "acme", role: .staff),
            SurveyRoundOpened(
                round: "r1", kind: .baseline, organisations: ["acme"], competences: ["excel"], opensOn: day),
        ])
        let answer = UUID()
        try await ledger.record(
            [
                SurveyAnswerRecorded(
                    round: "r1", respondent: "p1", organisation: "acme", competence: "excel", current: 2, target: 4,
                    answeredOn: day)
            ], ids: [answer])
        try await ledger.record([
            SurveyAnswerCorrected(
                round: "r1", answerEventID: answer, current: 3, target: 4, correctedOn: day,
                reason: PersonalText("Maija typed 2 for 3", about: .person("p1")))
        ])
        // Compact payloads, with given recorded times below the millisecond.
        try await store.append(
            (0..<3).map { index in
                NewEvent(
                    type: "PackedNote", occurredAt: Date(timeIntervalSince1970: times[index]),
                    payload: EventPayload(encoding: .compact, bytes: Data([0xFF, 0, UInt8(index)])),
                    recordedAt: Date(timeIntervalSince1970: times[index] + 0.000_000_3))
            }, to: "packed-1", expecting: .noStream)
        return store
    }

    @Test func fileToPostgresToFileKeepsTheHead() async throws {
        let directory = try TemporaryDirectory("competence-move")
        let source = try await Self.source(in: directory)
        let sourceHead = try #require(try await LogSoundnessCheck(store: source).run().historyHead)
        #expect(sourceHead.position == 9)
        let (exported, count) = try await HistorySamples.export(source, to: "from-file.ndjson", in: directory)
        #expect(count == 9)

        let cluster = try await TestCluster.shared()
        let schema = "move_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let postgres = try PostgresEventStore(
            configuration: PostgresConfiguration(connectionString: cluster.url, schema: schema))
        defer { postgres.close() }
        _ = try await HistoryAppender(store: postgres, file: exported, allowsUnknownTypes: true)
            .append(try HistoryReader(path: exported).read())
        let storage = try await postgres.verify()
        let postgresHead = try await LogSoundnessCheck(store: postgres).run().historyHead
        #expect(storage.isIntact, "\(storage)")
        #expect(postgresHead == sourceHead)
        #expect(storage.headHash == sourceHead.hash.description, "the chain PostgreSQL stored is the history's")
        #expect(try await postgres.storedHistoryAnchor(at: 9) == sourceHead)

        let (back, _) = try await HistorySamples.export(postgres, to: "from-postgres.ndjson", in: directory)
        let returned = try FileEventStore(directory: directory.path("back.store"))
        _ = try await HistoryAppender(store: returned, file: back, allowsUnknownTypes: true)
            .append(try HistoryReader(path: back).read())
        let returnedHead = try await LogSoundnessCheck(store: returned).run().historyHead
        #expect(returnedHead == sourceHead)
        #expect(try FileEventStore.verify(directory: directory.path("back.store")).isIntact)
        // The sealed text moved as ciphertext: the exports hold no plaintext.
        for path in [exported, back] {
            #expect(try !String(contentsOfFile: path, encoding: .utf8).contains("Maija"))
        }
    }
}
