import Foundation

/// The `datapackage.json` beside the tables: a Frictionless Data Package (tabular-data-package profile) with
/// one tabular-data-resource per CSV file — field names, types and descriptions, primary and foreign keys,
/// the empty cell as the missing value, and the CSV dialect the files are written in.
package enum DataPackage {
    /// The package describing `tables`, as pretty-printed JSON with sorted keys (the same tables give the same
    /// bytes).
    package static func json(for tables: [TidyTable], title: String) throws -> Data {
        let package = Package(
            profile: "tabular-data-package", name: "competence-ledger-tables", title: title,
            resources: tables.map(Resource.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(package)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    private struct Package: Encodable {
        var profile: String
        var name: String
        var title: String
        var resources: [Resource]
    }

    private struct Resource: Encodable {
        var name: String
        var path: String
        var title: String
        var profile = "tabular-data-resource"
        var format = "csv"
        var mediatype = "text/csv"
        var encoding = "utf-8"
        var dialect = Dialect()
        var schema: Schema

        init(_ table: TidyTable) {
            name = table.name
            path = table.name + ".csv"
            title = table.title
            schema = Schema(
                fields: table.fields.map { Field(name: $0.name, type: $0.type.rawValue, description: $0.description) },
                primaryKey: table.primaryKey,
                foreignKeys: table.foreignKeys.map {
                    ForeignKey(fields: $0.fields, reference: Reference(resource: $0.table, fields: $0.referenced))
                })
        }
    }

    private struct Dialect: Encodable {
        var delimiter = ","
        var lineTerminator = "\n"
        var quoteChar = "\""
        var doubleQuote = true
        var header = true
    }

    private struct Schema: Encodable {
        var fields: [Field]
        var primaryKey: [String]
        var foreignKeys: [ForeignKey]
        var missingValues = [""]
    }

    private struct Field: Encodable {
        var name: String
        var type: String
        var description: String
    }

    private struct ForeignKey: Encodable {
        var fields: [String]
        var reference: Reference
    }

    private struct Reference: Encodable {
        var resource: String
        var fields: [String]
    }
}
