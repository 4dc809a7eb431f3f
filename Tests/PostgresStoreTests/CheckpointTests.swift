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

    @Test func aReportStartsFromTheLedgersSnapshot() async throws {
        let store = try await TestStores.make()
        defer { store.close() }
        let setUp: [any LedgerEvent] = [
            CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
            OrganisationEnrolled(
                organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                region: "Päijät-Häme"),
            SurveyRoundOpened(
                round: "r1", kind: .baseline, organisations: ["acme"], competences: ["excel"],
                opensOn: CalendarDate(year: 2024, month: 2, day: 1)!),
        ]
        let persons = (0..<8).map { PersonRegistered(person: PersonID("p\($0)"), organisation: "acme", role: .staff) }
        let answers = (0..<8).map { index in
            SurveyAnswerRecorded(
                round: "r1", respondent: PersonID("p\(index)"), organisation: "acme", competence: "excel",
                current: index % 5 + 1, answeredOn: CalendarDate(year: 2024, month: 3, day: 1)!)
        }
        try await CompetenceLedger(store: store, checkpoints: store, checkpointInterval: 1).record(setUp + persons)
        // Recorded after the snapshot: the report reads them from the log.
        try await CompetenceLedger(store: store).record(answers)
        let options = try AnalyticsOptions(today: CalendarDate(year: 2024, month: 12, day: 31)!, minimumGroupSize: 1)
        let reports = try await AnalyticsReports.replay(store, options: options)
        let whole = try await AnalyticsReports.replay(store, options: options, startingFromSnapshot: false)
        #expect(reports.startedFrom == .snapshot(position: Int64(setUp.count + persons.count)))
        #expect(reports.provenance == whole.provenance)
        #expect(reports.provenance.eventCount == setUp.count + persons.count + answers.count)
        #expect(reports.matrix == whole.matrix)
    }
}
