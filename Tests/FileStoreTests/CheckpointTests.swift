import CompetenceCore
import EventStoreConformance
import FileStore
import Foundation
import Testing

@Suite("FileStore checkpoints")
struct FileStoreCheckpointTests {
    @Test func aCheckpointIsAPrivateFileBesideTheSegmentsReplacedWhole() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore(directory: directory.store)
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == nil)

        let first = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0) })
        try await store.saveCheckpoint(first, named: "ledger-recorder")
        let path = directory.store + "/checkpoint-ledger-recorder"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == first)

        // A load keeps seeing the checkpoint it read while a new one replaces it.
        let loaded = try #require(try await store.loadCheckpoint(named: "ledger-recorder"))
        try await store.saveCheckpoint(Data("second".utf8), named: "ledger-recorder")
        #expect(loaded == first)
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == Data("second".utf8))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))

        // Segments and events are untouched; the store opens as before.
        try await store.append([Fixtures.event("a")], to: "s-1", expecting: .any)
        let reopened = try FileEventStore(directory: directory.store, options: FileStoreOptions(access: .readOnly))
        #expect(try await reopened.headPosition() == 1)
        #expect(try await reopened.loadCheckpoint(named: "ledger-recorder") == Data("second".utf8))

        try await store.removeCheckpoint(named: "ledger-recorder")
        try await store.removeCheckpoint(named: "ledger-recorder")
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == nil)
    }

    @Test func aStreamedCheckpointIsWrittenAsItComesAndAFailedOneLeavesTheOldWhole() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore(directory: directory.store)
        let pieces = (0..<5).map { piece in Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 * 7 + piece) }) }
        try await store.saveCheckpoint(named: "ledger-recorder", length: 350_000) { hand in
            for piece in pieces { try piece.withUnsafeBytes { try hand($0) } }
        }
        let path = directory.store + "/checkpoint-ledger-recorder"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == pieces.reduce(Data(), +))

        struct Interrupted: Error {}
        await #expect(throws: Interrupted.self) {
            try await store.saveCheckpoint(named: "ledger-recorder", length: 350_000) { hand in
                try pieces[0].withUnsafeBytes { try hand($0) }
                throw Interrupted()
            }
        }
        await #expect(throws: CheckpointLengthMismatch(name: "ledger-recorder", expected: 350_001, written: 350_000)) {
            try await store.saveCheckpoint(named: "ledger-recorder", length: 350_001) { hand in
                for piece in pieces { try piece.withUnsafeBytes { try hand($0) } }
            }
        }
        #expect(try await store.loadCheckpoint(named: "ledger-recorder") == pieces.reduce(Data(), +))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test func aPartialFileLeftByACrashIsIgnoredAndReplaced() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore(directory: directory.store)
        try await store.saveCheckpoint(Data("whole".utf8), named: "x")
        _ = FileManager.default.createFile(
            atPath: directory.store + "/checkpoint-x.partial", contents: Data("torn".utf8),
            attributes: [.posixPermissions: 0o600])
        #expect(try await store.loadCheckpoint(named: "x") == Data("whole".utf8))
        try await store.saveCheckpoint(Data("new".utf8), named: "x")
        #expect(try await store.loadCheckpoint(named: "x") == Data("new".utf8))
    }

    @Test func aReadOnlyStoreLoadsButDoesNotSaveAndNamesAreChecked() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let writer = try FileEventStore(directory: directory.store)
        try await writer.saveCheckpoint(Data([7]), named: "x")
        let reader = try FileEventStore(directory: directory.store, options: FileStoreOptions(access: .readOnly))
        #expect(try await reader.loadCheckpoint(named: "x") == Data([7]))
        await #expect(throws: FileStoreError.self) { try await reader.saveCheckpoint(Data([8]), named: "x") }
        await #expect(throws: FileStoreError.self) { try await reader.removeCheckpoint(named: "x") }
        for name in ["../../etc/passwd", "x/y", "X", ""] {
            await #expect(throws: InvalidCheckpointName.self) { try await writer.saveCheckpoint(Data(), named: name) }
        }
        #expect(try await writer.loadCheckpoint(named: "x") == Data([7]))
    }

    @Test func aLedgerOverTheStoreStartsFromItsSnapshotAfterReopening() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let answers = (0..<30).map { index in
            SurveyAnswerRecorded(
                round: "r1", respondent: PersonID("p\(index % 10)"), organisation: "acme",
                competence: CompetenceID(["excel", "lean", "safety"][index / 10]), current: index % 5 + 1,
                answeredOn: CalendarDate(year: 2024, month: 3, day: 1)!)
        }
        let setUp: [any LedgerEvent] =
            [
                CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
                CompetenceDefined(competence: "lean", name: "Lean", category: "production", scale: .standard),
                CompetenceDefined(competence: "safety", name: "Safety", category: "production", scale: .standard),
                OrganisationEnrolled(
                    organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                    region: "Päijät-Häme"),
                SurveyRoundOpened(
                    round: "r1", kind: .baseline, organisations: ["acme"], competences: ["excel", "lean", "safety"],
                    opensOn: CalendarDate(year: 2024, month: 2, day: 1)!),
            ] + (0..<10).map { PersonRegistered(person: PersonID("p\($0)"), organisation: "acme", role: .staff) }
        do {
            let store = try FileEventStore(directory: directory.store)
            let ledger = CompetenceLedger(store: store, checkpoints: store, checkpointInterval: 1)
            try await ledger.record(setUp + answers)
        }
        let store = try FileEventStore(directory: directory.store)
        let ledger = CompetenceLedger(store: store, checkpoints: store)
        let state = try await ledger.state()
        #expect(await ledger.snapshotUse == .snapshot(position: Int64(setUp.count + answers.count)))
        let full = try await CompetenceLedger(store: store).state()
        #expect(state.answers == full.answers)
        #expect(state.persons == full.persons)
        #expect(state.rounds == full.rounds)
        #expect(state.competences == full.competences)
        #expect(state.organisations == full.organisations)
        #expect(state.timelines == full.timelines)
        #expect(state.fingerprint == full.fingerprint)
        #expect(state.lastPosition == full.lastPosition)
        #expect(state.eventCount == full.eventCount)
        #expect(state == full)
        await #expect(throws: LedgerValidationError.self) { try await ledger.record(answers[0]) }

        // The restored state reads the mapped file in place (SnapshotBytes): corrections and voidings of
        // answers it holds change the state, never the file.
        let path = directory.store + "/checkpoint-" + CompetenceLedger.checkpointName
        let fileBefore = try Data(contentsOf: URL(fileURLWithPath: path))
        let recorded = try await Fixtures.readAll(store).filter { $0.type == SurveyAnswerRecorded.eventType }
        try await ledger.record([
            SurveyAnswerCorrected(
                round: "r1", answerEventID: recorded[3].id, current: 1,
                correctedOn: CalendarDate(year: 2024, month: 3, day: 2)!,
                reason: PersonalText("typo", about: .person("p3"))),
            EventVoided(
                voidedEventID: recorded[17].id, voidedStream: recorded[17].stream,
                voidedOn: CalendarDate(year: 2024, month: 3, day: 2)!, reason: "recorded twice"),
        ])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == fileBefore, "no snapshot was due: file as it was")
        #expect(try await ledger.state() == (try await CompetenceLedger(store: store).state()))
        #expect(try await ledger.state().answers[eventID: recorded[3].id]?.event.current == 1)
    }

    /// The conformance check "a report starts from the ledger's snapshot", with the store reopened read-only in
    /// between, as `competence report` opens it.
    @Test func aReportStartsFromTheSnapshotOfTheStoreOpenedReadOnly() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let recorded = try #require(
            try await EventStoreConformance.recordSnapshottedHistory(into: FileEventStore(directory: directory.store)))
        let store = try FileEventStore(directory: directory.store, options: FileStoreOptions(access: .readOnly))
        try await EventStoreConformance.checkReportStartsFromTheSnapshot(store, recorded)
    }
}
