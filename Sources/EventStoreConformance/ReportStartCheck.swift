import CompetenceCore
import Foundation

extension Checks {
    /// A store that keeps checkpoints (``CheckpointStore``) gives a report that starts from the ledger's snapshot
    /// the same provenance and figures as a replay of the whole log, the events after the snapshot read from the
    /// log: its checkpoint comes back whole, and its history checks the snapshot's key.
    static func reportStartsFromTheSnapshot(_ store: any EventStore) async throws {
        guard let recorded = try await EventStoreConformance.recordSnapshottedHistory(into: store) else { return }
        try await EventStoreConformance.checkReportStartsFromTheSnapshot(store, recorded)
    }
}

extension EventStoreConformance {
    /// A short programme recorded by a ``CompetenceLedger`` that keeps its snapshot in the store, then answers
    /// recorded after the snapshot: where the snapshot is, and how many events there are. `nil` for a store that
    /// keeps no checkpoints.
    public static func recordSnapshottedHistory(
        into store: any EventStore
    ) async throws -> (snapshot: Int64, events: Int)? {
        guard let checkpoints = store as? any CheckpointStore else { return nil }
        let setUp: [any LedgerEvent] =
            [
                CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
                OrganisationEnrolled(
                    organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                    region: "Päijät-Häme"),
                SurveyRoundOpened(
                    round: "r1", kind: .baseline, organisations: ["acme"], competences: ["excel"],
                    opensOn: CalendarDate(year: 2024, month: 2, day: 1)!),
            ] + (0..<8).map { PersonRegistered(person: PersonID("p\($0)"), organisation: "acme", role: .staff) }
        let answers = (0..<8).map { index in
            SurveyAnswerRecorded(
                round: "r1", respondent: PersonID("p\(index)"), organisation: "acme", competence: "excel",
                current: index % 5 + 1, answeredOn: CalendarDate(year: 2024, month: 3, day: 1)!)
        }
        try await CompetenceLedger(store: store, checkpoints: checkpoints, checkpointInterval: 1).record(setUp)
        try await CompetenceLedger(store: store).record(answers)
        return (Int64(setUp.count), setUp.count + answers.count)
    }

    /// Checks that a report of `store`, holding ``recordSnapshottedHistory(into:)``'s history, starts from its
    /// snapshot and equals a report of the whole log.
    public static func checkReportStartsFromTheSnapshot(
        _ store: any EventStore, _ recorded: (snapshot: Int64, events: Int)
    ) async throws {
        let options = try AnalyticsOptions(today: CalendarDate(year: 2024, month: 12, day: 31)!, minimumGroupSize: 1)
        let reports = try await AnalyticsReports.replay(store, options: options)
        let whole = try await AnalyticsReports.replay(store, options: options, startingFromSnapshot: false)
        try await require(
            reports.startedFrom == .snapshot(position: recorded.snapshot),
            "the report started from \(reports.startedFrom), not the snapshot at \(recorded.snapshot)")
        try await require(reports.provenance == whole.provenance, "the provenance is that of the whole log")
        try await require(reports.provenance.eventCount == recorded.events, "every event is folded")
        try await require(reports.matrix == whole.matrix, "the matrix is that of the whole log")
    }
}
