import Crypto
import Foundation
import Testing

@testable import CompetenceImport

/// Reading CSV bytes: BOM, `,` or `;`, RFC 4180 quoting, blank rows, and the faults of a whole file.
@Suite("CSV import: reading tables")
struct CSVTableTests {
    private func table(_ text: String, bom: Bool = false) throws -> CSVTable {
        var data = bom ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(Data(text.utf8))
        return try CSVTable(data: data, file: "dir/file.csv")
    }

    private func cells(_ table: CSVTable, _ column: String) -> [String?] {
        table.rows.map { $0.optional(column) }
    }

    @Test("a byte order mark is not part of the first column's name")
    func byteOrderMark() throws {
        let table = try table("id,name\nacme,Acme\n", bom: true)
        #expect(table.header == ["id", "name"])
        #expect(cells(table, "id") == ["acme"])
    }

    @Test("`;` is detected from the header; `,` inside fields is then plain text")
    func semicolons() throws {
        let table = try table("id;name;cost\nacme;Acme, Oy;1500,50\n")
        #expect(table.delimiter == ";")
        #expect(cells(table, "name") == ["Acme, Oy"])
        #expect(cells(table, "cost") == ["1500,50"])
    }

    @Test("quoted fields keep delimiters, doubled quotes and line breaks")
    func quoting() throws {
        let table = try table(
            "id,title,note\nt1,\"Excel, for\nplanning\",\"She said \"\"fine\"\"\"\nt2,\"a;b\",\"\"\n")
        #expect(table.delimiter == ",")
        #expect(cells(table, "title") == ["Excel, for\nplanning", "a;b"])
        #expect(cells(table, "note") == ["She said \"fine\"", nil])
        #expect(table.rows.map(\.number) == [1, 2])
    }

    @Test("CRLF line ends, header names trimmed, blank rows skipped without counting")
    func layout() throws {
        let table = try table(" id , name \r\nacme,Acme\r\n\r\n , \r\nkoti,Koti\r\n")
        #expect(table.header == ["id", "name"])
        #expect(cells(table, "id") == ["acme", "koti"])
        #expect(table.rows.map(\.number) == [1, 2])
    }

    @Test("the content hash is the SHA-256 of the bytes as given, BOM included")
    func contentHash() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("id\nacme\n".utf8))
        let table = try CSVTable(data: data, file: "x.csv")
        #expect(table.contentHash == SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
        #expect(try self.table("id\nacme\n").contentHash != table.contentHash)
    }

    @Test("the file name in provenance drops the directory")
    func fileName() throws {
        #expect(try table("id\nacme\n").fileName == "file.csv")
    }

    @Test(
        "the delimiter is the more frequent of `,` and `;` outside quotes on the header line",
        arguments: [
            ("a,b;c,d\n", Character(",")), ("a;b;c,d\n", ";"), ("\"a;b;c\",d\n", ","), ("a\n1;2;3\n", ","),
            ("a;b", ";"), ("", ","), ("\"x,y\";z\n", ";"),
        ])
    func delimiter(text: String, expected: Character) {
        #expect(Character(DelimiterDetector.detect(in: text)) == expected)
    }

    @Test("require names every missing column and the header found")
    func requireColumns() throws {
        let table = try table("id,name\nacme,Acme\n")
        try table.require(["id"])
        let error = try #require(throws: ImportFileError.self) { try table.require(["id", "kind", "region"]) }
        #expect(error.description == "dir/file.csv lacks the columns 'kind', 'region'; its header has 'id', 'name'")
        let one = try #require(throws: ImportFileError.self) { try table.require(["kind"]) }
        #expect(one.description.hasPrefix("dir/file.csv lacks the column 'kind';"))
    }

    @Test(
        "faults of the whole file",
        arguments: [
            ("", "dir/file.csv has no header row"),
            (",,\n1,2,3\n", "dir/file.csv has no header row"),
            ("id,name,id\n1,2,3\n", "dir/file.csv has the column 'id' twice in its header"),
            ("id,name\n1,2\n3\n", "dir/file.csv, row 2: 1 fields, but the header has 2 columns"),
            ("id,name\n1,2,3\n", "dir/file.csv, row 1: 3 fields, but the header has 2 columns"),
        ])
    func faults(text: String, message: String) throws {
        let error = try #require(throws: ImportFileError.self) { try table(text) }
        #expect(error.description.hasPrefix(message), "\(error)")
    }

    @Test("bytes that are not UTF-8 are refused")
    func notUTF8() throws {
        let error = try #require(throws: ImportFileError.self) {
            try CSVTable(data: Data([0x69, 0x64, 0x0A, 0xFF, 0xFE, 0x0A]), file: "x.csv")
        }
        guard case .notUTF8(let file) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "x.csv")
    }
}
