/// A page's events as catalogue events, decoded in two halves at once and kept as those halves: joining them
/// copied every decoded event (a retain of each of its strings) once more per page.
struct DecodedEvents: Sendable {
    private let first: [CompetenceEvent?]
    private let second: [CompetenceEvent?]

    /// The halves in order; `second` follows `first`.
    init(_ first: [CompetenceEvent?], _ second: [CompetenceEvent?] = []) {
        self.first = first
        self.second = second
    }

    /// How many events decoded.
    var count: Int { first.count + second.count }

    /// Calls `body` with the events in place (``Buffers``): a replay reads each event through them, once.
    ///
    /// A subscript with a `_read` accessor read them in place too, but as a coroutine whose frame was allocated
    /// on the heap at every call: one `malloc` and `free` an event, a fifth of a replay's allocations.
    func withBuffers<Result>(_ body: (Buffers) throws -> Result) rethrows -> Result {
        try first.withUnsafeBufferPointer { first in
            try second.withUnsafeBufferPointer { second in try body(Buffers(first: first, second: second)) }
        }
    }

    /// The two halves' storage, indexed as one.
    struct Buffers {
        let first: UnsafeBufferPointer<CompetenceEvent?>
        let second: UnsafeBufferPointer<CompetenceEvent?>

        /// Event `index` (`0 ..< count`), `nil` when its type is not in the catalogue; read in place.
        subscript(index: Int) -> CompetenceEvent? {
            unsafeAddress {
                precondition(index >= 0 && index < first.count + second.count, "no decoded event \(index)")
                return index < first.count
                    ? first.baseAddress! + index : second.baseAddress! + (index - first.count)
            }
        }
    }
}
