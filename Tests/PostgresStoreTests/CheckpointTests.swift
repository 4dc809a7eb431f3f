import CompetenceCore
import Foundation
import Testing

@testable import PostgresStore

@Suite("PostgresStore checkpoints (real server)", .timeLimit(.minutes(5)))
struct PostgresCheckpointTests {
    @Test func checkpointsAreSavedInPartsReplacedWholeAndRemoved() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        // No table yet: nothing to load, nothing to remove.
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == nil)
        try await store.removeCheckpoint(named: "ledger-recorder")

        let blob = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try await store.saveCheckpoint(blob, named: "ledger-recorder", partSize: 1_000)
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == blob)

        // A shorter one replaces every part of the longer one.
        try await store.saveCheckpoint(Data("short".utf8), named: "ledger-recorder", partSize: 1_000)
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == Data("short".utf8))
        try await store.saveCheckpoint(Data(), named: "other")
        #expect(try await store.loadCheckpoint(named: "other") == Data())

        try await store.removeCheckpoint(named: "ledger-recorder")
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == nil)
        #expect(try await store.loadCheckpoint(named: "other") == Data())
        await #expect(throws: InvalidCheckpointName.self) { try await store.saveCheckpoint(Data(), named: "a;b") }
    }

    @Test func aLedgerOverTheStoreStartsFromItsSnapshot() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        let setUp: [any LedgerEvent] = [
            CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
            OrganisationEnrolled(
                organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                region: "Päijät-Häme"),
            PersonRegistered(person: "p1", organisation: "acme", role: .staff),
            SurveyRoundOpened(
                round: "r1", kind: .baseline, organisations: ["acme"], competences: ["excel"],
                opensOn: CalendarDate(year: 2024, month: 2, day: 1)!),
            SurveyAnswerRecorded(
                round: "r1", respondent: "p1", organisation: "acme", competence: "excel", current: 2,
                answeredOn: CalendarDate(year: 2024, month: 3, day: 1)!),
        ]
        try await CompetenceLedger(store: store, checkpoints: store, checkpointInterval: 1).record(setUp)
        let ledger = CompetenceLedger(store: store, checkpoints: store)
        let state = try await ledger.state()
        #expect(await ledger.snapshotUse == .snapshot(position: 5))
        #expect(state == (try await CompetenceLedger(store: store).state()))
    }
}
