/// Text: names, titles and ids must say something; no text holds control characters; ids follow one
/// grammar; person ids are pseudonyms.
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

    /// Refuses an event with a text field (at any depth) that holds NUL or another control character except
    /// tab and line feed: such text cannot be stored in PostgreSQL's `jsonb`, and on a terminal it acts
    /// instead of showing.
    func controlCharacters(in event: some LedgerEvent) throws(Violation) {
        if let finding = TextFieldScanner.firstViolation(in: event) {
            throw Self.controlViolation(field: finding.field, value: finding.value, character: finding.character)
        }
    }

    /// The violation of a text that holds `character`.
    static func controlViolation(field: String, value: String, character: Unicode.Scalar) -> Violation {
        let hex = String(character.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return Violation(
            field, value,
            "holds the control character \(code); text holds no NUL or other control characters "
                + "except tab and line feed")
    }

    /// Refuses an id that does not follow the id grammar (``IdentifierGrammar``).
    func id(_ value: String, _ field: String) throws(Violation) {
        if let problem = IdentifierGrammar.problem(with: value) { throw Violation(field, value, problem) }
    }

    /// Refuses an identifier that does not follow the id grammar.
    func id<Kind>(_ value: Identifier<Kind>, _ field: String) throws(Violation) {
        try id(value.rawValue, field)
    }

    /// Refuses a person id that looks like personal data — an e-mail address, a phone number, a Finnish
    /// personal identity code — or does not follow the id grammar: persons are recorded under pseudonymous
    /// ids only.
    func pseudonym(_ value: PersonID, _ field: String) throws(Violation) {
        if let resemblance = PersonalDataPatterns.resemblance(of: value.rawValue) {
            throw Violation(
                field, value.rawValue,
                "looks like \(resemblance): persons are recorded under pseudonymous ids only, "
                    + "never contact details or identity codes")
        }
        try id(value, field)
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
