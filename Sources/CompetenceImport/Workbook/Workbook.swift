import CompetenceCore
import Foundation
import ZIPFoundation

/// An Excel workbook (`.xlsx`, Office Open XML spreadsheet) opened for reading one sheet: the zip container
/// is read by ZIPFoundation, its XML parts by Foundation's `XMLParser`.
///
/// What is read: the sheet list (`xl/workbook.xml` and its relationships), shared strings, the number formats
/// of cell styles (to tell date cells from numbers) and the sheet's cells — shared strings, inline strings,
/// formula results, numbers, booleans, ISO dates, and numbers whose style is a date format as Excel serial
/// dates (the 1900 system, or 1904 when the workbook says so). A part is read into memory only up to
/// ``partLimit`` bytes, so a hostile archive cannot make the import expand without end.
struct Workbook {
    /// The most bytes one part (e.g. a sheet) may have when uncompressed.
    static let partLimit = 256 << 20

    /// A sheet read whole: its name and its rows in order, each its filled cells by zero-based column; rows
    /// missing from the sheet are blank rows.
    struct Sheet {
        var name: String
        var rows: [[Int: Cell]]
    }

    private let file: String
    private let archive: Archive
    private let sheets: [(name: String, path: String)]
    private let dates: ExcelDates
    private let styles: WorkbookStyles
    private let sharedStrings: [String]

    /// Whether `data` is a zip container (the first bytes of every `.xlsx` file).
    static func isWorkbook(_ data: Data) -> Bool { data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]) }

    /// Opens the workbook in `data`; `file` names it in messages.
    init(data: Data, file: String) throws {
        self.file = file
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ImportFileError.badWorkbook(file: file, reason: "not a readable zip container (\(error))")
        }
        guard archive["xl/workbook.xml"] != nil else {
            throw ImportFileError.badWorkbook(file: file, reason: "it has no xl/workbook.xml (not an Excel workbook?)")
        }
        let parts = try WorkbookParts.parse(Self.part("xl/workbook.xml", of: archive, file: file), file: file)
        let relationships = try Relationships.parse(
            Self.part("xl/_rels/workbook.xml.rels", of: archive, file: file), file: file)
        sheets = try parts.sheets.map { sheet in
            guard let target = relationships.targets[sheet.relationship] else {
                throw ImportFileError.badWorkbook(
                    file: file,
                    reason: "sheet '\(sheet.name)' names relationship '\(sheet.relationship)', which is missing")
            }
            return (sheet.name, Relationships.resolve(target, from: "xl/"))
        }
        dates = parts.uses1904 ? .system1904 : .system1900
        let archive = archive
        if archive["xl/styles.xml"] != nil {
            styles = try WorkbookStyles.parse(Self.part("xl/styles.xml", of: archive, file: file), file: file)
        } else {
            styles = WorkbookStyles()
        }
        if archive["xl/sharedStrings.xml"] != nil {
            sharedStrings = try SharedStrings.parse(
                Self.part("xl/sharedStrings.xml", of: archive, file: file), file: file)
        } else {
            sharedStrings = []
        }
    }

    /// The sheet called `name` (exactly, else ignoring case), or the first sheet when `name` is `nil`.
    func sheet(named name: String?) throws -> Sheet {
        let found: (name: String, path: String)?
        if let name {
            found =
                sheets.first { $0.name == name }
                ?? sheets.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        } else {
            found = sheets.first
        }
        guard let found else {
            if let name { throw ImportFileError.noSuchSheet(file: file, sheet: name, sheets: sheets.map(\.name)) }
            throw ImportFileError.badWorkbook(file: file, reason: "it has no sheets")
        }
        let cells = try WorksheetCells.parse(
            Self.part(found.path, of: archive, file: file), file: file, sheet: found.name)
        var rows: [[Int: Cell]] = []
        for cell in cells {
            guard let value = value(of: cell) else { continue }
            while rows.count <= cell.row { rows.append([:]) }
            rows[cell.row][cell.column] = value
        }
        return Sheet(name: found.name, rows: rows)
    }

    /// A stored cell as a typed ``Cell``.
    private func value(of cell: WorksheetCells.StoredCell) -> Cell? {
        switch cell.type {
        case "s":
            guard let index = Int(cell.value), sharedStrings.indices.contains(index) else { return nil }
            return Self.text(sharedStrings[index])
        case "inlineStr": return Self.text(cell.inline ?? cell.value)
        case "str", "e": return Self.text(cell.value)
        case "b": return cell.value.isEmpty ? nil : .flag(cell.value == "1" || cell.value.lowercased() == "true")
        case "d": return Self.isoDate(cell.value) ?? Self.text(cell.value)
        default:
            let text = cell.value.trimming(.whitespaces)
            guard !text.isEmpty else { return nil }
            guard let number = Double(text), number.isFinite else { return .text(text) }
            if styles.isDate(style: cell.style), let date = dates.date(serial: number) { return date }
            if let whole = Int(exactly: number), abs(number) < 1e15 { return .number(number, text: String(whole)) }
            return .number(number, text: number.description)
        }
    }

    /// Text, or `nil` when empty.
    private static func text(_ text: String) -> Cell? { text.isEmpty ? nil : .text(text) }

    /// An ISO 8601 date cell (`t="d"`): `YYYY-MM-DD` with an optional `THH:MM:SS…`.
    private static func isoDate(_ text: String) -> Cell? {
        guard let day = CalendarDate(text.prefix(10)) else { return nil }
        let time = text.dropFirst(11).split(separator: ":").prefix(3).compactMap { Double($0) }
        let seconds = time.count >= 2 ? Int(time[0]) * 3600 + Int(time[1]) * 60 + Int(time.count > 2 ? time[2] : 0) : 0
        return .date(day, seconds: seconds)
    }

    /// The uncompressed bytes of part `path`, at most ``partLimit``.
    private static func part(_ path: String, of archive: Archive, file: String) throws -> Data {
        guard let entry = archive[path] else {
            throw ImportFileError.badWorkbook(file: file, reason: "the part \(path) is missing")
        }
        guard entry.uncompressedSize <= partLimit else {
            throw ImportFileError.badWorkbook(
                file: file,
                reason: "the part \(path) would be \(entry.uncompressedSize) bytes; at most \(partLimit) are read")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                guard data.count + chunk.count <= partLimit else { throw PartTooLarge() }
                data.append(chunk)
            }
        } catch is PartTooLarge {
            throw ImportFileError.badWorkbook(
                file: file, reason: "the part \(path) expands beyond \(partLimit) bytes; at most that is read")
        } catch {
            throw ImportFileError.badWorkbook(file: file, reason: "the part \(path) cannot be read (\(error))")
        }
        return data
    }

    private struct PartTooLarge: Error {}
}
