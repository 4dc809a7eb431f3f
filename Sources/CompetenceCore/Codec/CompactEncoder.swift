import Foundation

/// Encodes any `Encodable` value into the compact positional binary form: fields in declaration order,
/// no keys, integers as variable-length (zig-zag for signed), strings length-prefixed UTF-8, UUIDs as 16
/// bytes, dates as 8-byte seconds since 2001, optionals with a presence byte, arrays with a 4-byte count.
///
/// The form is only as stable as the type's field order, so it is tied to the event's schema version
/// (readers upcast older versions). Values that need their keys to decode — dictionaries and enums with
/// associated values — are not supported; the catalogue test round-trips every event type to keep it so.
public struct CompactEncoder: Sendable {
    private var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates an encoder.
    public init() {}

    /// An encoder whose values see `userInfo` (the ledger's personal-data sealer).
    init(userInfo: [CodingUserInfoKey: any Sendable]) { self.userInfo = userInfo }

    /// The compact bytes of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        let sink = CompactSink()
        sink.userInfo = userInfo
        try sink.encodeValue(value)
        return Data(sink.bytes)
    }
}

/// The byte buffer and the `Encoder` that every container of one encoding writes through.
final class CompactSink: Encoder {
    var bytes: [UInt8] = []
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init() { bytes.reserveCapacity(256) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(sink: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedContainer(sink: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(sink: self) }

    // MARK: Primitives

    @inline(__always) func writeUnsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    @inline(__always) func writeSigned(_ value: Int64) {
        writeUnsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    @inline(__always) func writeDouble(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always) func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeUnsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    private func encodeOpened(_ value: some Encodable) throws { try encodeValue(value) }

    func encodeValue<T: Encodable>(_ value: T) throws {
        if let optional = value as? any CompactOptional {
            if let wrapped = optional.wrappedValue {
                bytes.append(1)
                let encodable: any Encodable = wrapped as! any Encodable
                try encodeOpened(encodable)
            } else {
                bytes.append(0)
            }
            return
        }
        switch value {
        case let value as String: writeString(value)
        case let value as Int: writeSigned(Int64(value))
        case let value as Int64: writeSigned(value)
        case let value as Double: writeDouble(value)
        case let value as Bool: bytes.append(value ? 1 : 0)
        case let value as UUID:
            withUnsafeBytes(of: value.uuid) { bytes.append(contentsOf: $0) }
        case let value as Date: writeDouble(value.timeIntervalSinceReferenceDate)
        case let value as Float: writeDouble(Double(value))
        case let value as Int8: writeSigned(Int64(value))
        case let value as Int16: writeSigned(Int64(value))
        case let value as Int32: writeSigned(Int64(value))
        case let value as UInt: writeUnsigned(UInt64(value))
        case let value as UInt8: writeUnsigned(UInt64(value))
        case let value as UInt16: writeUnsigned(UInt64(value))
        case let value as UInt32: writeUnsigned(UInt64(value))
        case let value as UInt64: writeUnsigned(value)
        case let value as Data:
            writeUnsigned(UInt64(value.count))
            bytes.append(contentsOf: value)
        default:
            try value.encode(to: self)
        }
    }

    // MARK: Containers

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: CompactSink
        var codingPath: [any CodingKey] { sink.codingPath }

        mutating func encodeNil(forKey key: Key) throws { sink.bytes.append(0) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { sink.bytes.append(value ? 1 : 0) }
        mutating func encode(_ value: String, forKey key: Key) throws { sink.writeString(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { sink.writeDouble(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { sink.writeDouble(Double(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { sink.writeSigned(Int64(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { sink.writeSigned(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { sink.writeUnsigned(UInt64(value)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { sink.writeUnsigned(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try sink.encodeValue(value) }

        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }

        private func present<T: Encodable>(_ value: T?) throws {
            if let value {
                sink.bytes.append(1)
                try sink.encodeValue(value)
            } else {
                sink.bytes.append(0)
            }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(KeyedContainer<NestedKey>(sink: sink))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            UnkeyedContainer(sink: sink)
        }

        mutating func superEncoder() -> any Encoder { sink }
        mutating func superEncoder(forKey key: Key) -> any Encoder { sink }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let sink: CompactSink
        let countOffset: Int
        private(set) var count: Int = 0
        var codingPath: [any CodingKey] { sink.codingPath }

        init(sink: CompactSink) {
            self.sink = sink
            countOffset = sink.bytes.count
            sink.bytes.append(contentsOf: [0, 0, 0, 0])
        }

        private mutating func bump() {
            count += 1
            let value = UInt32(count).littleEndian
            withUnsafeBytes(of: value) { raw in
                for index in 0..<4 { sink.bytes[countOffset + index] = raw[index] }
            }
        }

        mutating func encodeNil() throws {
            bump()
            sink.bytes.append(0)
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            bump()
            try sink.encodeValue(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        )
            -> KeyedEncodingContainer<NestedKey>
        {
            bump()
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(sink: sink))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            bump()
            return UnkeyedContainer(sink: sink)
        }

        mutating func superEncoder() -> any Encoder {
            bump()
            return sink
        }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let sink: CompactSink
        var codingPath: [any CodingKey] { sink.codingPath }

        mutating func encodeNil() throws { sink.bytes.append(0) }
        mutating func encode<T: Encodable>(_ value: T) throws { try sink.encodeValue(value) }
    }
}
