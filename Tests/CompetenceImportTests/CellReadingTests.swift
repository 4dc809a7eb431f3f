import CompetenceCore
import Foundation
import Testing

@testable import CompetenceImport

/// The one place where cell text becomes numbers, money, days, flags and enumerations.
@Suite("CSV import: reading cells")
struct CellReadingTests {
    private func row(_ cells: [String: String]) -> CSVRow {
        let header = cells.keys.sorted()
        return CSVRow(file: "f.csv", number: 7, header: header, fields: header.map { cells[$0]! })
    }

    @Test(
        "decimal numbers: point or comma, spaces as thousands separators",
        arguments: [
            ("12.5", 12.5), ("12,5", 12.5), ("1 500,25", 1500.25), ("1\u{00A0}500", 1500), ("-3", -3), (" 7 ", 7),
        ])
    func decimals(text: String, value: Double) {
        #expect(NumberText.decimal(text) == value)
    }

    @Test("text that is not a decimal number", arguments: ["", "abc", "1,500,000", "1.500,5", "inf", "nan", "1e999"])
    func notDecimals(text: String) {
        #expect(NumberText.decimal(text) == nil)
    }

    @Test(
        "euros become exact cents",
        arguments: [
            ("1500", 150_000), ("1500,50", 150_050), ("1 500,5", 150_050), ("0.05", 5), ("-12.30", -1230), ("0", 0),
        ])
    func cents(text: String, cents: Int) {
        #expect(NumberText.cents(text) == cents)
    }

    @Test(
        "amounts that are not euros with at most two decimals",
        arguments: [
            "", "12.345", "12,3,4", "abc", "+5", "1e3", "12.", ".5", "100000000000000000", "-",
        ])
    func notCents(text: String) {
        #expect(NumberText.cents(text) == nil)
    }

    @Test("flags in English, Finnish and digits, any case")
    func flags() throws {
        for text in ["true", "YES", "1", "Kyllä", "x"] { #expect(try row(["c": text]).flag("c")) }
        for text in ["false", "No", "0", "EI"] { #expect(try !row(["c": text]).flag("c")) }
        let error = try #require(throws: ImportRowError.self) { try row(["c": "joo"]).flag("c") }
        #expect(
            error.description
                == "f.csv, row 7, column 'c': found 'joo', expected true or false (also yes/no, 1/0, kyllä/ei); "
                + "nothing of the file was imported")
    }

    @Test("enumerations are read in any case and refused with the list of values")
    func choices() throws {
        #expect(try row(["k": "Third-Sector"]).choice("k", OrganisationKind.self) == .thirdSector)
        let error = try #require(throws: ImportRowError.self) {
            try row(["k": "ngo"]).choice("k", OrganisationKind.self)
        }
        #expect(error.column == "k" && error.value == "ngo" && error.row == 7)
        #expect(error.description.contains("expected one of enterprise, third-sector"))
    }

    @Test("text is trimmed; an empty or absent cell is nil, and required text names its expectation")
    func text() throws {
        let cells = row(["a": "  acme \n", "b": "   "])
        #expect(cells.optional("a") == "acme")
        #expect(cells.optional("b") == nil)
        #expect(cells.optional("absent") == nil)
        let error = try #require(throws: ImportRowError.self) { try cells.text("b", expected: "an id") }
        #expect(error.value == "" && error.description.contains("found '', expected an id"))
    }

    @Test("whole numbers, days and lists")
    func numbersDaysLists() throws {
        let cells = row(["n": "42", "x": "4.5", "d": "2024-02-29", "bad": "29.2.2024", "l": " excel | lean || "])
        #expect(try cells.integer("n") == 42)
        #expect(try cells.optionalInteger("absent") == nil)
        #expect(try cells.day("d") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(try cells.optionalDay("absent") == nil)
        #expect(cells.list("l") == ["excel", "lean"])
        #expect(cells.list("absent").isEmpty)
        let integer = try #require(throws: ImportRowError.self) { try cells.integer("x") }
        #expect(integer.value == "4.5" && integer.description.contains("expected a whole number"))
        let missing = try #require(throws: ImportRowError.self) { try cells.integer("absent") }
        #expect(missing.value == "" && missing.column == "absent")
        let day = try #require(throws: ImportRowError.self) { try cells.day("bad") }
        #expect(day.value == "29.2.2024" && day.description.contains("expected a date YYYY-MM-DD"))
    }

    @Test("a header column without a name is ignored")
    func unnamedColumn() {
        let row = CSVRow(file: "f.csv", number: 1, header: ["id", "", "name"], fields: ["a", "ignored", "b"])
        #expect(row.optional("id") == "a" && row.optional("name") == "b" && row.optional("") == nil)
    }
}
