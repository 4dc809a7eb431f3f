import Dispatch
import Synchronization

/// Rows (or parts) of a report computed on every core: each row depends on the shared, read-only state alone, so
/// computing them at once gives exactly the rows computed one by one, in the same order.
package enum ConcurrentMap {
    /// `(0..<count).map(transform)`, each index taken by whichever core is free (rows differ widely in cost:
    /// a programme-wide row holds every person).
    package static func indices<Row: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Row) -> [Row] {
        guard count > 1 else { return (0..<count).map(transform) }
        return [Row](unsafeUninitializedCapacity: count) { buffer, initialized in
            let rows = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                rows.initialize(index, to: transform(index))
            }
            initialized = count
        }
    }

    /// `(first(), second())`, the two computed at once (parts of one report that read only shared state).
    package static func pair<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        let results = Mutex<(First?, Second?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let value = first()
                results.withLock { $0.0 = value }
            } else {
                let value = second()
                results.withLock { $0.1 = value }
            }
        }
        let (one, two) = results.withLock { $0 }
        return (one!, two!)
    }

    /// The uninitialised buffer the rows are written to.
    // @unchecked: each index is initialised by exactly one iteration, and read only after all have ended.
    private struct Slots<Row>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Row>

        func initialize(_ index: Int, to row: Row) { (base + index).initialize(to: row) }
    }
}
