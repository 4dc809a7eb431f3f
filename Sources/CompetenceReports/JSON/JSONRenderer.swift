import CompetenceCore
import Foundation

/// Writes a report as JSON. `indicators` is one object with a field per indicator; every other report is an
/// object with its name, title, provenance, tables (each row an object keyed by column, cells as in CSV,
/// `null` for empty) and `withheld` (`primary`, `complement`: how many cells were withheld for privacy).
package enum JSONRenderer {
    /// The report as JSON text; a tables report carries `stamp` when given (``ReportStamp``).
    package static func render(_ document: ReportDocument, stamp: ReportStamp? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        switch document.jsonShape {
        case .indicators(let indicators):
            let data = try encoder.encode(indicators)
            guard document.audience == .analyst,
                var object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return data }
            object["audience"] = ReportAudience.analyst.rawValue
            object["notice"] = ReportAudience.analystNotice
            return try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        case .tables: return try encoder.encode(Body(document, stamp: stamp))
        }
    }

    private struct Body: Encodable {
        var report: String
        var title: String
        var provenance: ReportProvenance
        var tables: [Table]
        var withheld: WithheldCells
        /// `analyst` and the notice for an analyst report; absent for a public one (its output is unchanged).
        var audience: ReportAudience?
        var notice: String?
        var stamp: ReportStamp?

        init(_ document: ReportDocument, stamp: ReportStamp?) {
            self.stamp = stamp
            report = document.name.rawValue
            title = document.title
            provenance = document.provenance
            tables = document.tables.map(Table.init)
            withheld = document.withheld
            if document.audience == .analyst {
                audience = .analyst
                notice = ReportAudience.analystNotice
            }
        }
    }

    private struct Table: Encodable {
        var name: String
        var title: String
        var columns: [String]
        var rows: [[String: String?]]

        init(_ table: ReportTable) {
            name = table.name
            title = table.title
            columns = table.columns
            rows = table.rows.map { cells in
                Dictionary(uniqueKeysWithValues: zip(table.columns, cells).map { ($0, $1.isEmpty ? nil : $1) })
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(name, forKey: Key("name"))
            try container.encode(title, forKey: Key("title"))
            try container.encode(columns, forKey: Key("columns"))
            var rowsContainer = container.nestedUnkeyedContainer(forKey: Key("rows"))
            for row in rows {
                var object = rowsContainer.nestedContainer(keyedBy: Key.self)
                for column in columns {
                    if let value = row[column] ?? nil {
                        try object.encode(value, forKey: Key(column))
                    } else {
                        try object.encodeNil(forKey: Key(column))
                    }
                }
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
