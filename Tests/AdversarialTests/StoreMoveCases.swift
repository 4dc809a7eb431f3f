import CompetenceCore
import CompetenceHistory
import CompetenceImport
import CompetenceOutput
import CompetenceReports
import CompetenceStores
import FileStore
import Foundation
import Synchronization
import TestSupport
import Testing

extension AdversarialTests.MovedHistories {
    /// A clock the test moves: the recorded time of what a store appends next.
    private final class Clock: Sendable {
        private let now = Mutex(Date(timeIntervalSince1970: 0))
        var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
        func set(_ text: String) { now.withLock { $0 = EventTime.parse(text)! } }
    }

    /// Every report but the timeline, as CSV, as the ledger knew it at the end of `day`.
    private func reports(_ store: any EventStore, asOf day: String) async throws -> [String] {
        let options = try AnalyticsOptions(today: CalendarDate("2024-12-31")!, minimumGroupSize: 1)
        let reports = try await AnalyticsReports.replay(store, scope: .asOf(CalendarDate(day)!), options: options)
        return try ReportName.allCases.filter { $0 != .timeline && $0 != .trace }.map { name in
            CSVRenderer.render(try ReportDocument(name: name, reports: reports, organisation: nil).primaryTable)
        }
    }

    /// `store` exported to `name`, then imported into `target`.
    private func move(
        _ store: any EventStore, to target: any EventStore, via name: String, in directory: TemporaryDirectory
    ) async throws -> HistoryAnchor {
        let path = directory.path(name)
        let writer = try OutputTarget(path: path).open()
        let exported = try await HistoryExporter(store: store, scope: .everything).export(to: writer)
        try writer.finish()
        let file = try HistoryReader(path: path).read()
        #expect(file.chain == .verified(exported.head))
        _ = try await HistoryAppender(store: target, file: path).append(file)
        return exported.head
    }

    @Test("file → PostgreSQL → file keeps every envelope field: --as-of reports and the history chain are the same")
    func fileToPostgresToFile() async throws {
        let directory = try TemporaryDirectory("competence-adversarial")
        try ProgrammeFiles.write(into: directory)
        let clock = Clock()
        let source = try FileEventStore(
            directory: directory.path("source.store"), options: FileStoreOptions(clock: clock.read))
        let importer = CompetenceImport.CSVImporter(store: source, recordedBy: "analyst")
        clock.set("2024-01-05T09:00:00.123456Z")
        _ = try await importer.run(CompetenceImport.OrganisationsImport(), file: directory.path("organisations.csv"))
        _ = try await importer.run(
            CompetenceImport.CompetenceDefinitionsImport(), file: directory.path("competences.csv"))
        clock.set("2024-01-15T16:30:00.654321Z")
        _ = try await importer.run(
            CompetenceImport.SurveyImport(round: "2024-baseline", roundKind: .baseline, mapping: nil),
            file: directory.path("baseline.csv"))
        clock.set("2024-09-20T08:00:00.000001Z")
        _ = try await importer.run(
            CompetenceImport.SurveyImport(round: "2024-follow-up", roundKind: .followUp, mapping: nil),
            file: directory.path("followup.csv"))
        _ = try await importer.run(CompetenceImport.TrainingsImport(), file: directory.path("trainings.csv"))
        clock.set("2024-10-01T12:00:00Z")
        _ = try await importer.run(CompetenceImport.ParticipationImport(), file: directory.path("participation.csv"))

        let cluster = try await TestCluster.shared()
        let schema = "move_\(UUID().uuidString.prefix(8).lowercased())"
        let location = StoreLocation(
            parsing: cluster.url + (cluster.url.contains("?") ? "&" : "?") + "schema=\(schema)")
        let postgres = try StoreOpener(location: location).open(for: .write)
        let back = try FileEventStore(directory: directory.path("back.store"))

        let sourceHead = try await move(source, to: postgres, via: "out.ndjson", in: directory)
        let postgresHead = try await move(postgres, to: back, via: "again.ndjson", in: directory)
        #expect(postgresHead == sourceHead, "the chain is the same after the move to PostgreSQL")
        for store in [source, postgres, back] as [any EventStore] {
            #expect(try await LogSoundnessCheck(store: store, expecting: sourceHead).run().isIntact)
        }
        for day in ["2024-01-05", "2024-01-15", "2024-09-20", "2024-10-01"] {
            let original = try await reports(source, asOf: day)
            #expect(try await reports(postgres, asOf: day) == original, "as of \(day) on PostgreSQL")
            #expect(try await reports(back, asOf: day) == original, "as of \(day) back in a file store")
        }
        #expect(try await reports(source, asOf: "2024-01-15") != (try await reports(source, asOf: "2024-10-01")))
        let times = { (store: any EventStore) in
            try await Workspace.events(store).map { EventTime.format($0.recordedAt) }
        }
        #expect(try await times(back) == (try await times(source)))
        #expect(try await times(postgres) == (try await times(source)))
    }
}
