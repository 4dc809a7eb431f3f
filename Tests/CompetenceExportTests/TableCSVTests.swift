import CompetenceCore
import Testing

@testable import CompetenceExport

/// Cells of the tidy tables: formulas neutralised, the neutralisation undone exactly by the importers' rule.
@Suite("Tidy tables: cells")
struct TableCSVTests {
    static let hostile = [
        "=1+2", "+358 40", "-x", "@SUM(A1)", "\tTAB", "\r=CR", "'=already", "''", "'", "''=two", "'plain", "-5",
        "3.5e-2",
        "plain", "", "=HYPERLINK(\"http://evil.example\",\"x\")", "a,b", "line\nbreak", "\u{1B}[31mred",
    ]

    @Test("escaped text never starts a formula and restores to itself")
    func escapeRestores() {
        for text in Self.hostile {
            let escaped = SpreadsheetText.escaped(text)
            #expect(SpreadsheetText.restored(escaped) == text, "\(text.debugDescription)")
            if let first = escaped.first, SpreadsheetText.formulaStarts.contains(first) {
                #expect(SpreadsheetText.isNumber(escaped), "\(escaped.debugDescription) would run as a formula")
            }
        }
        #expect(SpreadsheetText.escaped("-5") == "-5" && SpreadsheetText.escaped("=1") == "'=1")
    }

    @Test("a rendered table has its header, quotes where needed, neutralised cells")
    func renders() {
        var table = TidyTable(
            name: "t", title: "T", fields: [.init("a", .string, "A"), .init("b", .number, "B")], importKind: nil,
            importColumns: 0, primaryKey: ["a"], isPersonLevel: false)
        table.rows = [["=cmd", "-1.5"], ["x,\"y\"", "2"]]
        #expect(TableCSV.render(table) == "a,b\n'=cmd,-1.5\n\"x,\"\"y\"\"\",2\n")
    }

    @Test("numbers are written as the importers read them")
    func numbers() {
        #expect(
            TidyTables.number(12) == "12" && TidyTables.number(12.5) == "12.5" && TidyTables.number(-0.25) == "-0.25")
    }
}
