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

    /// Event `index` (`0 ..< count`), `nil` when its type is not in the catalogue; read in place.
    subscript(index: Int) -> CompetenceEvent? {
        _read {
            if index < first.count {
                yield first[index]
            } else {
                yield second[index - first.count]
            }
        }
    }
}
