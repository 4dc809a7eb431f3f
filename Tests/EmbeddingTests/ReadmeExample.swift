import CompetenceCore
import FileStore
import Foundation

/// Records a first survey answer through the validating ledger, reads where people stand, and uses the
/// store underneath: an append with an expected version, its typed conflict, a catch-up subscription.
func embeddingExample(directory: String) async throws -> CurrentCompetenceState {
    let store = try FileEventStore(directory: directory)  // or InMemoryEventStore(), PostgresEventStore(…)
    let ledger = CompetenceLedger(store: store, recordedBy: "survey-app")
    let day = { (text: String) in CalendarDate(text)! }

    // Validated against everything recorded so far, then appended atomically (all or nothing).
    try await ledger.record([
        ProgrammeSetUp(programme: "lossi", name: "LOSSI", startsOn: day("2023-01-01"), endsOn: day("2025-12-31")),
        CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
        OrganisationEnrolled(
            organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
            region: "Päijät-Häme", programme: "lossi"),
        PersonRegistered(person: "p-7f3a", organisation: "acme", role: .staff),  // a pseudonymous id only
        SurveyRoundOpened(
            round: "2023-baseline", kind: .baseline, organisations: ["acme"], competences: ["excel"],
            opensOn: day("2023-09-01"), programme: "lossi"),
        SurveyAnswerRecorded(
            round: "2023-baseline", respondent: "p-7f3a", organisation: "acme", competence: "excel",
            current: 2, target: 4, importance: 5, answeredOn: day("2023-09-12")),
    ])

    // A level outside the competence's scale is refused, naming field and value; nothing is appended.
    do {
        try await ledger.record(
            SurveyAnswerRecorded(
                round: "2023-baseline", respondent: "p-7f3a", organisation: "acme", competence: "excel",
                current: 9, answeredOn: day("2023-09-13")))
    } catch let refused as LedgerValidationError {
        print(refused)  // SurveyAnswerRecorded.current = '9': …
    }

    // Projections fold the history (any ReplayScope: as recorded by a day, as things stood on a day, …).
    let state = try await ProjectionRunner(store: store).replay(LedgerModel()).state
    let levels = CurrentCompetenceState(state)

    // The store itself: expected versions, the typed conflict, a subscription (catch-up, then live).
    let note = { NewEvent(type: "NoteTaken", occurredAt: Date(), payload: .json(Data(#"{"text":"hi"}"#.utf8))) }
    try await store.append([note()], to: "notes-1", expecting: .noStream)
    do {
        try await store.append([note()], to: "notes-1", expecting: .noStream)
    } catch let conflict as WrongExpectedVersionError {
        print(conflict)  // names the stream, the expected and the actual version
    }
    for try await event in store.subscribe(from: 1) where event.type == "NoteTaken" {
        break  // a subscription also ends when its task is cancelled
    }
    return levels
}
