import CompetenceCore
import CompetenceOutput
import CompetenceReports
import Foundation
import TestSupport
import Testing

@testable import CompetenceImport

/// A row of free cells, for tables made by the tests.
private struct Cells: TableRow {
    static let columns = ["text", "number"]
    var cells: [String]
}

extension AdversarialTests {
    /// What reaches a spreadsheet or a terminal.
    @Suite("CSV and terminal output")
    struct SpreadsheetAndTerminal {
        @Test("CSV cells a spreadsheet would run are neutralised; numbers, negative ones included, stay numbers")
        func formulas() {
            let hostile = [
                "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB",
                "\rCR", "=1",
            ]
            let numbers = ["-1", "-0.500", "12", "3.25", "-1e5", "0"]
            let table = ReportTable(name: "t", title: "T", rows: (hostile + numbers).map { Cells(cells: [$0, $0]) })
            let rendered = CSVRenderer.render(table)
            let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            for cell in hostile {
                #expect(SpreadsheetCell.neutralised(cell) == "'" + cell)
                #expect(
                    !rendered.contains("\n" + cell) && !rendered.contains("\n\"" + cell), "\(cell) reached a line start"
                )
            }
            for number in numbers {
                #expect(SpreadsheetCell.neutralised(number) == number)
                #expect(lines.contains { $0 == "\(number),\(number)" })
            }
            #expect(SpreadsheetCell.neutralised("plain text") == "plain text")
            #expect(SpreadsheetCell.neutralised("") == "")
            #expect(rendered.hasPrefix("text,number\n'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"") == false)
            #expect(rendered.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""))
        }

        @Test("a table of a hostile store (written before the text rule) shows escapes, never raw controls")
        func hostileTable() {
            let hostile = ["\u{1B}[2J\u{1B}]0;owned\u{07}", "\u{202E}fdp.exe", "a\rb\nc\td", "\u{9B}31m", "\u{7F}"]
            let table = ReportTable(
                name: "t", title: "Title \u{1B}[31m", rows: hostile.map { Cells(cells: [$0, "1"]) })
            let text = TextTableRenderer.render(table)
            #expect(
                !text.unicodeScalars.contains {
                    ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E
                }, "\(text.debugDescription)")
            #expect(text.contains("\\u{1B}[2J\\u{1B}]0;owned\\u{7}"))
            #expect(text.contains("\\u{202E}fdp.exe"))
            #expect(text.contains("a\\u{D}b\\u{A}c\\u{9}d"), "a table cell stays on one line")
            #expect(text.split(separator: "\n").count == 3 + hostile.count)
        }

        @Test("an error message holding an escape sequence is shown inert; line breaks of a message stay")
        func errorMessages() throws {
            let directory = try TemporaryDirectory("competence-adversarial")
            let path = try directory.write(
                "bad.csv",
                """
                id,title,provider,kind,competences,cost_eur,hours,procured_on
                t1,Title,Salpaus,joint,excel,\u{1B}[2J,2,2024-02-01

                """)
            let table = try CSVTable(data: try Data(contentsOf: URL(fileURLWithPath: path)), file: path)
            var batch = ImportBatch(table: table, kind: "trainings", recordedBy: nil)
            let error = try #require(throws: ImportRowError.self) {
                try TrainingsImport().build(from: table, state: LedgerState(), into: &batch) { _ in }
            }
            #expect(error.description.unicodeScalars.contains { $0.value == 0x1B })
            let shown = TerminalText.sanitised(error.description + "\nsecond line")
            #expect(!shown.unicodeScalars.contains { $0.value == 0x1B })
            #expect(shown.contains("\\u{1B}[2J") && shown.hasSuffix("\nsecond line"))
        }
    }
}
