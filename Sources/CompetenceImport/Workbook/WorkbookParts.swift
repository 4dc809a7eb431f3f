import Foundation

/// `xl/workbook.xml`: the sheets in order (name and relationship id) and the date system.
struct WorkbookParts {
    var sheets: [(name: String, relationship: String)] = []
    /// Whether serial dates count from 1904-01-01 (`workbookPr date1904="1"`).
    var uses1904 = false

    static func parse(_ data: Data, file: String) throws -> WorkbookParts {
        var parts = WorkbookParts()
        try XMLEvents.read(data, part: "xl/workbook.xml", file: file) { event in
            guard case .start(let name, let attributes) = event else { return }
            switch name {
            case "workbookPr":
                let flag = attributes["date1904"]?.lowercased()
                parts.uses1904 = flag == "1" || flag == "true"
            case "sheet":
                if let sheet = attributes["name"], let relationship = XMLEvents.attribute("id", in: attributes) {
                    parts.sheets.append((OOXMLText.unescaped(sheet), relationship))
                }
            default: break
            }
        }
        return parts
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → target part.
struct Relationships {
    var targets: [String: String] = [:]

    static func parse(_ data: Data, file: String) throws -> Relationships {
        var relationships = Relationships()
        try XMLEvents.read(data, part: "xl/_rels/workbook.xml.rels", file: file) { event in
            guard case .start("Relationship", let attributes) = event, let id = attributes["Id"],
                let target = attributes["Target"]
            else { return }
            relationships.targets[id] = target
        }
        return relationships
    }

    /// The archive path of `target`: absolute (`/xl/worksheets/sheet1.xml`) or relative to `directory`.
    static func resolve(_ target: String, from directory: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = directory.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case "..": if !components.isEmpty { components.removeLast() }
            case ".": break
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }
}

/// `xl/sharedStrings.xml`: the strings cells of type `s` index, each the text of its runs (phonetic guides left
/// out).
enum SharedStrings {
    static func parse(_ data: Data, file: String) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try XMLEvents.read(data, part: "xl/sharedStrings.xml", file: file) { event in
            switch event {
            case .start("si", _): current = ""
            case .start("rPh", _): phonetic += 1
            case .end("rPh"): phonetic -= 1
            case .start("t", _): inText = phonetic == 0
            case .end("t"): inText = false
            case .text(let text) where inText: current += text
            case .end("si"): strings.append(OOXMLText.unescaped(current))
            default: break
            }
        }
        return strings
    }
}

/// `xl/styles.xml`, as far as values need it: which cell styles (`s`) show numbers as dates.
struct WorkbookStyles {
    /// Per cell style (`cellXfs` in order): its number format shows a date.
    var dateStyles: [Bool] = []

    func isDate(style: Int?) -> Bool {
        guard let style, dateStyles.indices.contains(style) else { return false }
        return dateStyles[style]
    }

    static func parse(_ data: Data, file: String) throws -> WorkbookStyles {
        var formats: [Int: String] = [:]
        var styleFormats: [Int] = []
        var inCellFormats = false
        try XMLEvents.read(data, part: "xl/styles.xml", file: file) { event in
            switch event {
            case .start("numFmt", let attributes):
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                    formats[id] = code
                }
            case .start("cellXfs", _): inCellFormats = true
            case .end("cellXfs"): inCellFormats = false
            case .start("xf", let attributes) where inCellFormats:
                styleFormats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        return WorkbookStyles(
            dateStyles: styleFormats.map { id in formats[id].map(isDateFormat) ?? builtInDates.contains(id) })
    }

    /// The built-in number formats that show a date (with or without a time): 14–17, 22, and the East Asian
    /// date formats 27–36 and 50–58.
    static let builtInDates: Set<Int> = Set([14, 15, 16, 17, 22] + Array(27...36) + Array(50...58))

    /// Whether a format code shows a date: it has a day or year part (`d`, `y`) outside quoted text, `[…]`
    /// sections and `\`-escaped characters. Time-only formats (`h:mm`) are numbers here.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "d", "y": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}
