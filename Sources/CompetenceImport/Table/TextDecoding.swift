import Foundation

/// How the bytes of a text export are decoded: the byte-order mark decides (UTF-8, UTF-16 little or big
/// endian — Excel's "Unicode text" and some survey tools write UTF-16); without one the file must be UTF-8.
enum TextDecoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16LittleEndian = "UTF-16 LE with BOM"
    case utf16BigEndian = "UTF-16 BE with BOM"

    /// The encoding `data` announces by its byte-order mark (UTF-8 without one).
    static func detect(_ data: Data) -> TextDecoding {
        let bytes = Array(data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8WithBOM }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        return .utf8
    }

    /// The text of `data` without its byte-order mark, or `nil` when the bytes are not valid in this encoding.
    func text(of data: Data) -> String? {
        switch self {
        case .utf8: String(data: data, encoding: .utf8)
        case .utf8WithBOM: String(data: data.dropFirst(3), encoding: .utf8)
        case .utf16LittleEndian: Self.utf16(data.dropFirst(2), littleEndian: true)
        case .utf16BigEndian: Self.utf16(data.dropFirst(2), littleEndian: false)
        }
    }

    /// Strict UTF-16: an odd byte count or an unpaired surrogate is not text.
    private static func utf16(_ data: Data, littleEndian: Bool) -> String? {
        guard data.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var index = data.startIndex
        while index < data.endIndex {
            let first = UInt16(data[index])
            let second = UInt16(data[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var text = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.append(scalar)
            case .emptyInput: return String(text)
            case .error: return nil
            }
        }
    }
}
