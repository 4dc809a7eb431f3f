import Foundation

/// The JSON form of payloads: sorted keys, ISO 8601 dates, so equal values give equal bytes.
///
/// Encoding goes through Foundation's `JSONEncoder`. Decoding does not use Foundation's `JSONDecoder` (about
/// 7 µs for a small event, the bottleneck of a `jsonb` replay): it reads through ``JSONReader`` — a type's
/// direct reader when it has one (``JSONDecodable``), otherwise its `Decodable` form through a decoder built
/// on the same reader.
public enum JSONPayloadCoding {
    /// Encodes a value as canonical JSON.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encode(value, userInfo: [:])
    }

    /// ``encode(_:)`` with `userInfo` for the values' `encode(to:)` (the ledger's personal-data sealer).
    static func encode<T: Encodable>(_ value: T, userInfo: [CodingUserInfoKey: any Sendable]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.userInfo = userInfo
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    /// Decodes a value from JSON written by ``encode(_:)`` or by another tool (any member order and
    /// whitespace, as PostgreSQL's `jsonb` gives it back), through its `Decodable` form.
    ///
    /// - Throws: `DecodingError` naming the byte offset or the member.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { try JSONPayloadDecoder().decode(T.self, from: $0) }
    }

    /// Decodes a ``JSONDecodable`` value through its direct reader (the same result as the `Decodable`
    /// path, faster).
    package static func decode<T: JSONDecodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { bytes in
            var reader = JSONReader(bytes)
            let value = try T(json: &reader)
            try reader.expectEnd()
            return value
        }
    }

    /// The fastest way to decode `T` from JSON: its direct reader when it is ``JSONDecodable``, otherwise its
    /// `Decodable` form. Chosen once, when a codec learns a type.
    static func reader<T: Decodable & SendableMetatype>(for type: T.Type) -> @Sendable (Data) throws -> T {
        guard let direct = T.self as? any (JSONDecodable & SendableMetatype).Type else {
            return { try decode(T.self, from: $0) }
        }
        // The reader is made for the opened type and cast to `T`'s once, here: casting each decoded value
        // instead (`as! T` of an `any JSONDecodable`) boxed it on the heap and cast it dynamically every event.
        return directReader(direct) as! @Sendable (Data) throws -> T
    }

    /// The direct reader of `D`, as `Any` (a closure of the opened type cannot leave the opening otherwise).
    private static func directReader<D: JSONDecodable & SendableMetatype>(_ type: D.Type) -> Any {
        let read: @Sendable (Data) throws -> D = { data in try decode(D.self, from: data) }
        return read
    }
}
