import Foundation
import Testing

@testable import CompetenceImport

/// The worksheet XML as other writers than LibreOffice produce it: inline strings (`t="inlineStr"`, as written
/// by streaming exporters such as the survey tools' own), rich-text runs, phonetic hints and formula strings.
@Suite("Worksheet XML")
struct WorksheetXMLTests {
    @Test("inline strings (runs joined, phonetic hints left out), shared-string indices and numbers are read")
    func inlineStrings() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>Vastaaja&amp;tunnus</t></is></c>\
            <c r="C1" t="s"><v>4</v></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><r><t>Hy</t></r><r><t xml:space="preserve">vä </t></r>\
            <rPh><t>ignored</t></rPh></is></c><c r="B2"><v>4.5</v></c><c r="C2" t="str"><f>A1</f><v>x</v></c></row>
            </sheetData></worksheet>
            """
        let cells = try WorksheetCells.parse(Data(xml.utf8), file: "w.xlsx", sheet: "Sheet1")
        let read = cells.map { "\($0.row),\($0.column),\($0.type ?? "-"),\($0.inline ?? $0.value)" }
        #expect(read == ["0,0,inlineStr,Vastaaja&tunnus", "0,2,s,4", "1,0,inlineStr,Hyvä ", "1,1,-,4.5", "1,2,str,x"])
    }

    @Test("a cut-short sheet is refused naming the workbook and the part, not read as fewer rows")
    func notXML() {
        let error = #expect(throws: ImportFileError.self) {
            try WorksheetCells.parse(Data("<worksheet><sheetData><row>".utf8), file: "w.xlsx", sheet: "Sheet1")
        }
        #expect(error?.description.hasPrefix("w.xlsx is not a readable workbook: ") == true)
        #expect(error?.description.contains("ends before its elements close") == true)
    }
}
