/// The name of an event stream: one aggregate's history, such as `organisation-acme` or `round-2023-baseline`.
///
/// By convention a stream name is `category-identity`; the **category** is everything before the first `-`
/// (the whole name when there is none). Reads of the whole log can be filtered by category.
public struct StreamName: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The full stream name, exactly as stored.
    public let rawValue: String

    /// Creates a stream name from its full text. Use ``init(category:id:)`` to follow the convention.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates `category-id`.
    public init(category: String, id: String) { self.rawValue = "\(category)-\(id)" }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// The part before the first `-`, or the whole name when it has none.
    public var category: String {
        guard let dash = rawValue.firstIndex(of: "-") else { return rawValue }
        return String(rawValue[..<dash])
    }

    /// The part after the first `-`, or the whole name when it has none.
    public var identity: String {
        guard let dash = rawValue.firstIndex(of: "-") else { return rawValue }
        return String(rawValue[rawValue.index(after: dash)...])
    }

    public var description: String { rawValue }

    public static func < (lhs: StreamName, rhs: StreamName) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
