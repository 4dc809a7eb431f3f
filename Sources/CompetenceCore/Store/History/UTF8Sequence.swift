/// Well-formed UTF-8 as canonical JSON admits it (RFC 3629: no overlong forms, no surrogates, nothing above
/// U+10FFFF): one rule for the parser and for the check that a payload is already canonical.
enum UTF8Sequence {
    /// The length of the well-formed UTF-8 sequence that starts at `index` of `bytes`, or `nil` when the bytes
    /// there are not one.
    @inline(__always)
    static func length<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at index: Int) -> Int?
    where Bytes.Index == Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard index + length <= bytes.endIndex else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let (min, max) = offset == 1 ? (low, high) : (0x80, 0xBF)
            guard byte >= min, byte <= max else { return nil }
        }
        return length
    }
}
