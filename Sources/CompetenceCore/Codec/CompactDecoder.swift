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
        guard source.offset == bytes.count else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "\(bytes.count - source.offset) bytes left after decoding \(T.self)"))
        }
        return value
    }
}

/// The cursor over the bytes and the `Decoder` that every container of one decoding reads through.
final class CompactSource: Decoder {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    var unsupported: String?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(source: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedContainer(source: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(source: self) }

    // MARK: Primitives

    func corrupted(_ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "compact payload: \(what) at byte \(offset)"))
    }

    @inline(__always) func readByte() throws -> UInt8 {
        guard offset < bytes.count else { throw corrupted("unexpected end") }
        defer { offset += 1 }
        return bytes[offset]
    }

    @inline(__always) func readUnsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw corrupted("unexpected end in integer") }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw corrupted("integer too long") }
        }
    }

    @inline(__always) func readSigned() throws -> Int64 {
        let raw = try readUnsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    @inline(__always) func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        if T.isSigned {
            let value = try readSigned()
            guard let result = T(exactly: value) else { throw corrupted("\(value) does not fit \(T.self)") }
            return result
        }
        let value = try readUnsigned()
        guard let result = T(exactly: value) else { throw corrupted("\(value) does not fit \(T.self)") }
        return result
    }

    @inline(__always) func readDouble() throws -> Double {
        guard bytes.count - offset >= 8 else { throw corrupted("unexpected end in number") }
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Double(bitPattern: UInt64(littleEndian: raw))
    }

    @inline(__always) func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, bytes.count - offset >= count else { throw corrupted("length \(count) runs past the end") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    @inline(__always) func readString() throws -> String {
        let count = try readUnsigned()
        guard count <= UInt64(bytes.count) else { throw corrupted("string length \(count) runs past the end") }
        return String(decoding: try readBytes(Int(count)), as: UTF8.self)
    }

    @inline(__always) func readBool() throws -> Bool {
        switch try readByte() {
        case 0: return false
        case 1: return true
        case let other: throw corrupted("\(other) is not a boolean")
        }
    }

    @inline(__always) func readPresence() throws -> Bool { try readBool() }

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
                "compact encoding cannot decode values that need their keys (dictionaries, enums with associated values)"
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

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
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
