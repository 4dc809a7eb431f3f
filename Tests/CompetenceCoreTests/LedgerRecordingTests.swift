import Foundation
import Testing

@testable import CompetenceCore

/// An event type outside the catalogue.
private struct NotCatalogued: LedgerEvent {
    static let eventType = "NotCatalogued"
    var stream: StreamName { "other-1" }
    var occurredOn: CalendarDate? { nil }
}

@Suite("Recording: idempotency, receipts and malformed calls")
struct LedgerRecordingTests {
    @Test func repeatingACallAppendsNothingAndReturnsTheFirstPlaces() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        let answers = [LedgerFixture.answer(), LedgerFixture.answer { $0.competence = "lean" }]
        let ids = [fixedID(50), fixedID(51)]
        let first = try await ledger.record(answers, ids: ids)
        let head = try await store.headPosition()
        #expect(!first.alreadyRecorded)
        #expect(first.lastPosition == head)

        // The same call again (a re-import): no validation error for the duplicates, nothing appended.
        let again = try await ledger.record(answers, ids: ids)
        #expect(again.alreadyRecorded)
        #expect(again.lastPosition == first.lastPosition)
        #expect(again.results.map(\.events) == first.results.map(\.events))
        #expect(try await store.headPosition() == head)

        // A fresh ledger over the same store recognises them as well, from what it catches up.
        let other = CompetenceLedger(store: store, clock: LedgerFixture.clock)
        #expect(try await other.record(answers, ids: ids).alreadyRecorded)
        #expect(try await store.headPosition() == head)
    }

    @Test func aCallWithSomeRecordedIDsIsRefused() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        try await ledger.record(LedgerFixture.answer(), id: fixedID(50))
        let head = try await store.headPosition()
        await #expect(throws: RecordingError.partiallyRecorded(recorded: [fixedID(50)], new: [fixedID(51)])) {
            try await ledger.record(
                [LedgerFixture.answer(), LedgerFixture.answer { $0.competence = "lean" }],
                ids: [fixedID(50), fixedID(51)])
        }
        #expect(try await store.headPosition() == head)
    }

    @Test func malformedCallsAreRefused() async throws {
        let (store, ledger) = try await LedgerFixture.make()
        let head = try await store.headPosition()
        await #expect(throws: RecordingError.noEvents) { try await ledger.record([]) }
        await #expect(throws: RecordingError.countMismatch(argument: "ids", expected: 1, actual: 2)) {
            try await ledger.record([LedgerFixture.answer()], ids: [fixedID(1), fixedID(2)])
        }
        await #expect(throws: RecordingError.countMismatch(argument: "metadata", expected: 1, actual: 0)) {
            try await ledger.record([LedgerFixture.answer()], metadata: [])
        }
        await #expect(throws: RecordingError.duplicateEventID(fixedID(60))) {
            try await ledger.record(
                [LedgerFixture.answer(), LedgerFixture.answer { $0.competence = "lean" }],
                ids: [fixedID(60), fixedID(60)])
        }
        await #expect(throws: RecordingError.notInCatalogue(eventIndex: 1, type: "NotCatalogued")) {
            try await ledger.record([LedgerFixture.answer(), NotCatalogued()])
        }
        #expect(try await store.headPosition() == head)
    }

    @Test(arguments: PayloadEncoding.allCases)
    func metadataAndEncodingAreApplied(_ encoding: PayloadEncoding) async throws {
        let store = InMemoryEventStore()
        let ledger = CompetenceLedger(
            store: store, encoding: encoding, recordedBy: "coordinator", clock: LedgerFixture.clock)
        let origin = EventOrigin(source: "orgs.csv", row: 2)
        try await ledger.record(
            [
                ProgrammeSetUp(
                    programme: "lossi", name: "LOSSI", startsOn: day("2023-01-01"), endsOn: day("2024-12-31")),
                OrganisationEnrolled(
                    organisation: "acme", name: "Acme", kind: .enterprise, sector: "metal", sizeClass: .small,
                    region: "PH"),
            ], ids: [fixedID(70), fixedID(71)],
            metadata: [.none, EventMetadata(recordedBy: "importer", origin: origin)])
        let events = try await allEvents(store)
        #expect(events.map(\.payload.encoding) == [encoding, encoding])
        #expect(events.map(\.metadata.recordedBy) == ["coordinator", "importer"])
        #expect(events.map(\.metadata.correlationID) == [fixedID(70), fixedID(70)])
        #expect(events[1].metadata.origin == origin)
        #expect(events[0].occurredAt == day("2023-01-01").startOfDay)
        #expect(try await ledger.state().organisations["acme"] != nil)
    }
}

@Suite("Recording: concurrent recorders")
struct ConcurrentRecordingTests {
    /// Recording the fixture into `store` through a ledger of its own.
    private func prepare(_ store: any EventStore) async throws {
        try await CompetenceLedger(store: store, clock: LedgerFixture.clock)
            .record(LedgerFixture.setUp, ids: LedgerFixture.setUpIDs)
    }

    /// Ledger A validates against the state it caught up; ledger B records into the same round stream inside
    /// A's append, just before it reaches the store.
    private func recordWithConcurrentWrite(
        _ event: some LedgerEvent, concurrently other: some LedgerEvent
    ) async throws -> (InterleavingStore, CompetenceLedger, Result<RecordingReceipt, any Error>) {
        let store = InterleavingStore()
        try await prepare(store)
        let ledgerA = CompetenceLedger(store: store, clock: LedgerFixture.clock)
        let ledgerB = CompetenceLedger(store: store.base, clock: LedgerFixture.clock)
        _ = try await ledgerA.state()
        store.setHook { try await ledgerB.record(other) }
        do {
            return (store, ledgerA, .success(try await ledgerA.record(event)))
        } catch {
            return (store, ledgerA, .failure(error))
        }
    }

    @Test func aConflictingAppendIsValidatedAgainAndRetried() async throws {
        let (store, ledger, result) = try await recordWithConcurrentWrite(
            LedgerFixture.answer { $0.competence = "lean" },
            concurrently: LedgerFixture.answer {
                $0.competence = "safety"
                $0.current = 2
                $0.target = 3
            })
        _ = try result.get()
        #expect(store.conflicts == 1)
        let answers = try await ledger.state().answers.filter { $0.event.respondent == "p2" }
        #expect(Set(answers.map(\.event.competence)) == ["lean", "safety"])
    }

    @Test func aRuleMadeFalseByAConcurrentWriteIsEnforced() async throws {
        let (store, ledger, result) = try await recordWithConcurrentWrite(
            LedgerFixture.answer(), concurrently: SurveyRoundClosed(round: "r1", closedOn: day("2023-10-01")))
        #expect(store.conflicts == 1)
        guard case .failure(let failure) = result, let error = failure as? LedgerValidationError else {
            Issue.record("the answer to the round closed meanwhile was recorded: \(result)")
            return
        }
        #expect(error.field == "round")
        #expect(error.value == "r1")
        #expect(error.reason.contains("closed"))
        #expect(try await ledger.state().answers.allSatisfy { $0.event.respondent != "p2" })
    }

    @Test func aRecorderThatAlwaysLosesGivesUpAfterItsAttemptsAndPatienceAppendingNothing() async throws {
        let store = InterleavingStore()
        try await prepare(store)
        let patience = Duration.milliseconds(300)
        let ledger = CompetenceLedger(store: store, clock: LedgerFixture.clock, conflictPatience: patience)
        _ = try await ledger.state()
        let before = try await store.base.readStream("round-r1").count
        // Before every append of the ledger, a neighbour writes to the same round stream first.
        store.setHook(repeating: true) {
            _ = try await store.base.append(
                [NewEvent(type: "Test.Neighbour", occurredAt: .now, payload: .json(Data("{}".utf8)))],
                to: "round-r1", expecting: .any)
        }
        let started = ContinuousClock.now
        let error = await #expect(throws: RecordingError.self) {
            try await ledger.record(LedgerFixture.answer { $0.competence = "lean" })
        }
        let elapsed = ContinuousClock.now - started
        guard case .tooManyConflicts(let attempts, let last)? = error else {
            Issue.record("expected tooManyConflicts, got \(String(describing: error))")
            return
        }
        #expect(attempts >= CompetenceLedger.maxAttempts)
        #expect(attempts == store.conflicts)
        #expect(last.stream == "round-r1")
        #expect(elapsed >= patience)
        let ours = try await store.base.readStream("round-r1").filter { $0.type != "Test.Neighbour" }
        #expect(ours.count == before, "the call that gave up appended nothing")
    }

    @Test func aLoserWaitsBrieflyAtEveryAttemptSoItKeepsItsTurns() {
        // A wait that grew with every lost attempt let a neighbour with a queue of calls take turn after turn.
        for attempt in 1...40 {
            let bound = Duration.microseconds(min(100 << min(attempt, 20), 20_000))
            let waits = (0..<200).map { _ in CompetenceLedger.backoff(after: attempt) }
            #expect(waits.allSatisfy { $0 >= .zero && $0 <= bound }, "attempt \(attempt)")
            #expect(waits.allSatisfy { $0 <= .milliseconds(20) })
        }
        // Random, so that two losers do not come back at the same instant.
        #expect(Set((0..<50).map { _ in CompetenceLedger.backoff(after: 12) }).count > 1)
    }

    @Test func twoLedgersRecordingIntoOneRoundLoseNoAnswer() async throws {
        let store = InMemoryEventStore()
        try await prepare(store)
        let setUp = CompetenceLedger(store: store, clock: LedgerFixture.clock)
        let people = (1...24).map { PersonID("q\($0)") }
        try await setUp.record(
            people.map {
                PersonRegistered(person: $0, organisation: $0.rawValue.count % 2 == 0 ? "acme" : "beta", role: .staff)
            })
        let ledgers = [
            CompetenceLedger(store: store, clock: LedgerFixture.clock),
            CompetenceLedger(store: store, clock: LedgerFixture.clock),
        ]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, person) in people.enumerated() {
                for competence in ["excel", "lean"] as [CompetenceID] {
                    group.addTask {
                        try await ledgers[index % 2].record(
                            SurveyAnswerRecorded(
                                round: "r1", respondent: person,
                                organisation: person.rawValue.count % 2 == 0 ? "acme" : "beta", competence: competence,
                                current: 2, target: 3, answeredOn: day("2023-09-20")))
                    }
                }
            }
            try await group.waitForAll()
        }
        let answers = try await CompetenceLedger(store: store).state().answers.filter {
            $0.event.respondent.rawValue.hasPrefix("q")
        }
        #expect(answers.count == people.count * 2)
        #expect(Set(answers.map { "\($0.event.respondent)/\($0.event.competence)" }).count == people.count * 2)
        let versions = try await store.readStream("round-r1").map(\.version)
        #expect(versions == Array(1...Int64(versions.count)))
    }
}
