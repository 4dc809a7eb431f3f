/// Required text: names, titles and ids must say something.
extension Checker {
    /// Refuses an empty or blank text.
    func text(_ value: String, _ field: String) throws(Violation) {
        try require(!value.allSatisfy(\.isWhitespace), field, value, "is empty; a value is required")
    }

    /// Refuses a blank optional text; `nil` is fine.
    func text(_ value: String?, _ field: String) throws(Violation) {
        if let value { try text(value, field) }
    }

    /// Refuses a list with a blank entry.
    func texts(_ values: [String], _ field: String) throws(Violation) {
        for (index, value) in values.enumerated() { try text(value, "\(field)[\(index)]") }
    }

    /// Refuses an id that is empty or holds whitespace or control characters: ids name streams and appear
    /// in imports and reports.
    func id(_ value: String, _ field: String) throws(Violation) {
        try text(value, field)
        try require(
            !value.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control },
            field, value, "is not a valid id: ids hold no spaces or control characters")
    }

    /// Refuses a person id that is not a valid id or carries an e-mail address: persons are recorded under
    /// pseudonymous ids only (a name with a space is already refused as an id).
    func pseudonym(_ value: PersonID, _ field: String) throws(Violation) {
        try id(value, field)
        try require(
            !value.rawValue.contains("@"), field, value.rawValue,
            "looks like an e-mail address: persons are recorded under pseudonymous ids only")
    }

    /// Refuses an identifier that is not a valid id. See ``id(_:_:)-(String,_)``.
    func id<Kind>(_ value: Identifier<Kind>, _ field: String) throws(Violation) {
        try id(value.rawValue, field)
    }

    /// Refuses a list that is empty.
    func nonEmpty<Element>(_ values: [Element], _ field: String) throws(Violation) {
        try require(!values.isEmpty, field, "[]", "is empty; at least one is required")
    }

    /// Refuses a list that names the same element twice.
    func distinct<Element: Hashable & CustomStringConvertible>(_ values: [Element], _ field: String) throws(Violation) {
        var seen = Set<Element>()
        for (index, value) in values.enumerated() {
            try require(seen.insert(value).inserted, "\(field)[\(index)]", value, "is listed twice")
        }
    }
}
