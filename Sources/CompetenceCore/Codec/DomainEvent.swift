/// A typed fact of the domain: the payload of one recorded event.
///
/// Conforming types are plain `Codable` values. Their fields may be strings, numbers, booleans, UUIDs,
/// dates, arrays, optionals, raw-value enums and nested structs of the same; dictionaries and enums with
/// associated values cannot be written in the compact form and are not allowed.
public protocol DomainEvent: Codable, Sendable, Hashable {
    /// The type name stored with the event. Never change it once events of the type exist.
    static var eventType: String { get }
    /// The current schema version of the payload. Raise it when fields change, and register an upcaster
    /// from the previous version.
    static var schemaVersion: Int { get }
}

extension DomainEvent {
    /// Version 1, until the type says otherwise.
    public static var schemaVersion: Int { 1 }
}
