extension CanonicalJSON {
    /// Whether `bytes` is already in canonical form, so that ``canonical(_:)`` would give them back unchanged:
    /// one pass, no allocation. Payloads written by ``JSONPayloadCoding`` (sorted keys, no whitespace) usually
    /// are, and the history chain hashes them as they lie instead of parsing and writing them again.
    ///
    /// It is conservative: `false` means only "not shown canonical here" (an escape in a key, a key order it
    /// does not see as strictly increasing, a number or escape in another spelling), and the full parser then
    /// decides — including whether the text is JSON at all. `true` is given only for text that is one JSON
    /// value whose canonical form is itself.
    static func isCanonical(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var scanner = VerbatimScanner(bytes: bytes)
        guard scanner.value(depth: 0), scanner.index == bytes.count else { return false }
        return true
    }
}

/// The one-pass check behind ``CanonicalJSON/isCanonical(_:)``.
private struct VerbatimScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func value(depth: Int) -> Bool {
        guard let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth + 1)
        case UInt8(ascii: "["): return array(depth: depth + 1)
        case UInt8(ascii: "\""): return string(isKey: false) != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return false
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Members with keys in strictly increasing byte order (keys without escapes, so their bytes are their
    /// UTF-8 content), no whitespace.
    private mutating func object(depth: Int) -> Bool {
        guard depth <= CanonicalJSON.maxDepth else { return false }
        index += 1
        if current == UInt8(ascii: "}") {
            index += 1
            return true
        }
        var previous: Range<Int>? = nil
        while true {
            guard current == UInt8(ascii: "\"") else { return false }
            let start = index + 1
            guard let end = string(isKey: true) else { return false }
            let key = start..<end
            if let previous, !Self.precedes(bytes, previous, key) { return false }
            previous = key
            guard current == UInt8(ascii: ":") else { return false }
            index += 1
            guard value(depth: depth) else { return false }
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return true
            default: return false
            }
        }
    }

    private static func precedes(_ bytes: UnsafeRawBufferPointer, _ left: Range<Int>, _ right: Range<Int>) -> Bool {
        UnsafeRawBufferPointer(rebasing: bytes[left]).lexicographicallyPrecedes(
            UnsafeRawBufferPointer(rebasing: bytes[right]))
    }

    private mutating func array(depth: Int) -> Bool {
        guard depth <= CanonicalJSON.maxDepth else { return false }
        index += 1
        if current == UInt8(ascii: "]") {
            index += 1
            return true
        }
        while true {
            guard value(depth: depth) else { return false }
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return true
            default: return false
            }
        }
    }

    /// A string (at its opening quote) in the canonical spelling: well-formed UTF-8, no raw controls, and only
    /// the escapes the canonical form writes; a key without any escape. Returns the offset of the closing
    /// quote (the cursor is then past it), or `nil`.
    private mutating func string(isKey: Bool) -> Int? {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return index - 1
            case UInt8(ascii: "\\"):
                guard !isKey, escape() else { return nil }
            case 0x00..<0x20:
                return nil
            case 0x80...:
                guard let length = utf8Sequence() else { return nil }
                index += length
            default:
                index += 1
            }
        }
        return nil
    }

    /// An escape as the canonical form writes it: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, or `\u00xx` (lower-case
    /// hex) for the other controls.
    private mutating func escape() -> Bool {
        guard index + 1 < bytes.count else { return false }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"),
            UInt8(ascii: "f"), UInt8(ascii: "r"):
            index += 2
            return true
        case UInt8(ascii: "u"):
            guard index + 6 <= bytes.count, bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0")
            else { return false }
            let high = bytes[index + 4]
            let low = bytes[index + 5]
            guard high == UInt8(ascii: "0") || high == UInt8(ascii: "1") else { return false }
            let lowValue: UInt8
            switch low {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): lowValue = low - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): lowValue = low - UInt8(ascii: "a") + 10
            default: return false
            }
            let scalar = (high - UInt8(ascii: "0")) << 4 | lowValue
            // These five have their short escapes in the canonical form.
            guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(scalar) else { return false }
            index += 6
            return true
        default:
            return false
        }
    }

    /// The length of the well-formed UTF-8 sequence at `index` (the same rules as the parser's), or `nil`.
    private func utf8Sequence() -> Int? {
        UTF8Sequence.length(in: bytes, at: index)
    }

    /// A number as the canonical form writes it: `-` only before a non-zero value, an integer part without
    /// leading zeros, a fraction without trailing zeros, no exponent; an integer of at most 40 digits, a
    /// value below 1 with at most 40 zeros after the point.
    private mutating func number() -> Bool {
        var negative = false
        if current == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard let first = current, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
        var integerDigits = 0
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                integerDigits += 1
                index += 1
            }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            var leadingZeros = 0
            var sawNonZero = false
            var last: UInt8 = 0
            var digits = 0
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if byte != UInt8(ascii: "0") {
                    sawNonZero = true
                } else if !sawNonZero {
                    leadingZeros += 1
                }
                last = byte
                digits += 1
                index += 1
            }
            guard digits > 0, last != UInt8(ascii: "0") else { return false }
            if integerDigits == 0, leadingZeros > 40 { return false }
        } else {
            if integerDigits == 0, negative { return false }  // "-0"
            if integerDigits > 40 { return false }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") { return false }
        return true
    }
}
