/// The canonical form of a JSON text, as the history chain hashes JSON payloads (history chain version 1).
///
/// PostgreSQL's `jsonb` keeps a payload's meaning but not its bytes: it reorders object keys, drops
/// whitespace and rewrites numbers. The canonical form is what every spelling of the same JSON value has in
/// common, so a payload read back from `jsonb` hashes like the bytes appended:
/// - no whitespace outside strings;
/// - object members sorted by the UTF-8 bytes of their (unescaped) keys; of a key given twice, the last
///   member is kept (as `jsonb` does);
/// - strings in UTF-8 with only `"` and `\` escaped (`\"`, `\\`) and the controls U+0000–U+001F written
///   `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx` (lower-case hex); every other character is written as itself;
/// - numbers as their exact decimal value: an optional `-` (never for zero), then the digits without
///   leading zeros, with a `.` and no trailing zeros when there is a fraction (`1.50` → `1.5`, `1e2` →
///   `100`, `-0.0` → `0`); a value whose integer part would need more than 40 digits, or whose fraction would
///   need more than 40 zeros after the point, is written `DIGITSeEXPONENT` with integer digits and no
///   trailing zeros (`1e100` → `1e100`, `12e-50` → `12e-50`);
/// - `true`, `false` and `null` as themselves.
///
/// Input must be one JSON value (RFC 8259) in UTF-8, nested at most ``maxDepth`` deep; anything else is
/// refused with a typed error.
public enum CanonicalJSON {
    /// The deepest nesting of arrays and objects accepted.
    public static let maxDepth = 512

    /// Why a JSON text has no canonical form.
    public struct Error: Swift.Error, Hashable, Sendable, CustomStringConvertible {
        /// The byte offset in the text where the problem was found.
        public var offset: Int
        /// What is wrong.
        public var reason: String

        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// The canonical bytes of the JSON text `bytes`.
    public static func canonical(_ bytes: some Collection<UInt8>) throws(Error) -> [UInt8] {
        let verbatim = bytes.withContiguousStorageIfAvailable { isCanonical(UnsafeRawBufferPointer($0)) }
        if verbatim == true { return Array(bytes) }
        return try parsed(bytes)
    }

    /// The canonical bytes of `bytes` by parsing and writing them (``canonical(_:)`` without its shortcut for
    /// text that is canonical already).
    static func parsed(_ bytes: some Collection<UInt8>) throws(Error) -> [UInt8] {
        var parser = Parser(bytes: Array(bytes))
        var output: [UInt8] = []
        output.reserveCapacity(parser.bytes.count)
        parser.skipWhitespace()
        try parser.value(into: &output, depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("text after the JSON value") }
        return output
    }

    /// A recursive-descent reader that writes the canonical form as it reads.
    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func error(_ reason: String) -> Error { Error(offset: index, reason: reason) }

        mutating func skipWhitespace() {
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
                    || bytes[index] == 0x09
            {
                index += 1
            }
        }

        mutating func value(into output: inout [UInt8], depth: Int) throws(Error) {
            guard index < bytes.count else { throw error("the text ends where a value should be") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object(into: &output, depth: depth + 1)
            case UInt8(ascii: "["): try array(into: &output, depth: depth + 1)
            case UInt8(ascii: "\""):
                let string = try self.string()
                Self.write(string: string, into: &output)
            case UInt8(ascii: "t"): try literal("true", into: &output)
            case UInt8(ascii: "f"): try literal("false", into: &output)
            case UInt8(ascii: "n"): try literal("null", into: &output)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(into: &output)
            default: throw error("unexpected character")
            }
        }

        mutating func literal(_ word: String, into output: inout [UInt8]) throws(Error) {
            let text = Array(word.utf8)
            guard index + text.count <= bytes.count, bytes[index..<index + text.count].elementsEqual(text) else {
                throw error("unexpected character")
            }
            output.append(contentsOf: text)
            index += text.count
        }

        mutating func object(into output: inout [UInt8], depth: Int) throws(Error) {
            guard depth <= CanonicalJSON.maxDepth else { throw error("nested deeper than \(CanonicalJSON.maxDepth)") }
            index += 1
            var members: [(key: [UInt8], value: [UInt8])] = []
            var places: [[UInt8]: Int] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                output.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
                return
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("an object key must be a string")
                }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                skipWhitespace()
                var value: [UInt8] = []
                try self.value(into: &value, depth: depth)
                if let existing = places[key] {
                    members[existing].value = value
                } else {
                    places[key] = members.count
                    members.append((key, value))
                }
                skipWhitespace()
                guard index < bytes.count else { throw error("the text ends inside an object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                index += 1
                break
            }
            members.sort { $0.key.lexicographicallyPrecedes($1.key) }
            output.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                Self.write(string: member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                output.append(contentsOf: member.value)
            }
            output.append(UInt8(ascii: "}"))
        }

        mutating func array(into output: inout [UInt8], depth: Int) throws(Error) {
            guard depth <= CanonicalJSON.maxDepth else { throw error("nested deeper than \(CanonicalJSON.maxDepth)") }
            index += 1
            output.append(UInt8(ascii: "["))
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                output.append(UInt8(ascii: "]"))
                return
            }
            var first = true
            while true {
                skipWhitespace()
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                try value(into: &output, depth: depth)
                skipWhitespace()
                guard index < bytes.count else { throw error("the text ends inside an array") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
                index += 1
                break
            }
            output.append(UInt8(ascii: "]"))
        }

        /// Reads a string (at its opening quote) and returns its content as UTF-8, escapes resolved.
        mutating func string() throws(Error) -> [UInt8] {
            index += 1
            var content: [UInt8] = []
            while true {
                guard index < bytes.count else { throw error("the text ends inside a string") }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return content
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error("the text ends inside an escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): content.append(escape)
                    case UInt8(ascii: "b"): content.append(0x08)
                    case UInt8(ascii: "f"): content.append(0x0C)
                    case UInt8(ascii: "n"): content.append(0x0A)
                    case UInt8(ascii: "r"): content.append(0x0D)
                    case UInt8(ascii: "t"): content.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                                bytes[index + 1] == UInt8(ascii: "u")
                            else { throw error("a high surrogate without its low surrogate") }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else {
                                throw error("a high surrogate without its low surrogate")
                            }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw error("a low surrogate without its high surrogate")
                        }
                        content.append(contentsOf: Unicode.Scalar(scalar).map { Array(String($0).utf8) } ?? [])
                    default:
                        throw error("an unknown escape")
                    }
                case 0x00..<0x20:
                    throw error("a control character inside a string must be escaped")
                case 0x80...:
                    let length = try utf8Sequence()
                    content.append(contentsOf: bytes[index..<index + length])
                    index += length
                default:
                    content.append(byte)
                    index += 1
                }
            }
        }

        /// The length of the well-formed UTF-8 sequence at `index` (RFC 3629: no overlong forms, no surrogates).
        func utf8Sequence() throws(Error) -> Int {
            guard let length = UTF8Sequence.length(in: bytes, at: index) else { throw error("not UTF-8") }
            return length
        }

        mutating func hex4() throws(Error) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
            var value: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("a \\u escape needs four hex digits")
                }
                value = value << 4 | digit
            }
            index += 4
            return value
        }

        /// Reads a number (RFC 8259 grammar) and writes its canonical form.
        mutating func number(into output: inout [UInt8]) throws(Error) {
            let start = index
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            func isDigit(_ position: Int) -> Bool {
                position < bytes.count && bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9")
            }
            guard isDigit(index) else { throw Error(offset: start, reason: "a number needs digits") }
            var digits: [UInt8] = []
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                guard !isDigit(index) else { throw Error(offset: start, reason: "a number has a leading zero") }
            } else {
                while isDigit(index) {
                    digits.append(bytes[index])
                    index += 1
                }
            }
            var exponent = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard isDigit(index) else { throw Error(offset: start, reason: "a fraction needs digits") }
                while isDigit(index) {
                    digits.append(bytes[index])
                    exponent -= 1
                    index += 1
                }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                var negativeExponent = false
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    negativeExponent = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                guard isDigit(index) else { throw Error(offset: start, reason: "an exponent needs digits") }
                var value = 0
                while isDigit(index) {
                    value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                    guard value <= 1_000_000 else { throw Error(offset: start, reason: "the exponent is too large") }
                    index += 1
                }
                exponent += negativeExponent ? -value : value
            }
            // The value is DIGITS × 10^exponent; drop leading and trailing zeros.
            let firstNonZero = digits.firstIndex { $0 != UInt8(ascii: "0") }
            guard let firstNonZero else {
                output.append(UInt8(ascii: "0"))
                return
            }
            var lastNonZero = digits.count - 1
            while digits[lastNonZero] == UInt8(ascii: "0") {
                lastNonZero -= 1
                exponent += 1
            }
            let significant = Array(digits[firstNonZero...lastNonZero])
            if negative { output.append(UInt8(ascii: "-")) }
            Self.write(significant: significant, exponent: exponent, into: &output)
        }

        /// Writes `significant × 10^exponent` (significant: digits without leading or trailing zeros).
        static func write(significant: [UInt8], exponent: Int, into output: inout [UInt8]) {
            let zero = UInt8(ascii: "0")
            if exponent >= 0 {
                if significant.count + exponent <= 40 {
                    output.append(contentsOf: significant)
                    output.append(contentsOf: repeatElement(zero, count: exponent))
                    return
                }
            } else {
                let fraction = -exponent
                if fraction < significant.count {
                    output.append(contentsOf: significant[..<(significant.count - fraction)])
                    output.append(UInt8(ascii: "."))
                    output.append(contentsOf: significant[(significant.count - fraction)...])
                    return
                }
                if fraction - significant.count <= 40 {
                    output.append(contentsOf: [zero, UInt8(ascii: ".")])
                    output.append(contentsOf: repeatElement(zero, count: fraction - significant.count))
                    output.append(contentsOf: significant)
                    return
                }
            }
            output.append(contentsOf: significant)
            output.append(UInt8(ascii: "e"))
            output.append(contentsOf: String(exponent).utf8)
        }

        /// Writes a string's UTF-8 content with the canonical escapes.
        static func write(string content: [UInt8], into output: inout [UInt8]) {
            output.append(UInt8(ascii: "\""))
            for byte in content {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), byte])
                case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x00..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: Array("\\u00".utf8))
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0x0F)])
                default: output.append(byte)
                }
            }
            output.append(UInt8(ascii: "\""))
        }
    }
}
