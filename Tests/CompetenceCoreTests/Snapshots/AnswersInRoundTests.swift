import Foundation
import PropertyBased
import Testing

@testable import CompetenceCore

/// `AnswerTable.answers(in:)` — what an import into a round asks for — against the table filtered whole, for
/// random histories with corrections and voidings, in every round the histories use and one they do not.
@Suite("Answers of one round")
struct AnswersInRoundTests {
    @Test func theAnswersOfARoundAreTheTableFilteredByRound() async throws {
        await propertyCheck(count: 60, input: SnapshotEquivalenceTests.steps) { steps in
            let history = RandomHistory(steps: steps)
            let state = try await ProjectionRunner(store: try await history.store()).replay(LedgerModel()).state
            for round in RandomHistory.rounds + ["never-opened"] {
                let expected = state.answers.filter { $0.event.round == round }
                #expect(state.answers.answers(in: round) == expected, "round \(round)")
            }
        }
    }
}
