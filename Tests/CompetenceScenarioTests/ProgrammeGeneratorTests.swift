import CompetenceCore
import CompetenceImport
import CompetenceScenario
import Foundation
import Testing

@Suite("Generated programme")
struct ProgrammeGeneratorTests {
    /// A small programme: 30 persons in 6 organisations, 3 groups, 4 competences, 3 waves.
    static var shape: ProgrammeShape {
        var shape = ProgrammeShape(persons: 30)
        shape.personsPerOrganisation = 5
        shape.personsPerFile = 10
        shape.competences = 4
        shape.waves = 3
        shape.trainingsPerGroup = 2
        shape.participationShare = 0.5
        return shape
    }

    @Test func itIsEventForEventTheHistoryTheImportsRecord() async throws {
        let files = ProgrammeFiles(shape: Self.shape)
        let generated = InMemoryEventStore()
        let summary = try await ProgrammeGenerator(files: files).write(into: generated)

        // The same files through the validating import, one `competence import …` at a time.
        let imported = InMemoryEventStore()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("programme-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for entry in files.entries {
            let file = files.file(entry)
            let url = directory.appendingPathComponent(file.name)
            try file.contents.write(to: url)
            _ = try await CSVImporter(store: imported, recordedBy: "analyst")
                .run(ProgrammeGenerator.importKind(file.kind), file: url.path)
        }

        let mine = try await imported.readAll(from: 1, limit: .max, filter: .all).events
        let theirs = try await generated.readAll(from: 1, limit: .max, filter: .all).events
        #expect(summary.events == mine.count)
        #expect(summary.files == files.entries.count)
        #expect(mine.count == theirs.count)
        for (imported, generated) in zip(mine, theirs) {
            #expect(imported.id == generated.id)
            #expect(imported.stream == generated.stream)
            #expect(imported.version == generated.version)
            #expect(imported.position == generated.position)
            #expect(imported.type == generated.type)
            #expect(imported.metadata == generated.metadata)
            #expect(imported.payload == generated.payload)
            // Definitions without a day take the ledger's clock; every other event its own day.
            if try generated.decoded()?.payload.occurredOn != nil {
                #expect(imported.occurredAt == generated.occurredAt)
            }
        }
        let kinds = Set(theirs.map(\.type))
        #expect(
            kinds == [
                OrganisationEnrolled.eventType, CompetenceDefined.eventType, SurveyRoundOpened.eventType,
                PersonRegistered.eventType, SurveyAnswerRecorded.eventType, TrainingProcured.eventType,
                ParticipationRecorded.eventType,
            ])
    }

    @Test func trainedPersonsImproveMoreOften() async throws {
        var shape = ProgrammeShape(persons: 300)
        shape.competences = 10
        let files = ProgrammeFiles(shape: shape)
        let store = InMemoryEventStore()
        try await ProgrammeGenerator(files: files).write(into: store)
        let options = try AnalyticsOptions(today: CalendarDate(year: 2025, month: 12, day: 31)!, minimumGroupSize: 1)
        let effect = try await AnalyticsReports.replay(store, options: options).effect
        let all = effect.rows.filter { $0.population == .all }
        #expect(all.count == 10)
        let trained = all.compactMap(\.trainedChange).reduce(0, +) / Double(all.count)
        let untrained = all.compactMap(\.untrainedChange).reduce(0, +) / Double(all.count)
        #expect(trained > untrained + 0.2)
    }

    @Test func itsSizeFollowsTheEventsAskedFor() async throws {
        let shape = ProgrammeShape.about(events: 10_000)
        let store = InMemoryEventStore()
        let summary = try await ProgrammeGenerator(files: ProgrammeFiles(shape: shape)).write(into: store)
        #expect(abs(summary.events - 10_000) < 500)
        #expect(summary.lastPosition == Int64(summary.events))
    }

    @Test func theNewcomersSurveyHasTheRowsAskedForAndNoKnownPerson() throws {
        let files = ProgrammeFiles(shape: Self.shape)
        let text = String(decoding: files.newcomersSurvey(rows: 40), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 41)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("n") })
    }
}
