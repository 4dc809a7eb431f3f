import CompetenceCore
import Foundation
import Synchronization

// `day("YYYY-MM-DD")` comes from Support/LedgerFixture.swift (the ledger's tests define the same helper).

/// A clock tests set to the day an event is recorded (noon UTC).
final class TestClock: Sendable {
    private let now = Mutex(CalendarDate(year: 2025, month: 1, day: 1)!.startOfDay.addingTimeInterval(43_200))

    func set(_ day: CalendarDate) { now.withLock { $0 = day.startOfDay.addingTimeInterval(43_200) } }
    func read() -> Date { now.withLock { $0 } }
}

/// Builds a ledger by appending events to an in-memory store (no recorder, no validation), then replays it.
struct AnalyticsFixture {
    let clock = TestClock()
    let store: InMemoryEventStore

    init() {
        let clock = self.clock
        store = InMemoryEventStore(clock: { clock.read() })
    }

    /// Appends one event, recorded on `recordedOn` when given (else on the last day set); returns its id.
    @discardableResult
    func record(_ event: some LedgerEvent, recordedOn: CalendarDate? = nil) async throws -> UUID {
        if let recordedOn { clock.set(recordedOn) }
        let proposed = try await event.proposed(now: clock.read(), sealingWith: store.subjectKeys)
        _ = try await store.append([proposed], to: event.stream, expecting: .any)
        return proposed.id
    }

    /// The folded ledger in `scope`.
    func state(_ scope: ReplayScope = .everything) async throws -> LedgerState {
        try await ProjectionRunner(store: store).replay(LedgerModel(), scope: scope).state
    }

    /// Every report in `scope`.
    func reports(
        _ scope: ReplayScope = .everything, today: CalendarDate = day("2024-12-31"), minimumGroupSize: Int = 5
    ) async throws -> AnalyticsReports {
        try await AnalyticsReports.replay(
            store, scope: scope, options: AnalyticsOptions(today: today, minimumGroupSize: minimumGroupSize))
    }

    // MARK: Shorthands for common events

    func enrol(
        _ id: OrganisationID, region: String = "Päijät-Häme", kind: OrganisationKind = .enterprise,
        size: SizeClass = .small
    ) async throws {
        try await record(
            OrganisationEnrolled(
                organisation: id, name: "Org \(id)", kind: kind, sector: "metal industry", sizeClass: size,
                region: region))
    }

    func define(_ id: CompetenceID) async throws {
        try await record(CompetenceDefined(competence: id, name: id.rawValue, category: "skills", scale: .standard))
    }

    func register(_ person: PersonID, in organisation: OrganisationID) async throws {
        try await record(PersonRegistered(person: person, organisation: organisation, role: .staff))
    }

    @discardableResult
    func answer(
        _ person: String, of organisation: OrganisationID, in round: RoundID, _ competence: CompetenceID, current: Int,
        target: Int? = nil, importance: Int? = nil, on answered: String
    ) async throws -> UUID {
        try await record(
            SurveyAnswerRecorded(
                round: round, respondent: PersonID(person), organisation: organisation, competence: competence,
                current: current,
                target: target, importance: importance, answeredOn: day(answered)))
    }
}

extension ReportTable {
    /// The row whose first cells are `key` (e.g. `["E", "excel"]`), as a column → cell dictionary.
    func row(_ key: String...) -> [String: String]? {
        rows.first { Array($0.prefix(key.count)) == key }.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
    }
}
