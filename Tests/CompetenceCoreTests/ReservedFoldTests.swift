import Foundation
import PropertyBased
import Testing

@testable import CompetenceCore

/// ``Projection/reserve(_:forEvents:)``: the runner sizes the ledger's answer index for the events it will read
/// before it folds them. That changes capacity only: over random histories, the state folded after a reservation
/// (any size, none, too small, far too large; at the start or half-way) equals the one folded without, and every
/// answer is found by its event id.
@Suite("A reserved fold")
struct ReservedFoldTests {
    @Test func aReservationChangesNoValueOfTheState() async throws {
        await propertyCheck(
            count: 50, input: SnapshotEquivalenceTests.steps, Gen.int(in: 0...3), Gen.int(in: 0...100)
        ) { steps, size, cutShare in
            let history = RandomHistory(steps: steps, moreRounds: cutShare % 2 == 0)
            let store = try await history.store()
            var recorded: [RecordedEvent] = []
            for try await event in store.events() { recorded.append(event) }
            let model = LedgerModel()
            let cut = recorded.count * cutShare / 100
            let reservation = [0, 1, recorded.count, 50 * recorded.count + 1_000][size]

            var grown = model.initialState()
            var reserved = model.initialState()
            for (index, event) in recorded.enumerated() {
                if index == cut { model.reserve(&reserved, forEvents: reservation) }
                guard let decoded = try event.decoded() else { continue }
                model.apply(decoded, recorded: event, to: &grown)
                model.apply(decoded, recorded: event, to: &reserved)
            }
            #expect(reserved == grown, "\(history), reserved \(reservation) at \(cut)")
            for event in recorded where event.type == SurveyAnswerRecorded.eventType {
                #expect(reserved.answers.row(of: event.id) == grown.answers.row(of: event.id))
            }
            // The runner reserves for what it reads: its state is the same.
            let replayed = try await ProjectionRunner(store: store, pageSize: 3).replay(model).state
            #expect(replayed == grown)
        }
    }
}
