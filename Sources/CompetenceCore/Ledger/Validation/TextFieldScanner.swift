import Foundation

/// Finds the first string in an event's fields that holds a forbidden control character, by encoding the
/// event through a walker instead of into bytes: every text field is reached, nested values and list
/// elements included, named by its Swift path (`actions[1].note`), with nothing to keep in step when a field
/// is added to the catalogue.
struct TextFieldScanner {
    /// A string that breaks the text rule.
    struct Finding: Error {
        /// The field's path, e.g. `milestones[0].description`.
        var field: String
        /// The whole text.
        var value: String
        /// The first forbidden character.
        var character: Unicode.Scalar
    }

    /// Whether `scalar` may appear in a text field: not NUL, not another C0 control except tab and line feed,
    /// not DEL, not a C1 control (U+0080–U+009F, which some terminals read as escape sequences).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: true
        case 0x00...0x1F, 0x7F...0x9F: false
        default: true
        }
    }

    /// The first forbidden character of `text`, if any.
    static func forbidden(in text: String) -> Unicode.Scalar? {
        // Fast path: plain printable ASCII, the usual case.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        return text.unicodeScalars.first { !isAllowed($0) }
    }

    /// The first text field of `value` with a forbidden character, or `nil`.
    static func firstViolation(in value: some Encodable) -> Finding? {
        do {
            try value.encode(to: Walker(codingPath: []))
            return nil
        } catch let finding as Finding {
            return finding
        } catch {
            return nil
        }
    }

    /// The path of `codingPath` as the ledger names fields: `a.b[2].c`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    static func check(_ text: String, at codingPath: [any CodingKey]) throws {
        if let scalar = forbidden(in: text) {
            throw Finding(field: path(codingPath), value: text, character: scalar)
        }
    }

    /// An `Encoder` that writes nothing and checks every string it is given (personal data in clear — a draft
    /// or a value recorded in clear — included, as ``Personal`` shows it to an inspecting encoder).
    private struct Walker: Encoder {
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [PersonalDataSealer.inspectionKey: true] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed(codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(codingPath: codingPath) }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(codingPath: codingPath) }
    }

    private struct Index: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(_ index: Int) { intValue = index }
        init?(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode(_ value: Bool, forKey key: Key) throws {}
        mutating func encode(_ value: Double, forKey key: Key) throws {}
        mutating func encode(_ value: Float, forKey key: Key) throws {}
        mutating func encode(_ value: Int, forKey key: Key) throws {}
        mutating func encode(_ value: Int8, forKey key: Key) throws {}
        mutating func encode(_ value: Int16, forKey key: Key) throws {}
        mutating func encode(_ value: Int32, forKey key: Key) throws {}
        mutating func encode(_ value: Int64, forKey key: Key) throws {}
        mutating func encode(_ value: UInt, forKey key: Key) throws {}
        mutating func encode(_ value: UInt8, forKey key: Key) throws {}
        mutating func encode(_ value: UInt16, forKey key: Key) throws {}
        mutating func encode(_ value: UInt32, forKey key: Key) throws {}
        mutating func encode(_ value: UInt64, forKey key: Key) throws {}
        mutating func encode(_ value: String, forKey key: Key) throws {
            try TextFieldScanner.check(value, at: codingPath + [key])
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try value.encode(to: Walker(codingPath: codingPath + [key]))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> any Encoder { Walker(codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Walker(codingPath: codingPath + [key]) }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        var codingPath: [any CodingKey]
        var count = 0

        init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

        mutating func next() -> [any CodingKey] {
            defer { count += 1 }
            return codingPath + [Index(count)]
        }
        mutating func encodeNil() throws { count += 1 }
        mutating func encode(_ value: Bool) throws { count += 1 }
        mutating func encode(_ value: Double) throws { count += 1 }
        mutating func encode(_ value: Float) throws { count += 1 }
        mutating func encode(_ value: Int) throws { count += 1 }
        mutating func encode(_ value: Int8) throws { count += 1 }
        mutating func encode(_ value: Int16) throws { count += 1 }
        mutating func encode(_ value: Int32) throws { count += 1 }
        mutating func encode(_ value: Int64) throws { count += 1 }
        mutating func encode(_ value: UInt) throws { count += 1 }
        mutating func encode(_ value: UInt8) throws { count += 1 }
        mutating func encode(_ value: UInt16) throws { count += 1 }
        mutating func encode(_ value: UInt32) throws { count += 1 }
        mutating func encode(_ value: UInt64) throws { count += 1 }
        mutating func encode(_ value: String) throws { try TextFieldScanner.check(value, at: next()) }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: Walker(codingPath: next())) }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(codingPath: next()))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(codingPath: next()) }
        mutating func superEncoder() -> any Encoder { Walker(codingPath: next()) }
    }

    private struct Single: SingleValueEncodingContainer {
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws {}
        mutating func encode(_ value: Bool) throws {}
        mutating func encode(_ value: String) throws { try TextFieldScanner.check(value, at: codingPath) }
        mutating func encode(_ value: Double) throws {}
        mutating func encode(_ value: Float) throws {}
        mutating func encode(_ value: Int) throws {}
        mutating func encode(_ value: Int8) throws {}
        mutating func encode(_ value: Int16) throws {}
        mutating func encode(_ value: Int32) throws {}
        mutating func encode(_ value: Int64) throws {}
        mutating func encode(_ value: UInt) throws {}
        mutating func encode(_ value: UInt8) throws {}
        mutating func encode(_ value: UInt16) throws {}
        mutating func encode(_ value: UInt32) throws {}
        mutating func encode(_ value: UInt64) throws {}
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: Walker(codingPath: codingPath)) }
    }
}
