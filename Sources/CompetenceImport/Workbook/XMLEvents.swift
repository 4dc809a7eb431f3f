import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an XML part of a workbook as a stream of events (Foundation's `XMLParser`): element starts with their
/// attributes, element ends and text, with elements named by their local name (namespace prefixes dropped) and
/// external entities never resolved.
struct XMLEvents {
    /// What a reader is told.
    enum Event {
        case start(String, attributes: [String: String])
        case end(String)
        case text(String)
    }

    /// Parses `data`, calling `handle` for every event; a malformed part is a `badWorkbook` error naming `part`.
    static func read(_ data: Data, part: String, file: String, _ handle: @escaping (Event) -> Void) throws {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(handle)
        parser.delegate = delegate
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            throw ImportFileError.badWorkbook(
                file: file, reason: "the part \(part) is not readable XML (line \(parser.lineNumber): \(reason))")
        }
        // Foundation's parser on Linux accepts a document that ends inside its elements: a cut-short part would
        // lose its last rows silently.
        guard delegate.sawRoot, delegate.depth == 0 else {
            throw ImportFileError.badWorkbook(
                file: file, reason: "the part \(part) ends before its elements close (a cut-short file?)")
        }
    }

    /// The attribute `name` of an element, found by its local name (`r:id` is found as `id`).
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { $0.key.hasSuffix(":" + name) }?.value
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let handle: (Event) -> Void
        /// Elements open now.
        var depth = 0
        /// Whether a root element was seen.
        var sawRoot = false
        init(_ handle: @escaping (Event) -> Void) { self.handle = handle }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            depth += 1
            sawRoot = true
            handle(.start(Self.local(elementName), attributes: attributeDict))
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            depth -= 1
            handle(.end(Self.local(elementName)))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { handle(.text(string)) }

        private static func local(_ name: String) -> String {
            name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
        }
    }
}

/// OOXML's escapes of characters XML cannot hold: `_xHHHH_` is the character U+HHHH (`_x005F_` an underscore).
enum OOXMLText {
    /// `text` with every `_xHHHH_` replaced by its character.
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "_x") {
            result += rest[..<start.lowerBound]
            let digits = rest[start.upperBound...].prefix(5)
            if digits.count == 5, digits.last == "_", let code = UInt32(digits.prefix(4), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                result.unicodeScalars.append(scalar)
                rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
            } else {
                result += "_x"
                rest = rest[start.upperBound...]
            }
        }
        return result + rest
    }
}
