import Foundation

/// A cursor over JSON text (RFC 8259, UTF-8): the one place where JSON payloads are read. The generic
/// decoder (`JSONPayloadDecoder`) reads through it, and so do ``JSONDecodable`` types.
///
/// It reads any key order and any insignificant whitespace — PostgreSQL's `jsonb` gives keys back ordered by
/// length, then bytes, with a space after `:` and `,` — and takes the last value of a repeated key, as `jsonb`
/// keeps it. Every read checks the grammar and the bounds and throws `DecodingError.dataCorrupted` naming the
/// byte offset; it never reads past the buffer and refuses nesting deeper than ``maxDepth``.
package struct JSONReader {
    /// The bytes being read; they need only stay valid while the reader is used.
    package let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    package internal(set) var offset = 0
    /// How many objects and arrays enclose the cursor.
    var depth = 0

    /// The deepest nesting of objects and arrays accepted (Foundation's `JSONDecoder` has the same limit).
    static let maxDepth = 512

    /// A reader at the start of `bytes`.
    package init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The error for malformed JSON at the current offset.
    func corrupted(_ what: String, codingPath: [any CodingKey] = []) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "JSON payload: \(what) at byte \(offset)"))
    }

    /// The error for a member that a value needs and the object lacks.
    package func missing(_ key: String, in type: Any.Type) -> DecodingError {
        .keyNotFound(
            JSONKeyName(key),
            .init(codingPath: [], debugDescription: "JSON payload: \(type) needs '\(key)' (object ending at \(offset))")
        )
    }

    // MARK: Structure

    @inline(__always) mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next significant byte, not consumed.
    @inline(__always) mutating func peek() throws -> UInt8 {
        skipWhitespace()
        guard offset < bytes.count else { throw corrupted("unexpected end") }
        return bytes[offset]
    }

    @inline(__always) mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard try peek() == byte else { throw corrupted("expected \(what)") }
        offset += 1
    }

    /// Throws unless only whitespace is left.
    package mutating func expectEnd() throws {
        skipWhitespace()
        guard offset == bytes.count else { throw corrupted("unexpected text after the value") }
    }

    /// Reads `{` and enters the object; read its members with ``nextKey(first:)``.
    package mutating func beginObject() throws {
        try expect(UInt8(ascii: "{"), "an object")
        try enter()
    }

    /// Reads the next member's key and its `:`, leaving the cursor at the value; `nil` (after reading `}`)
    /// when the object ends. Pass the same `first` flag, initially `true`, for every member of one object.
    package mutating func nextKey(first: inout Bool) throws -> JSONKey? {
        var byte = try peek()
        if byte == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return nil
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { throw corrupted("expected ',' or '}' in an object") }
            offset += 1
            byte = try peek()
        }
        first = false
        guard byte == UInt8(ascii: "\"") else { throw corrupted("expected a key") }
        let key = try scanString()
        try expect(UInt8(ascii: ":"), "':' after a key")
        return key
    }

    /// Consumes `literal` and returns `true` when the bytes at the cursor are exactly it; otherwise reads
    /// nothing and returns `false`. For readers of an encoder's own form, which know its next bytes (a member's
    /// name with its quotes, `,` and `:`) and fall back to ``nextKey(first:)`` when they differ.
    @inline(__always) package mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - offset >= count else { return false }
        let here = bytes.baseAddress! + offset
        let there = UnsafeRawPointer(literal.utf8Start)
        var index = 0
        while index + 8 <= count {
            guard
                here.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    == there.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            else { return false }
            index += 8
        }
        while index < count {
            guard here.load(fromByteOffset: index, as: UInt8.self) == there.load(fromByteOffset: index, as: UInt8.self)
            else { return false }
            index += 1
        }
        offset += count
        return true
    }

    /// Reads `[` and enters the array; read its elements with ``nextElement(first:)``.
    package mutating func beginArray() throws {
        try expect(UInt8(ascii: "["), "an array")
        try enter()
    }

    /// Moves to the next element and returns `true`, or reads `]` and returns `false`.
    package mutating func nextElement(first: inout Bool) throws -> Bool {
        let byte = try peek()
        if byte == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return false
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { throw corrupted("expected ',' or ']' in an array") }
            offset += 1
        }
        first = false
        return true
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw corrupted("nesting deeper than \(Self.maxDepth)") }
    }

    /// Skips one whole value of any kind, checking its grammar.
    package mutating func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "{"):
            try beginObject()
            var first = true
            while try nextKey(first: &first) != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            var first = true
            while try nextElement(first: &first) { try skipValue() }
        case UInt8(ascii: "\""): try scanString().validate()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
        case UInt8(ascii: "n"): try readLiteral("null")
        default: _ = try scanNumber()
        }
    }

    // MARK: Scalars

    /// Consumes `null` and returns `true` when it is next; otherwise reads nothing and returns `false`.
    package mutating func readNull() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try readLiteral("null")
        return true
    }

    /// Reads `true` or `false`.
    package mutating func readBool() throws -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return false
        default: throw corrupted("expected a boolean")
        }
    }

    private mutating func readLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - offset >= count,
            memcmp(bytes.baseAddress! + offset, literal.utf8Start, count) == 0
        else { throw corrupted("expected \(literal)") }
        offset += count
    }

    /// Reads a string value as its token: the raw bytes, escapes and UTF-8 checked only when its text is
    /// made (``JSONKey/string(at:)``) — for values compared or parsed without a string (enum cases, days).
    package mutating func readStringToken() throws -> JSONKey {
        guard try peek() == UInt8(ascii: "\"") else { throw corrupted("expected a string") }
        return try scanString()
    }

    /// Reads a string value.
    package mutating func readString() throws -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw corrupted("expected a string") }
        return try scanString().string(at: offset)
    }

    /// Reads an integer that fits `T` (a number with a fraction or exponent must be integral and fit).
    package mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let number = try scanNumber()
        if number.isIntegerLiteral {
            var value: T = 0
            let digits = UnsafeRawBufferPointer(rebasing: number.text[(number.isNegative ? 1 : 0)...])
            for digit in digits {
                let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
                let step = T(truncatingIfNeeded: digit &- 0x30)
                let (next, overflowStep) =
                    number.isNegative
                    ? times.subtractingReportingOverflow(step) : times.addingReportingOverflow(step)
                guard !overflowTimes, !overflowStep else { throw corrupted("\(number) does not fit \(T.self)") }
                value = next
            }
            return value
        }
        let double = try number.double(reader: self)
        guard let value = T(exactly: double) else { throw corrupted("\(number) does not fit \(T.self)") }
        return value
    }

    /// Reads an `Int`.
    package mutating func readInt() throws -> Int { try readInteger(Int.self) }

    /// Reads a number as a `Double` (the nearest one; a number beyond `Double`'s range is refused).
    package mutating func readDouble() throws -> Double {
        let number = try scanNumber()
        return try number.double(reader: self)
    }

    // MARK: For JSONDecodable types

    /// Reads an optional member: `null` is `nil`, anything else what `read` reads.
    @inline(__always) package mutating func readOptional<T>(_ read: (inout JSONReader) throws -> T) throws -> T? {
        try readNull() ? nil : try read(&self)
    }

    /// Reads a value of a ``JSONDecodable`` type.
    @inline(__always) package mutating func read<T: JSONDecodable>(_ type: T.Type) throws -> T {
        try T(json: &self)
    }

    // MARK: Lexing

    /// Scans a string token starting at its opening quote (checking escapes and UTF-8 later, when the text
    /// is needed) and leaves the cursor after the closing quote.
    private mutating func scanString() throws -> JSONKey {
        offset += 1
        let start = offset
        var escaped = false
        // Eight bytes at a time while none is a quote, a backslash, a control character or beyond ASCII.
        while bytes.count - offset >= 8 {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            guard !Self.mayEndOrEscape(word) else { break }
            offset += 8
        }
        while true {
            guard offset < bytes.count else { throw corrupted("unterminated string") }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                offset += 2
                continue
            }
            if byte < 0x20 { throw corrupted("control character in a string") }
            offset += 1
        }
        guard offset < bytes.count else { throw corrupted("unterminated string") }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
        offset += 1
        return JSONKey(raw: raw, hasEscapes: escaped, start: start)
    }

    /// Whether any byte of `word` is `"`, `\\`, below 0x20 or above 0x7F (SWAR: a byte is zero after the
    /// XOR exactly when it matched).
    @inline(__always) static func mayEndOrEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        return hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
            || (word &- ones &* 0x20) & ~word & highs != 0 || word & highs != 0
    }

    /// Scans a number token with JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func scanNumber() throws -> JSONNumber {
        skipWhitespace()
        let start = offset
        var integral = true
        func digits(_ reader: inout JSONReader) -> Int {
            let from = reader.offset
            while reader.offset < reader.bytes.count, (0x30...0x39).contains(reader.bytes[reader.offset]) {
                reader.offset += 1
            }
            return reader.offset - from
        }
        let negative = offset < bytes.count && bytes[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        let first = offset
        let count = digits(&self)
        guard count > 0 else { throw corrupted("expected a value") }
        if count > 1 && bytes[first] == UInt8(ascii: "0") { throw corrupted("a number with a leading zero") }
        if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
            integral = false
            offset += 1
            guard digits(&self) > 0 else { throw corrupted("expected digits after '.'") }
        }
        if offset < bytes.count && (bytes[offset] | 0x20) == UInt8(ascii: "e") {
            integral = false
            offset += 1
            if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) {
                offset += 1
            }
            guard digits(&self) > 0 else { throw corrupted("expected digits in an exponent") }
        }
        return JSONNumber(
            text: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), isNegative: negative,
            isIntegerLiteral: integral)
    }
}

/// A string token as it stands in the JSON text: the bytes between the quotes, escapes not yet resolved.
package struct JSONKey {
    /// The raw bytes between the quotes.
    let raw: UnsafeRawBufferPointer
    /// Whether the raw bytes hold a backslash escape.
    let hasEscapes: Bool
    /// Where the raw bytes start in the text, for error messages.
    let start: Int

    /// Checks the escapes and the UTF-8 of the token without keeping its text.
    package func validate() throws {
        if hasEscapes {
            _ = try string(at: start)
            return
        }
        var index = 0
        while raw.count - index >= 8,
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0
        {
            index += 8
        }
        while index < raw.count {
            let lead = raw[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
            default: throw error("invalid UTF-8", start + index)
            }
            guard index + length <= raw.count else { throw error("invalid UTF-8", start + index) }
            for continuation in raw[(index + 1)..<(index + length)] {
                guard continuation & 0xC0 == 0x80 else { throw error("invalid UTF-8", start + index) }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                throw error("invalid UTF-8", start + index)
            }
            index += length
        }
    }

    /// Whether the token's text is exactly `name`.
    @inline(__always) package func equals(_ name: StaticString) -> Bool {
        if hasEscapes { return (try? string(at: start)) == name.description }
        return raw.count == name.utf8CodeUnitCount && memcmp(raw.baseAddress!, name.utf8Start, raw.count) == 0
    }

    /// Whether the token's text is exactly `name` (a name known only at run time, e.g. a coding key).
    func matches(_ name: String) -> Bool {
        if hasEscapes { return (try? string(at: start)) == name }
        var name = name
        return name.withUTF8 { utf8 in
            utf8.count == raw.count && (raw.count == 0 || memcmp(raw.baseAddress!, utf8.baseAddress!, raw.count) == 0)
        }
    }

    /// The token's text, escapes resolved; throws for a bad escape or invalid UTF-8.
    func string(at offset: Int) throws -> String {
        if !hasEscapes {
            try validate()
            return String(decoding: raw, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        func hex(_ at: Int) throws -> UInt32 {
            guard at + 4 <= raw.count else { throw error("short \\u escape", offset) }
            var value: UInt32 = 0
            for byte in raw[at..<(at + 4)] {
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: throw error("bad hex digit in a \\u escape", offset)
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < raw.count else { throw error("unterminated escape", offset) }
            let code = raw[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(code)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex(index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u")
                    else { throw error("a high surrogate without its low half", offset) }
                    let low = try hex(index + 2)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error("a high surrogate without its low half", offset)
                    }
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("a low surrogate without its high half", offset)
                }
                output.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default: throw error("unknown escape '\\\(Character(Unicode.Scalar(code)))'", offset)
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw error("invalid UTF-8", offset) }
        return text
    }

    private func error(_ what: String, _ offset: Int) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "JSON payload: \(what) in the string at byte \(start)"))
    }
}

/// A number token as it stands in the JSON text.
struct JSONNumber: CustomStringConvertible {
    let text: UnsafeRawBufferPointer
    let isNegative: Bool
    /// No fraction and no exponent.
    let isIntegerLiteral: Bool

    var description: String { String(decoding: text, as: UTF8.self) }

    /// The nearest `Double`; throws for a number beyond its range (as Foundation's `JSONDecoder` does).
    func double(reader: JSONReader) throws -> Double {
        guard let value = Double(description), value.isFinite else {
            throw reader.corrupted("\(description) is not representable as a Double")
        }
        return value
    }
}

/// A coding key named by a string, for errors about missing members.
package struct JSONKeyName: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}

/// A value that reads its JSON form directly from a ``JSONReader`` — without `Decodable`'s containers and
/// without Foundation's `JSONDecoder` — for the types on the replay hot path.
///
/// `init(json:)` must accept exactly what the type's `Decodable` form accepts from JSON (members in any
/// order, unknown members ignored, `null` or a missing member for an optional); the codec's tests check
/// every conforming type against the `Decodable` path.
package protocol JSONDecodable: Decodable, SendableMetatype {
    /// Reads the value from the reader's current offset.
    init(json reader: inout JSONReader) throws
}
