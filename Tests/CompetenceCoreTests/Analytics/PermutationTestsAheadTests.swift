import Foundation
import Testing

@testable import CompetenceCore

/// The permutation tests run ahead of the disclosure pass (``PermutationTestsAhead``) give each row exactly the
/// p-value of the test run in the row, give nothing for values they were not computed from, and never leave a
/// caller waiting — also when there is no row, and when many rows ask at once.
@Suite("Permutation tests run ahead")
struct PermutationTestsAheadTests {
    private static let options = { try! AnalyticsOptions(today: day("2024-12-31"), minimumGroupSize: 1) }()

    private func cells() async throws -> EffectCells {
        let fixture = AnalyticsFixture()
        try await AnalyticsEffectTests.recordScenario(fixture)
        return EffectCells(state: try await fixture.state(), options: Self.options)
    }

    /// The rows of an evaluation of `cells`, with the values each row's test reads.
    private func rows(_ cells: EffectCells) -> [(Population, CompetenceID, [Double], [Double])] {
        let populations =
            cells.pairs.map { (Population.organisation($0.organisation), $0.competence) }
            + cells.competences.map { (Population.all, $0) }
        return populations.map { population, competence in
            let changes = cells.members(population, competence)
            return (
                population, competence, changes.filter { $0.group == .trained }.map { Double($0.change) },
                changes.filter { $0.group == .untrained }.map { Double($0.change) }
            )
        }
    }

    @Test func eachRowGetsThePValueOfItsOwnTest() async throws {
        let cells = try await cells()
        let rows = rows(cells)
        #expect(rows.count >= 4, "organisations E, F, G and ALL")
        let ahead = PermutationTestsAhead(cells)
        var tested = 0
        for (population, competence, trained, untrained) in rows {
            let expected = PermutationTest(trained, untrained)?.pValue
            if expected != nil { tested += 1 }
            #expect(
                ahead.pValue(population, competence, trained: trained, untrained: untrained) == .some(expected),
                "\(population) \(competence)")
        }
        #expect(tested >= 2, "E and ALL have trained and untrained persons")
    }

    @Test func otherValuesGetNothing() async throws {
        let cells = try await cells()
        let ahead = PermutationTestsAhead(cells)
        let (population, competence, trained, untrained) = try #require(rows(cells).last)
        #expect(ahead.pValue(population, competence, trained: trained + [4], untrained: untrained) == nil)
        #expect(ahead.pValue(.organisation("nowhere"), competence, trained: trained, untrained: untrained) == nil)
    }

    @Test func noRowsAndManyCallersDoNotWait() async throws {
        let empty = PermutationTestsAhead(EffectCells(state: LedgerState(), options: Self.options))
        #expect(empty.pValue(.all, "excel", trained: [1], untrained: [0]) == nil)

        let cells = try await cells()
        let rows = rows(cells)
        let ahead = PermutationTestsAhead(cells)
        // Every row asked from many threads at once: each caller may take rows not yet started.
        let answers = ConcurrentMap.indices(rows.count * 8) { index in
            let (population, competence, trained, untrained) = rows[index % rows.count]
            return ahead.pValue(population, competence, trained: trained, untrained: untrained)
        }
        for (index, answer) in answers.enumerated() {
            let (_, _, trained, untrained) = rows[index % rows.count]
            #expect(answer == .some(PermutationTest(trained, untrained)?.pValue))
        }
    }
}
