import Foundation

/// Decodes any `Decodable` value from JSON through one ``JSONReader``, without Foundation's `JSONDecoder`:
/// the JSON path of ``JSONPayloadCoding`` for every type that has no direct reader (``JSONDecodable``).
///
/// It follows `JSONDecoder`'s rules with the payload strategies (dates as ISO 8601 text, data as Base64,
/// URLs and UUIDs as strings, unknown members ignored, a missing member or `null` for an optional), reads
/// members in any order, and checks the whole text's grammar before decoding, so malformed JSON is refused
/// wherever it lies.
struct JSONPayloadDecoder {
    /// Decodes a `T` from the whole of `bytes`, which need only stay valid for the call.
    func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        var check = JSONReader(bytes)
        try check.skipValue()
        try check.expectEnd()
        let source = JSONSource(bytes)
        return try source.decodeValue(T.self)
    }
}

/// The `Decoder` that every container of one decoding reads through.
final class JSONSource: Decoder {
    var reader: JSONReader
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ bytes: UnsafeRawBufferPointer) { reader = JSONReader(bytes) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedContainer<Key>(source: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedContainer(source: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(source: self) }

    func corrupted(_ what: String) -> DecodingError { reader.corrupted(what, codingPath: codingPath) }

    /// Decodes the value at the reader's offset, with the payload strategies for Foundation's value types.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try reader.readString() as! T }
        if T.self == Int.self { return try reader.readInteger(Int.self) as! T }
        if T.self == Double.self { return try reader.readDouble() as! T }
        if T.self == Bool.self { return try reader.readBool() as! T }
        if T.self == UUID.self {
            let text = try reader.readString()
            guard let uuid = UUID(uuidString: text) else { throw corrupted("'\(text)' is not a UUID") }
            return uuid as! T
        }
        if T.self == Date.self {
            let text = try reader.readString()
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw corrupted("'\(text)' is not an ISO 8601 date")
            }
            return date as! T
        }
        if T.self == Data.self {
            let text = try reader.readString()
            guard let data = Data(base64Encoded: text) else { throw corrupted("the text is not Base64") }
            return data as! T
        }
        if T.self == URL.self {
            let text = try reader.readString()
            guard let url = URL(string: text) else { throw corrupted("'\(text)' is not a URL") }
            return url as! T
        }
        if T.self == Decimal.self {
            let start = reader.offset
            let number = try reader.readDouble()
            let text = String(
                decoding: UnsafeRawBufferPointer(rebasing: reader.bytes[start..<reader.offset]), as: UTF8.self)
            return (Decimal(string: text.trimming(.whitespacesAndNewlines)) ?? Decimal(number)) as! T
        }
        return try T(from: self)
    }

    /// Decodes the value at `offset`, with `key` on the coding path while it does.
    func decodeValue<T: Decodable>(_ type: T.Type, at offset: Int, key: any CodingKey) throws -> T {
        reader.offset = offset
        codingPath.append(key)
        defer { codingPath.removeLast() }
        return try decodeValue(T.self)
    }

    // MARK: Containers

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let source: JSONSource
        /// Every member: its key token and where its value starts.
        let members: [(key: JSONKey, value: Int)]
        var codingPath: [any CodingKey] { source.codingPath }

        init(source: JSONSource) throws {
            self.source = source
            var reader = source.reader
            try reader.beginObject()
            var members: [(key: JSONKey, value: Int)] = []
            var first = true
            while let key = try reader.nextKey(first: &first) {
                try key.validate()
                reader.skipWhitespace()
                members.append((key, reader.offset))
                try reader.skipValue()
            }
            self.members = members
            source.reader.offset = reader.offset
        }

        /// Where the value of `key` starts; the last member wins when a key repeats (as in `jsonb`).
        private func offset(of key: Key) -> Int? {
            let name = key.stringValue
            return members.last { $0.key.matches(name) }?.value
        }

        private func value(of key: Key) throws -> Int {
            guard let offset = offset(of: key) else {
                throw DecodingError.keyNotFound(
                    key, .init(codingPath: codingPath, debugDescription: "JSON payload: no member '\(key.stringValue)'")
                )
            }
            return offset
        }

        var allKeys: [Key] {
            members.compactMap { member in (try? member.key.string(at: member.key.start)).flatMap(Key.init) }
        }

        func contains(_ key: Key) -> Bool { offset(of: key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            source.reader.offset = try value(of: key)
            return try source.reader.readNull()
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let offset = try value(of: key)
            source.reader.offset = offset
            if try source.reader.readNull() {
                throw DecodingError.valueNotFound(
                    T.self,
                    .init(codingPath: codingPath + [key], debugDescription: "JSON payload: null for a \(T.self)"))
            }
            return try source.decodeValue(T.self, at: offset, key: key)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let offset = offset(of: key) else { return nil }
            source.reader.offset = offset
            if try source.reader.readNull() { return nil }
            return try source.decodeValue(T.self, at: offset, key: key)
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            source.reader.offset = try value(of: key)
            return KeyedDecodingContainer(try KeyedContainer<NestedKey>(source: source))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            source.reader.offset = try value(of: key)
            return try UnkeyedContainer(source: source)
        }

        func superDecoder() throws -> any Decoder { source }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            source.reader.offset = try value(of: key)
            return source
        }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let source: JSONSource
        /// Where each element starts.
        let elements: [Int]
        private(set) var currentIndex = 0
        var codingPath: [any CodingKey] { source.codingPath }
        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        init(source: JSONSource) throws {
            self.source = source
            var reader = source.reader
            try reader.beginArray()
            var elements: [Int] = []
            var first = true
            while try reader.nextElement(first: &first) {
                reader.skipWhitespace()
                elements.append(reader.offset)
                try reader.skipValue()
            }
            self.elements = elements
            source.reader.offset = reader.offset
        }

        private mutating func next() throws -> Int {
            guard !isAtEnd else { throw source.corrupted("read past the end of an array") }
            defer { currentIndex += 1 }
            return elements[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw source.corrupted("read past the end of an array") }
            source.reader.offset = elements[currentIndex]
            if try source.reader.readNull() {
                currentIndex += 1
                return true
            }
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let index = currentIndex
            let offset = try next()
            return try source.decodeValue(T.self, at: offset, key: JSONIndexKey(index))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type
        ) throws -> KeyedDecodingContainer<NestedKey> {
            source.reader.offset = try next()
            return KeyedDecodingContainer(try KeyedContainer<NestedKey>(source: source))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            source.reader.offset = try next()
            return try UnkeyedContainer(source: source)
        }

        mutating func superDecoder() throws -> any Decoder {
            source.reader.offset = try next()
            return source
        }
    }

    struct SingleContainer: SingleValueDecodingContainer {
        let source: JSONSource
        var codingPath: [any CodingKey] { source.codingPath }

        func decodeNil() -> Bool {
            var reader = source.reader
            return (try? reader.readNull()) ?? false
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let start = source.reader.offset
            if try source.reader.readNull() {
                throw DecodingError.valueNotFound(
                    T.self, .init(codingPath: codingPath, debugDescription: "JSON payload: null for a \(T.self)"))
            }
            source.reader.offset = start
            if let integer = T.self as? any FixedWidthInteger.Type { return try readInteger(integer) as! T }
            if T.self == Float.self { return Float(try source.reader.readDouble()) as! T }
            return try source.decodeValue(T.self)
        }

        private func readInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            try source.reader.readInteger(I.self)
        }
    }
}

/// The coding key of an array element.
private struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
