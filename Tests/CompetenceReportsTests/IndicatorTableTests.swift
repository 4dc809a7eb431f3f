import CompetenceCore
import Foundation
import Testing

@testable import CompetenceReports

/// The indicator table is written from the typed indicators: one row per indicator, each value the typed
/// value's cell, and the same figures as the JSON object.
@Suite("Report renderers: the indicator table")
struct IndicatorTableTests {
    @Test("one row per indicator, sorted by key, each cell the typed value", arguments: [1, 5])
    func rows(minimumGroupSize: Int) async throws {
        let reports = try await ReportSamples.demo(minimumGroupSize: minimumGroupSize)
        let indicators = reports.indicators
        let table = try ReportDocument(name: .indicators, reports: reports, organisation: nil).primaryTable
        #expect(table.columns == ["indicator", "value"])
        let keys = ProgrammeIndicators.CodingKeys.allCases.map(\.stringValue)
        #expect(table.rows.map { $0[0] } == keys.sorted())
        let cells = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0[1]) })
        // Counts print as whole numbers, withheld ones as empty cells.
        for (key, value) in [
            ("organisations", indicators.organisations), ("trainings", indicators.trainings),
            ("survey_rounds", indicators.surveyRounds), ("persons_trained", indicators.personsTrained),
            ("training_participants", indicators.trainingParticipants),
            ("development_plans", indicators.developmentPlans),
        ] {
            #expect(cells[key] == (value.map(String.init) ?? ""), "\(key)")
        }
        #expect(cells["participant_hours"] == indicators.participantHours.map(Self.plain) ?? "")
        #expect(cells["money_spent_eur"] == Self.plain(NSDecimalNumber(decimal: indicators.moneySpentEur).doubleValue))
        #expect(cells["suppressed"] == Self.compact(indicators.suppressed))
        #expect(cells["forum_stakeholders_by_kind"] == Self.compact(indicators.forumStakeholdersByKind))
        #expect(cells["provenance"] == Self.compact(indicators.provenance))
        #expect(try #require(cells["organisations"]).allSatisfy(\.isNumber))
        if minimumGroupSize == 1 { #expect(indicators.suppressed.isEmpty && cells["suppressed"] == "[]") }
    }

    @Test("the table and the JSON object carry the same figures")
    func sameAsJSON() async throws {
        let reports = try await ReportSamples.demo()
        let document = try ReportDocument(name: .indicators, reports: reports, organisation: nil)
        let object = try #require(
            try JSONSerialization.jsonObject(with: try JSONRenderer.render(document)) as? [String: Any])
        for row in document.primaryTable.rows {
            let json = object[row[0]]
            switch json {
            case let number as NSNumber:
                #expect(Double(row[1]) == number.doubleValue, "\(row[0])")
            case is NSNull:
                #expect(row[1] == "", "\(row[0])")
            default:
                // Nested values: the cell is their compact JSON.
                let cell = try JSONSerialization.jsonObject(with: Data(row[1].utf8), options: .fragmentsAllowed)
                #expect(
                    try JSONSerialization.data(withJSONObject: cell, options: [.sortedKeys, .fragmentsAllowed])
                        == (try JSONSerialization.data(
                            withJSONObject: json as Any, options: [.sortedKeys, .fragmentsAllowed])),
                    "\(row[0])")
            }
        }
    }

    private static func plain(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }

    private static func compact(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}
