import Foundation

/// The passwords a libpq connection string carries, found the way libpq reads the string, so that no
/// message or log line shows them: the URI forms `postgres://user:PASSWORD@host` and `…?password=PASSWORD`
/// (percent-encoded or not), and keyword/value `password=PASSWORD` or `password = 'QUOTED \' VALUE'`.
struct ConnectionString: Sendable {
    /// The text as given.
    let text: String
    /// Where each password value stands in ``text`` (UTF-8 offsets, quotes included).
    let passwordSpans: [Range<Int>]
    /// Every form of every password that could appear in a message: as written, decoded, unquoted.
    let secrets: [String]

    /// What replaces a password.
    static let mask = "***"

    init(_ text: String) {
        self.text = text
        let bytes = Array(text.utf8)
        let spans: [Range<Int>]
        var decoded: [String] = []
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            spans = Self.uriPasswordSpans(bytes)
            for span in spans {
                let raw = String(decoding: bytes[span], as: UTF8.self)
                if let value = raw.removingPercentEncoding { decoded.append(value) }
                decoded.append(raw.replacingOccurrences(of: "+", with: " "))
            }
        } else {
            let values = Self.keywordPasswordValues(bytes)
            spans = values.map(\.span)
            decoded = values.map(\.value)
        }
        passwordSpans = spans
        let written = spans.map { String(decoding: bytes[$0], as: UTF8.self) }
        // Longest first, so that a password containing another is masked whole.
        secrets = Array(Set((written + decoded).filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    /// The text with every password replaced by `***`.
    var redacted: String {
        guard !passwordSpans.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for span in passwordSpans.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            bytes.replaceSubrange(span, with: Self.mask.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `message` with every occurrence of a password (in any form it has here) replaced by `***`.
    func scrub(_ message: String) -> String {
        var message = message
        for secret in secrets where message.contains(secret) {
            message = message.replacingOccurrences(of: secret, with: Self.mask)
        }
        return message
    }

    // MARK: URI

    /// The password of the user info (`user:PASSWORD@`, before the first `/` after the scheme) and every
    /// `password=` query value.
    private static func uriPasswordSpans(_ bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        guard let scheme = firstIndex(of: Array("://".utf8), in: bytes) else { return [] }
        let authorityStart = scheme + 3
        var index = authorityStart
        while index < bytes.count, bytes[index] != UInt8(ascii: "@"), bytes[index] != UInt8(ascii: "/"),
            bytes[index] != UInt8(ascii: "?")
        {
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "@"),
            let colon = bytes[authorityStart..<index].firstIndex(of: UInt8(ascii: ":"))
        {
            spans.append((colon + 1)..<index)
        }
        guard let query = bytes.firstIndex(of: UInt8(ascii: "?")) else { return spans }
        var start = query + 1
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
            let pair = bytes[start..<end]
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                let key = String(decoding: bytes[start..<equals], as: UTF8.self)
                if (key.removingPercentEncoding ?? key) == "password" { spans.append((equals + 1)..<end) }
            }
            start = end + 1
        }
        return spans
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    // MARK: Keyword/value

    /// Reads `keyword = value` pairs as libpq does (values single-quoted or bare, backslash escapes) and
    /// returns every `password` value with its span. Stops quietly at text libpq would refuse.
    private static func keywordPasswordValues(_ bytes: [UInt8]) -> [(span: Range<Int>, value: String)] {
        var found: [(span: Range<Int>, value: String)] = []
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        func skipSpaces() { while index < bytes.count, isSpace(bytes[index]) { index += 1 } }
        while true {
            skipSpaces()
            guard index < bytes.count else { break }
            let keyStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let keyword = String(decoding: bytes[keyStart..<index], as: UTF8.self)
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { break }
            index += 1
            skipSpaces()
            let valueStart = index
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "'") {
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "'") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                    value.append(bytes[index])
                    index += 1
                }
                if index < bytes.count { index += 1 }
            } else {
                while index < bytes.count, !isSpace(bytes[index]) {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                    value.append(bytes[index])
                    index += 1
                }
            }
            if keyword == "password" {
                found.append((valueStart..<index, String(decoding: value, as: UTF8.self)))
            }
        }
        return found
    }
}
