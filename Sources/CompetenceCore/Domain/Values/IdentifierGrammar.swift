/// The one grammar of ids of every kind (organisations, competences, persons, rounds, trainings, plans and
/// their actions, activities…), which the ledger checks whenever an id is first recorded:
///
/// - 1 to 200 bytes of UTF-8;
/// - the first character a letter or a decimal digit (so an id never starts a spreadsheet formula:
///   not `=`, `+`, `-`, `@`, a tab or a carriage return);
/// - every other character a letter, a combining mark, a decimal digit, `.`, `_` or `-`.
///
/// Examples: `acme`, `2024-baseline`, `p-7f3a`, `kotihoito-aura`, `t1`, `action-1`, `sähkö.oy`.
public enum IdentifierGrammar {
    /// The longest id, in UTF-8 bytes.
    public static let maxBytes = 200

    /// Why `id` is not a valid id, as a sentence fragment that follows the id; `nil` when it is valid.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "is empty; a value is required" }
        let rule = "ids start with a letter or digit and hold only letters, digits, '.', '_' and '-'"
        if id.utf8.count > maxBytes { return "is longer than \(maxBytes) bytes; \(rule)" }
        let scalars = id.unicodeScalars
        let first = scalars.first!
        if ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            return "could start a spreadsheet formula; \(rule)"
        }
        guard isLetterOrDigit(first) else { return "is not a valid id: \(rule)" }
        if let bad = scalars.first(where: { !isLetterOrDigit($0) && !isMark($0) && !".-_".unicodeScalars.contains($0) })
        {
            let shown =
                bad.properties.generalCategory == .spaceSeparator || bad.value < 0x20 || bad.value == 0x7F
                ? "a space or control character" : "'\(bad)'"
            return "is not a valid id: it holds \(shown); \(rule)"
        }
        return nil
    }

    /// Whether `id` follows the grammar.
    public static func isValid(_ id: String) -> Bool { problem(with: id) == nil }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            true
        default: false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
