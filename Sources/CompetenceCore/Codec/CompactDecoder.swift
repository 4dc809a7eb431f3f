import Foundation

/// Decodes values written by ``CompactEncoder``. Truncated or malformed bytes throw
/// `DecodingError.dataCorrupted`; it never reads past the buffer.
public struct CompactDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes a `T` from the whole of `data`.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { try decode(type, from: $0) }
    }

    /// Decodes a `T` from the whole of `bytes`, which need only stay valid for the call.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let source = CompactSource(bytes)
        let value = try source.decodeValue(T.self)
        if let problem = source.unsupported {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: problem))
        }
        try source.reader.expectEnd(after: T.self)
        return value
    }

    /// Decodes a ``CompactDecodable`` `T` from the whole of `data` through its direct reader (the same result
    /// as the `Decodable` path, faster).
    package func decode<T: CompactDecodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { bytes in
            var reader = CompactReader(bytes)
            let value = try T(compact: &reader)
            try reader.expectEnd(after: T.self)
            return value
        }
    }
}

/// The `Decoder` that every container of one decoding reads through; its bytes are read by one
/// ``CompactReader``.
final class CompactSource: Decoder {
    var reader: CompactReader
    var unsupported: String?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ bytes: UnsafeRawBufferPointer) { reader = CompactReader(bytes) }

    var bytes: UnsafeRawBufferPointer { reader.bytes }
    var offset: Int {
        get { reader.offset }
        set { reader.offset = newValue }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(source: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedContainer(source: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(source: self) }

    // MARK: Primitives (read by the one reader)

    func corrupted(_ what: String) -> DecodingError { reader.corrupted(what, codingPath: codingPath) }
    @inline(__always) func readByte() throws -> UInt8 { try reader.readByte() }
    @inline(__always) func readUnsigned() throws -> UInt64 { try reader.readUnsigned() }
    @inline(__always) func readSigned() throws -> Int64 { try reader.readSigned() }
    @inline(__always) func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try reader.readInteger(T.self)
    }
    @inline(__always) func readDouble() throws -> Double { try reader.readDouble() }
    @inline(__always) func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer { try reader.readBytes(count) }
    @inline(__always) func readString() throws -> String { try reader.readString() }
    @inline(__always) func readBool() throws -> Bool { try reader.readBool() }
    @inline(__always) func readPresence() throws -> Bool { try reader.readBool() }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try readString() as! T }
        if T.self == Int.self { return try readInteger(Int.self) as! T }
        if T.self == UUID.self {
            let raw = try readBytes(16)
            var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: raw) }
            return UUID(uuid: uuid) as! T
        }
        if T.self == Date.self { return Date(timeIntervalSinceReferenceDate: try readDouble()) as! T }
        if T.self == Double.self { return try readDouble() as! T }
        if T.self == Bool.self { return try readBool() as! T }
        if T.self == Int64.self { return try readSigned() as! T }
        if T.self == Data.self {
            let count = try readUnsigned()
            guard count <= UInt64(bytes.count) else { throw corrupted("data length \(count) runs past the end") }
            return Data(try readBytes(Int(count))) as! T
        }
        if let optional = T.self as? any CompactOptional.Type {
            guard try readPresence() else { return optional.make(wrapped: nil) as! T }
            let wrapped = try decodeWrapped(optional.wrappedType)
            return optional.make(wrapped: wrapped) as! T
        }
        return try T(from: self)
    }

    private func decodeWrapped(_ type: Any.Type) throws -> Any {
        guard let decodable = type as? any Decodable.Type else {
            throw corrupted("\(type) is not Decodable")
        }
        return try decodeValue(decodable)
    }

    // MARK: Containers

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let source: CompactSource
        var codingPath: [any CodingKey] { source.codingPath }

        var allKeys: [Key] {
            source.unsupported =
                "compact encoding cannot decode values that need their keys "
                + "(dictionaries, enums with associated values)"
            return []
        }

        func contains(_ key: Key) -> Bool { true }

        func decodeNil(forKey key: Key) throws -> Bool {
            // Only reached for optionals decoded by hand; synthesized code uses decodeIfPresent.
            let present = try source.readPresence()
            if present { source.offset -= 1 }
            return !present
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try source.readBool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try source.readString() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try source.readDouble() }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try source.readDouble()) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try source.readInteger(Int.self) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try source.readInteger(Int8.self) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try source.readInteger(Int16.self) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try source.readInteger(Int32.self) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try source.readSigned() }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try source.readInteger(UInt.self) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try source.readInteger(UInt8.self) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try source.readInteger(UInt16.self) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try source.readInteger(UInt32.self) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try source.readUnsigned() }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try source.decodeValue(T.self) }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            try source.readPresence() ? try source.readBool() : nil
        }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            try source.readPresence() ? try source.readString() : nil
        }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
            try source.readPresence() ? try source.readDouble() : nil
        }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            try source.readPresence() ? try source.readInteger(Int.self) : nil
        }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            try source.readPresence() ? try source.readSigned() : nil
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            try source.readPresence() ? try source.decodeValue(T.self) : nil
        }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
            try source.readPresence() ? Float(try source.readDouble()) : nil
        }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
            try source.readPresence() ? try source.readInteger(Int8.self) : nil
        }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
            try source.readPresence() ? try source.readInteger(Int16.self) : nil
        }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
            try source.readPresence() ? try source.readInteger(Int32.self) : nil
        }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
            try source.readPresence() ? try source.readInteger(UInt.self) : nil
        }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
            try source.readPresence() ? try source.readInteger(UInt8.self) : nil
        }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
            try source.readPresence() ? try source.readInteger(UInt16.self) : nil
        }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
            try source.readPresence() ? try source.readInteger(UInt32.self) : nil
        }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
            try source.readPresence() ? try source.readUnsigned() : nil
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            KeyedDecodingContainer(KeyedContainer<NestedKey>(source: source))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try UnkeyedContainer(source: source)
        }

        func superDecoder() throws -> any Decoder { source }
        func superDecoder(forKey key: Key) throws -> any Decoder { source }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let source: CompactSource
        let count: Int?
        private(set) var currentIndex = 0
        var codingPath: [any CodingKey] { source.codingPath }
        var isAtEnd: Bool { currentIndex >= (count ?? 0) }

        init(source: CompactSource) throws {
            self.source = source
            let raw = try source.readBytes(4)
            let value = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            guard value <= source.bytes.count - source.offset else {
                throw source.corrupted("array of \(value) elements cannot fit")
            }
            count = value
        }

        private mutating func advance() throws {
            guard !isAtEnd else { throw source.corrupted("read past the end of an array") }
            currentIndex += 1
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw source.corrupted("read past the end of an array") }
            // Optionals are decoded through decode(_:), which reads the presence byte itself.
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try advance()
            return try source.decodeValue(T.self)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type
        ) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try advance()
            return KeyedDecodingContainer(KeyedContainer<NestedKey>(source: source))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try advance()
            return try UnkeyedContainer(source: source)
        }

        mutating func superDecoder() throws -> any Decoder {
            try advance()
            return source
        }
    }

    struct SingleContainer: SingleValueDecodingContainer {
        let source: CompactSource
        var codingPath: [any CodingKey] { source.codingPath }

        func decodeNil() -> Bool {
            // Optionals are decoded through decodeValue, which reads the presence byte itself.
            false
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            // Single-value wrappers (identifiers, dates, raw-value enums) almost always hold a string.
            if T.self == String.self { return try source.readString() as! T }
            // Primitives that decodeValue does not special-case arrive here from their own init(from:).
            if T.self == Float.self { return Float(try source.readDouble()) as! T }
            if let integer = T.self as? any FixedWidthInteger.Type { return try readInteger(integer) as! T }
            return try source.decodeValue(T.self)
        }

        private func readInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            try source.readInteger(I.self)
        }
    }
}
