import Dispatch

/// Rows of a report computed on every core: each row depends on the shared, read-only state alone, so
/// computing them at once gives exactly the rows computed one by one, in the same order.
enum ConcurrentMap {
    /// `(0..<count).map(transform)`, each index taken by whichever core is free (rows differ widely in cost:
    /// a programme-wide row holds every person).
    static func indices<Row: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Row) -> [Row] {
        guard count > 1 else { return (0..<count).map(transform) }
        return [Row](unsafeUninitializedCapacity: count) { buffer, initialized in
            let rows = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                rows.initialize(index, to: transform(index))
            }
            initialized = count
        }
    }

    /// The uninitialised buffer the rows are written to.
    // @unchecked: each index is initialised by exactly one iteration, and read only after all have ended.
    private struct Slots<Row>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Row>

        func initialize(_ index: Int, to row: Row) { (base + index).initialize(to: row) }
    }
}
