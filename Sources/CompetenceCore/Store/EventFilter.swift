/// Which events a read of the whole log returns. An empty filter returns every event.
public struct EventFilter: Hashable, Sendable {
    /// Only events of these type names; `nil` for every type.
    public var types: Set<String>?
    /// Only events whose stream is in one of these categories; `nil` for every category.
    public var categories: Set<String>?

    /// Creates a filter; `nil` means "no restriction" for that part.
    public init(types: Set<String>? = nil, categories: Set<String>? = nil) {
        self.types = types
        self.categories = categories
    }

    /// Every event.
    public static let all = EventFilter()

    /// Only events of the given types.
    public static func types(_ types: String...) -> EventFilter { EventFilter(types: Set(types)) }

    /// Only events of streams in the given categories.
    public static func categories(_ categories: String...) -> EventFilter {
        EventFilter(categories: Set(categories))
    }

    /// True when the filter lets every event through.
    public var isAll: Bool { types == nil && categories == nil }

    /// Whether an event of `type` in `stream` passes the filter.
    public func matches(type: String, stream: StreamName) -> Bool {
        if let types, !types.contains(type) { return false }
        if let categories, !categories.contains(stream.category) { return false }
        return true
    }

    /// Whether a recorded event passes the filter.
    public func matches(_ event: RecordedEvent) -> Bool { matches(type: event.type, stream: event.stream) }
}
