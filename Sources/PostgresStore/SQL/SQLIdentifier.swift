/// A PostgreSQL identifier that is safe to splice into SQL text: only configuration (the schema name)
/// becomes one, never a value from events or users — those always travel as parameters.
struct SQLIdentifier: Hashable, Sendable {
    /// The identifier as written in the configuration.
    let name: String

    /// The longest accepted name; leaves room for suffixes such as `_appended` within PostgreSQL's 63 bytes.
    static let maxLength = 48

    /// Accepts 1–48 ASCII letters, digits and underscores, not starting with a digit.
    init(_ name: String) throws(PostgresError) {
        let bytes = Array(name.utf8)
        let valid =
            !bytes.isEmpty && bytes.count <= Self.maxLength
            && bytes.allSatisfy { $0 == UInt8(ascii: "_") || Self.isLetter($0) || Self.isDigit($0) }
            && !Self.isDigit(bytes[0])
        guard valid else {
            throw PostgresError(
                kind: .invalidConfiguration,
                message:
                    "schema name '\(name)' must be 1–\(Self.maxLength) ASCII letters, digits or underscores, "
                    + "not starting with a digit"
            )
        }
        self.name = name
    }

    /// The identifier double-quoted, so case is kept and keywords are harmless.
    var quoted: String { "\"\(name)\"" }

    /// `"schema".name` for an object inside this schema.
    func qualify(_ object: String) -> String { "\(quoted).\(object)" }

    /// The name as an SQL string literal (it contains no quote, so none needs doubling).
    var literal: String { "'\(name)'" }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
