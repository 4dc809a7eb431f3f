/// One table of `export --tables`: its name (the file is `NAME.csv`), typed fields, keys and rows.
///
/// Where the entity has an import format, the first ``importColumns`` fields are exactly that format's columns,
/// so the file imports again as it is; the fields after them are extra.
package struct TidyTable: Sendable, Hashable {
    /// A field's type, as the Frictionless Table Schema names it.
    package enum FieldType: String, Sendable, Hashable {
        /// Text.
        case string
        /// A whole number.
        case integer
        /// A decimal number written with `.`.
        case number
        /// A day `YYYY-MM-DD`.
        case date
        /// `true` or `false`.
        case boolean
    }

    /// One column.
    package struct Field: Sendable, Hashable {
        /// The column's name, as in the header.
        package var name: String
        /// Its type.
        package var type: FieldType
        /// What it holds, for the data package.
        package var description: String

        /// A field.
        package init(_ name: String, _ type: FieldType = .string, _ description: String) {
            self.name = name
            self.type = type
            self.description = description
        }
    }

    /// A reference from fields of this table to the key of another.
    package struct ForeignKey: Sendable, Hashable {
        /// The fields of this table.
        package var fields: [String]
        /// The table referred to.
        package var table: String
        /// Its fields referred to.
        package var referenced: [String]
    }

    /// The table's name; the file is `NAME.csv`.
    package var name: String
    /// What one row is.
    package var title: String
    /// The columns, in order.
    package var fields: [Field]
    /// The `competence import KIND` that reads the table again, if any (the first ``importColumns`` fields are
    /// that import's columns).
    package var importKind: String?
    /// How many leading fields are the import format's columns (0 without an import).
    package var importColumns: Int
    /// The fields whose values identify a row.
    package var primaryKey: [String]
    /// References to other tables.
    package var foreignKeys: [ForeignKey] = []
    /// Whether rows are about persons (pseudonymous: the person id, never a name).
    package var isPersonLevel: Bool
    /// The rows, each a value per field; empty text is a missing value.
    package var rows: [[String]] = []

    /// The column names.
    package var columns: [String] { fields.map(\.name) }

    /// A reference from `fields` to `referenced` of `table`.
    mutating func refer(_ fields: [String], to table: String, _ referenced: [String]) {
        foreignKeys.append(ForeignKey(fields: fields, table: table, referenced: referenced))
    }
}
