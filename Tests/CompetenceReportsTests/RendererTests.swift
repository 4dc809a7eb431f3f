import CompetenceCore
import Foundation
import Testing

@testable import CompetenceReports

/// A table row of fixed cells, for renderer tests.
private struct Cells: TableRow {
    static let columns = ["name", "n", "note"]
    var cells: [String]
    init(_ cells: String...) { self.cells = cells }
}

/// Aligned text, CSV and JSON: the formats that carry a report's figures as they are.
@Suite("Report renderers: text, CSV, JSON")
struct RendererTests {
    @Test("CSV: a header row, fields quoted only when they hold a comma, a quote or a line break")
    func csv() {
        let table = ReportTable(
            name: "t", title: "T",
            rows: [
                Cells("plain", "1", ""), Cells("a,b", "-2.5", "say \"hi\""), Cells("two\nlines", "3", "cr\rhere"),
            ])
        #expect(
            CSVRenderer.render(table)
                == "name,n,note\nplain,1,\n\"a,b\",-2.5,\"say \"\"hi\"\"\"\n\"two\nlines\",3,\"cr\rhere\"\n")
        #expect(CSVRenderer.quote("a;b") == "a;b")
        #expect(CSVRenderer.render(ReportTable(name: "t", title: "T", rows: [Cells]())) == "name,n,note\n")
    }

    @Test("text: columns as wide as their widest cell, numbers right-aligned, no trailing spaces")
    func textAlignment() {
        let table = ReportTable(
            name: "t", title: "Sizes",
            rows: [Cells("a", "1", "x"), Cells("long name", "-100.5", ""), Cells("b", "", "")])
        #expect(
            TextTableRenderer.render(table) == """
                Sizes
                name       n       note
                ---------  ------  ----
                a               1  x
                long name  -100.5
                b

                """)
        #expect(
            TextTableRenderer.render(ReportTable(name: "t", title: "None", rows: [Cells]()))
                == "None\nname  n  note\n----  -  ----\n(no rows)\n")
    }

    @Test("text: the report's title unless its first table has it, every table, then the provenance")
    func textDocument() async throws {
        let reports = try await ReportSamples.demo()
        let effect = try ReportDocument(name: .effect, reports: reports, organisation: nil)
        let text = TextTableRenderer.render(effect)
        #expect(text.hasPrefix("Effect of the programme\n\n"))
        #expect(text.hasSuffix("\n\(effect.withheldSummary)\ncomputed from: \(reports.provenance.summary)\n"))
        #expect(effect.withheld == reports.effect.withheld)
        #expect(text.contains("computed from: everything · last position"))
        for table in effect.tables { #expect(text.contains(TextTableRenderer.render(table))) }
        let indicators = try ReportDocument(name: .indicators, reports: reports, organisation: nil)
        #expect(TextTableRenderer.render(indicators).hasPrefix("Programme indicators\nindicator"))
    }

    @Test("JSON: name, title, provenance and tables; each row an object keyed by column, null for an empty cell")
    func jsonTables() async throws {
        let reports = try await ReportSamples.demo()
        let document = try ReportDocument(name: .matrix, reports: reports, organisation: nil)
        let data = try JSONRenderer.render(document)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["report", "title", "provenance", "tables", "withheld"])
        let withheld = try #require(object["withheld"] as? [String: Int])
        #expect(
            withheld == ["primary": reports.matrix.withheld.primary, "complement": reports.matrix.withheld.complement])
        #expect(object["report"] as? String == "matrix")
        #expect(object["title"] as? String == "Skills matrix")
        let provenance = try #require(object["provenance"] as? [String: Any])
        #expect(
            Set(provenance.keys)
                == [
                    "scope", "last_position", "event_count", "events_sha256", "head_position", "head_hash",
                    "minimum_group_size", "today", "top_gaps", "rater",
                ])
        #expect(provenance["scope"] as? String == "everything")
        // Reports read self-assessments unless told otherwise (issue 11): the rater is an option of every report.
        #expect(provenance["rater"] as? String == "self")
        #expect(provenance["minimum_group_size"] as? Int == 5)
        let tables = try #require(object["tables"] as? [[String: Any]])
        #expect(tables.count == document.tables.count)
        for (json, table) in zip(tables, document.tables) {
            #expect(json["name"] as? String == table.name)
            #expect(json["title"] as? String == table.title)
            #expect(json["columns"] as? [String] == table.columns)
            let rows = try #require(json["rows"] as? [[String: Any]])
            #expect(rows.count == table.rows.count)
            for (row, cells) in zip(rows, table.rows) {
                #expect(Set(row.keys) == Set(table.columns))
                for (column, cell) in zip(table.columns, cells) {
                    if cell.isEmpty {
                        #expect(row[column] is NSNull, "\(column)")
                    } else {
                        #expect(row[column] as? String == cell, "\(column)")
                    }
                }
            }
        }
        // Withheld cells are null, not left out.
        #expect(document.primaryTable.rows.contains { $0.contains("") })
        // Pretty printed with sorted keys.
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\n  \"provenance\" : {"))
    }

    @Test("JSON: indicators are one object with a field per indicator, withheld ones null")
    func jsonIndicators() async throws {
        let reports = try await ReportSamples.demo()
        let document = try ReportDocument(name: .indicators, reports: reports, organisation: nil)
        let object = try #require(
            try JSONSerialization.jsonObject(with: try JSONRenderer.render(document)) as? [String: Any])
        // Every documented field, and — the demo has two programmes — `programmes` beside them.
        #expect(Set(object.keys) == Set(ProgrammeIndicators.CodingKeys.allCases.map(\.stringValue) + ["programmes"]))
        let indicators = reports.indicators
        let programmes = try #require(object["programmes"] as? [[String: Any]])
        #expect(programmes.compactMap { $0["programme"] as? String } == ["lossi", "tulos"])
        #expect(programmes.map { $0["organisations"] as? Int } == indicators.programmes.map(\.organisations))
        #expect(object["organisations"] as? Int == indicators.organisations)
        #expect(object["trainings"] as? Int == indicators.trainings)
        #expect(object["survey_rounds"] as? Int == indicators.surveyRounds)
        #expect(object["provenance"] is [String: Any])
        for entry in indicators.entries {
            if case .count(nil) = entry.value { #expect(object[entry.key.stringValue] is NSNull) }
        }
    }
}
