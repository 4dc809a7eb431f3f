import Dispatch
import Foundation
import Synchronization

/// The effect evaluation's permutation tests (trained against untrained change, one per row), computed on a
/// thread of their own from the moment the paired changes are counted, while the disclosure pass (or the
/// evaluation's own plan) runs, instead of after it.
///
/// The tests need only the paired changes; the pass (every cell of every public report, then the suppression
/// plan) needs none of them, and spends seconds of a national programme's report on one core. Run beside it,
/// the tests fill the other core. Each result is kept with the values it was computed from, and a row uses it
/// only when its own values are the same (``pValue(_:_:trained:untrained:)``): the p-value is that of the same
/// test of the same values, so the report is the same to the last bit whichever way it was computed.
///
/// The thread is a plain one, not a `concurrentPerform` beside the pass: libdispatch runs a `concurrentPerform`
/// nested in another serially, which would take the pass's own second core. Whoever asks for a p-value first
/// takes the rows not yet started (``pValue(_:_:trained:untrained:)``), so the last tests run on every core.
final class PermutationTestsAhead: Sendable {
    /// One row's test: its values and its p-value (`nil`: a side is empty).
    struct Entry: Sendable {
        let trained: [Double]
        let untrained: [Double]
        let pValue: Double?
    }

    /// The row's population and competence.
    struct Row: Hashable, Sendable {
        let population: Population
        let competence: CompetenceID
    }

    /// The rows to test, the largest (the whole programme's, per competence) first, and where each is.
    private let rows: [Row]
    private let slots: [Row: Int]
    private let cells: EffectCells

    /// Which rows are taken and which are done.
    private struct Progress {
        /// The next row not yet taken.
        var next = 0
        /// How many rows are done.
        var done = 0
        /// Each row's test, once done.
        var entries: [Entry?]
    }

    private let progress: Mutex<Progress>
    /// Signalled once every row is done.
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the tests of every row of the effect evaluation whose paired changes `cells` counted, on a new
    /// thread.
    init(_ cells: EffectCells) {
        rows =
            cells.competences.map { Row(population: .all, competence: $0) }
            + cells.pairs.map { Row(population: .organisation($0.organisation), competence: $0.competence) }
        slots = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        self.cells = cells
        progress = Mutex(Progress(entries: Array(repeating: nil, count: rows.count)))
        if rows.isEmpty {
            finished.signal()
            return
        }
        Thread { [self] in work() }.start()
    }

    /// Gives the p-value of the row of `population` and `competence` when it was computed from exactly `trained`
    /// and `untrained`; `nil` otherwise (the caller then runs the test). Before waiting for the tests, the caller
    /// takes rows not yet started, so that no core waits while one thread finishes them.
    func pValue(
        _ population: Population, _ competence: CompetenceID, trained: [Double], untrained: [Double]
    ) -> Double?? {
        work()
        finished.wait()
        finished.signal()
        guard let slot = slots[Row(population: population, competence: competence)],
            let entry = progress.withLock({ $0.entries[slot] }),
            entry.trained == trained, entry.untrained == untrained
        else { return nil }
        return .some(entry.pValue)
    }

    /// Tests rows not yet taken until none is left.
    private func work() {
        while let slot = take() {
            let row = rows[slot]
            let changes = cells.members(row.population, row.competence)
            let trained = changes.filter { $0.group == .trained }.map { Double($0.change) }
            let untrained = changes.filter { $0.group == .untrained }.map { Double($0.change) }
            let entry = Entry(
                trained: trained, untrained: untrained, pValue: PermutationTest(trained, untrained)?.pValue)
            let all = progress.withLock { progress in
                progress.entries[slot] = entry
                progress.done += 1
                return progress.done == rows.count
            }
            if all { finished.signal() }
        }
    }

    /// The next row not yet taken, now taken; `nil` when every row is.
    private func take() -> Int? {
        progress.withLock { progress in
            guard progress.next < rows.count else { return nil }
            defer { progress.next += 1 }
            return progress.next
        }
    }
}
