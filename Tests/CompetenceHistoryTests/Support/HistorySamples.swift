import CompetenceCore
import CompetenceOutput
import CompetenceScenario
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import CompetenceHistory

/// A clock the test moves: the recorded time of what a store appends next.
final class MovableClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 0))

    /// The current time.
    var read: @Sendable () -> Date { { self.now.withLock { $0 } } }

    /// Sets the clock to noon UTC of `day`.
    func set(_ day: CalendarDate) { now.withLock { $0 = day.startOfDay.addingTimeInterval(12 * 3600) } }
}

/// Histories the tests export, read and append.
enum HistorySamples {
    /// `day("2024-01-10")`.
    static func day(_ text: String) -> CalendarDate {
        guard let day = CalendarDate(text) else { preconditionFailure("\(text) is not a day") }
        return day
    }

    /// The demo scenario recorded into a new in-memory store (payloads `encoding`).
    static func demo(encoding: PayloadEncoding = .json) async throws -> InMemoryEventStore {
        let store = InMemoryEventStore(clock: DemoScenario.clock)
        try await DemoScenario().record(into: store, encoding: encoding)
        return store
    }

    /// The answer that position 6 corrects.
    static let answerID = UUID(uuidString: "00000000-0000-4000-8000-000000000005")!

    /// A small history recorded over several days, for the scopes:
    ///
    /// | position | recorded   | event                                   | occurred   |
    /// |----------|------------|-----------------------------------------|------------|
    /// | 1, 2     | 2024-01-05 | acme enrolled, excel defined            | definitions |
    /// | 3, 4, 5  | 2024-01-10 | p1 registered, round r1 opened, answer  | 2024-01-10 |
    /// | 6, 7     | 2024-02-20 | the answer corrected, training t1       | 2024-02-20, 2024-02-15 |
    /// | 8        | 2024-02-25 | `FutureThing` (a type this build does not know), stream `future-1` | 2024-01-08 |
    static func days() async throws -> InMemoryEventStore {
        let clock = MovableClock()
        let store = InMemoryEventStore(clock: clock.read)
        // The ledger reads the same clock: definitions occur when they are recorded, on whole seconds.
        let ledger = CompetenceLedger(store: store, recordedBy: "tester", clock: clock.read)
        clock.set(day("2024-01-05"))
        try await ledger.record([
            OrganisationEnrolled(
                organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                region: "Päijät-Häme"),
            CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
        ])
        clock.set(day("2024-01-10"))
        try await ledger.record(
            [
                PersonRegistered(person: "p1", organisation: "acme", role: .staff),
                SurveyRoundOpened(
                    round: "r1", kind: .baseline, organisations: ["acme"], competences: ["excel"],
                    opensOn: day("2024-01-10")),
                SurveyAnswerRecorded(
                    round: "r1", respondent: "p1", organisation: "acme", competence: "excel", current: 2, target: 4,
                    answeredOn: day("2024-01-10")),
            ],
            ids: [UUID(), UUID(), answerID],
            metadata: [
                EventMetadata(origin: EventOrigin(source: "baseline.csv", row: 1, contentHash: "ab12")),
                EventMetadata(), EventMetadata(causationID: UUID()),
            ])
        clock.set(day("2024-02-20"))
        try await ledger.record([
            SurveyAnswerCorrected(
                round: "r1", answerEventID: answerID, current: 3, target: 4, correctedOn: day("2024-02-20"),
                reason: PersonalText("typed 2 for 3", about: .person("p1"))),
            TrainingProcured(
                training: "t1", title: "Excel", provider: "Salpaus", kind: .joint, competences: ["excel"],
                costCents: 100_000, hours: 8, procuredOn: day("2024-02-15")),
        ])
        clock.set(day("2024-02-25"))
        _ = try await store.append(
            [unknown(occurredOn: day("2024-01-08"), payload: .json(Data(#"{"what": "later"}"#.utf8)))],
            to: StreamName("future-1"), expecting: .noStream)
        return store
    }

    /// An event of a type this build does not know.
    static func unknown(occurredOn: CalendarDate, payload: EventPayload) -> NewEvent {
        NewEvent(type: "FutureThing", schemaVersion: 3, occurredAt: occurredOn.startOfDay, payload: payload)
    }

    /// Every event of `store`, in order.
    static func events(_ store: any EventStore) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        for try await event in store.events() { events.append(event) }
        return events
    }

    /// Exports `store` in `scope` to `name` in `directory` and returns the file's path and how many lines
    /// were written.
    @discardableResult
    static func export(
        _ store: any EventStore, scope: ReplayScope = .everything, to name: String = "history.ndjson",
        in directory: TemporaryDirectory
    ) async throws -> (path: String, count: Int) {
        let path = directory.path(name)
        let writer = try OutputTarget(path: path).open()
        let outcome = try await HistoryExporter(store: store, scope: scope).export(to: writer)
        try writer.finish()
        return (path, outcome.count)
    }

    /// The events as they should read back from another store: every envelope field, the recorded time to the
    /// microsecond (what the export line keeps).
    static func portable(_ event: RecordedEvent) -> RecordedEvent {
        var event = event
        event.recordedAt = EventTime.date(microseconds: EventTime.microseconds(event.recordedAt))
        event.occurredAt = EventTime.date(microseconds: EventTime.microseconds(event.occurredAt))
        return event
    }
}
