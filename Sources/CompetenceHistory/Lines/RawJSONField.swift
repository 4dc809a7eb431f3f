import Foundation

/// Finds the exact bytes of one top-level field's value in a JSON object, without re-encoding them.
///
/// A history line carries an event's payload as JSON; importing it must store the payload's bytes exactly as
/// exported, which a decode–encode round trip would not guarantee. The scanner assumes the line has already
/// been checked to be valid JSON.
enum RawJSONField {
    /// The byte range of the value of top-level `key` in the JSON object `bytes`, or `nil` when the object has
    /// no such key (or `bytes` is not an object).
    static func range(of key: String, in bytes: [UInt8]) -> Range<Int>? {
        var index = 0
        skipWhitespace(bytes, &index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        // Lines are checked to be JSON first, but a summary line is scanned as it comes: every step below stays
        // within `bytes`, so damaged input gives nil (and the caller's typed error), never a crash.
        while true {
            skipWhitespace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let keyStart = index
            skipString(bytes, &index)
            let keyBytes = Array(bytes[keyStart..<index])
            let name = try? JSONDecoder().decode(String.self, from: Data(keyBytes))
            skipWhitespace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipWhitespace(bytes, &index)
            let valueStart = index
            skipValue(bytes, &index)
            // A value that runs to the end was cut short: a whole object still has its closing brace to come.
            guard index < bytes.count else { return nil }
            if name == key { return valueStart..<index }
            skipWhitespace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }

    private static func skipWhitespace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Moves past a string starting at its opening quote (to the end of `bytes` when it never closes, never
    /// beyond it: a cut-short line ending in a backslash must not move the index past the last byte).
    private static func skipString(_ bytes: [UInt8], _ index: inout Int) {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index = min(index + 2, bytes.count)
            case UInt8(ascii: "\""):
                index += 1
                return
            default: index += 1
            }
        }
    }

    /// Moves past any value: a string, an object or array (with everything nested), or a literal.
    private static func skipValue(_ bytes: [UInt8], _ index: inout Int) {
        guard index < bytes.count else { return }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            skipString(bytes, &index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    skipString(bytes, &index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
                index += 1
                if depth == 0 { return }
            }
        default:
            while index < bytes.count,
                ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(
                    bytes[index])
            {
                index += 1
            }
        }
    }
}
