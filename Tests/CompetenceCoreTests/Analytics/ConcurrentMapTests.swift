import Synchronization
import Testing

@testable import CompetenceCore

/// Rows computed on every core come back in index order, each computed once.
@Suite("Concurrent rows")
struct ConcurrentMapTests {
    @Test("rows of uneven cost come back in order, each index computed exactly once", arguments: [0, 1, 2, 7, 1_000])
    func rowsComeBackInOrder(count: Int) {
        let calls = Mutex([Int](repeating: 0, count: count))
        let rows = ConcurrentMap.indices(count) { index in
            calls.withLock { $0[index] += 1 }
            // Uneven work, so later indices can finish first.
            var value = UInt64(index)
            for _ in 0..<((count - index) % 13) * 1_000 { value = value &* 6_364_136_223_846_793_005 &+ 1 }
            return (index, value)
        }
        #expect(rows.map(\.0) == Array(0..<count))
        #expect(calls.withLock { $0 } == [Int](repeating: 1, count: count))
    }
}
