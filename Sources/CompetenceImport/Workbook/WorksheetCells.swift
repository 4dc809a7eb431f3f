import Foundation

/// A worksheet part (`xl/worksheets/sheetN.xml`) as stored: every `<c>` element with its address, type, style
/// and value (`<v>`, or the text of an inline string `<is>`). Formulas are not evaluated; their stored result
/// is the value.
enum WorksheetCells {
    /// One stored cell: zero-based row and column (from its `r` address, else following the previous one).
    struct StoredCell {
        var row: Int
        var column: Int
        var type: String?
        var style: Int?
        var value = ""
        var inline: String?
    }

    /// The largest sheet Excel writes: 1,048,576 rows and 16,384 columns (A–XFD).
    static let maximumRows = 1 << 20
    static let maximumColumns = 1 << 14

    static func parse(_ data: Data, file: String, sheet: String) throws -> [StoredCell] {
        var cells: [StoredCell] = []
        var row = -1
        var column = -1
        var current: StoredCell?
        var inValue = false
        var inInline = false
        var inInlineText = false
        var phonetic = 0
        var fault: String?
        try XMLEvents.read(data, part: "the sheet '\(sheet)'", file: file) { event in
            guard fault == nil else { return }
            switch event {
            case .start("row", let attributes):
                if let number = attributes["r"].flatMap({ Int($0) }) {
                    guard (1...maximumRows).contains(number) else {
                        fault = "row number \(number) is outside 1–\(maximumRows)"
                        return
                    }
                    row = number - 1
                } else {
                    row += 1
                }
                column = -1
            case .start("c", let attributes):
                if let address = attributes["r"] {
                    guard let parsed = CellAddress(address), parsed.column < maximumColumns,
                        parsed.row < maximumRows
                    else {
                        fault = "the cell address '\(address)' is not a cell of a sheet"
                        return
                    }
                    row = parsed.row
                    column = parsed.column
                } else {
                    column += 1
                }
                current = StoredCell(
                    row: max(row, 0), column: max(column, 0), type: attributes["t"],
                    style: attributes["s"].flatMap { Int($0) })
            case .start("v", _): inValue = current != nil
            case .end("v"): inValue = false
            case .start("is", _): inInline = current != nil
            case .end("is"): inInline = false
            case .start("rPh", _): phonetic += 1
            case .end("rPh"): phonetic -= 1
            case .start("t", _): inInlineText = inInline && phonetic == 0
            case .end("t"): inInlineText = false
            case .text(let text):
                if inValue { current?.value += text }
                if inInlineText, var cell = current {
                    cell.inline = (cell.inline ?? "") + text
                    current = cell
                }
            case .end("c"):
                if var cell = current {
                    if cell.type == "s" || cell.type == "inlineStr" || cell.type == "str" {
                        cell.value = OOXMLText.unescaped(cell.value)
                        cell.inline = cell.inline.map(OOXMLText.unescaped)
                    }
                    cells.append(cell)
                }
                current = nil
            default: break
            }
        }
        if let fault { throw ImportFileError.badWorkbook(file: file, reason: "in the sheet '\(sheet)': \(fault)") }
        return cells
    }
}

/// A cell address such as `B12`: zero-based column and row.
struct CellAddress: Hashable {
    var column: Int
    var row: Int

    init?(_ text: String) {
        var column = 0
        var letters = 0
        var digits = Substring(text)
        for character in text {
            guard let ascii = character.asciiValue, (65...90).contains(ascii) || (97...122).contains(ascii) else {
                break
            }
            column = column * 26 + Int((ascii & 0xDF) - 64)
            letters += 1
            guard letters <= 3 else { return nil }
            digits = digits.dropFirst()
        }
        guard letters > 0, !digits.isEmpty, digits.allSatisfy(\.isASCII), let row = Int(digits), row >= 1 else {
            return nil
        }
        self.column = column - 1
        self.row = row - 1
    }
}
