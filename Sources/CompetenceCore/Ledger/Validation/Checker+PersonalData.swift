/// Personal data: every ``Personal`` value names a subject it may be about, its text says something, and
/// nothing more is recorded about an erased subject.
extension Checker {
    /// Whom a personal value of a field may be about.
    enum PersonalSubjects {
        /// The organisation, or a registered person of it (the text may be about one of its staff).
        case organisationOrItsPeople(OrganisationID)
        /// Exactly this person.
        case person(PersonID)
        /// Any enrolled organisation (anonymous feedback: the organisation it came from).
        case anyOrganisation
        /// A stakeholder: its organisation (or a person of it) when it is enrolled; otherwise a subject of its
        /// own — any person or organisation id that follows the id grammar.
        case stakeholder(OrganisationID?)
    }

    /// Checks an optional personal text; `nil` is fine.
    func personal(_ value: PersonalText?, _ field: String, about allowed: PersonalSubjects) throws(Violation) {
        if let value { try personal(value, field, about: allowed) }
    }

    /// Checks every personal text of a list.
    func personal(_ values: [PersonalText], _ field: String, about allowed: PersonalSubjects) throws(Violation) {
        for (index, value) in values.enumerated() { try personal(value, "\(field)[\(index)]", about: allowed) }
    }

    /// Checks one personal text: a draft or a text recorded in clear must not be blank; its subject must be
    /// one `allowed` names and must not be erased. A value recorded in clear by an earlier version without a
    /// subject (a moved history) is accepted as it is.
    func personal(_ value: PersonalText, _ field: String, about allowed: PersonalSubjects) throws(Violation) {
        if let text = value.valueInClear { try self.text(text, field) }
        guard let subject = value.subject else {
            try require(value.isRecordedInClear, field, "(no subject)", "names no data subject")
            return
        }
        try self.subject(subject, field, about: allowed)
    }

    /// Checks a personal value other than text (a participant's profile): its subject must be one `allowed`
    /// names and must not be erased. A value recorded in clear without a subject is accepted as it is.
    func personal<Value>(
        _ value: Personal<Value>, _ field: String, about allowed: PersonalSubjects
    )
        throws(Violation)
    {
        guard let subject = value.subject else {
            try require(value.isRecordedInClear, field, "(no subject)", "names no data subject")
            return
        }
        try self.subject(subject, field, about: allowed)
    }

    /// Refuses a subject that `allowed` does not name, that does not follow the id grammar (a person's id must
    /// be a pseudonym) or that was erased.
    func subject(_ subject: DataSubject, _ field: String, about allowed: PersonalSubjects) throws(Violation) {
        let subjectField = "\(field).subject"
        switch subject {
        case .person(let person): try pseudonym(person, subjectField)
        case .organisation(let organisation): try id(organisation, subjectField)
        }
        if let erasedOn = ledger.erasedSubjects[subject] {
            throw Violation(
                subjectField, subject, "was erased on \(erasedOn); no personal data about it is recorded again")
        }
        let isAllowed: Bool
        let expected: String
        switch allowed {
        case .organisationOrItsPeople(let organisation):
            isAllowed = belongs(subject, to: organisation)
            expected = "organisation:\(organisation) or a registered person of it"
        case .person(let person):
            isAllowed = subject == .person(person)
            expected = "person:\(person)"
        case .anyOrganisation:
            if case .organisation(let organisation) = subject {
                isAllowed = ledger.organisations[organisation] != nil
            } else {
                isAllowed = false
            }
            expected = "an enrolled organisation"
        case .stakeholder(let organisation?):
            isAllowed = belongs(subject, to: organisation)
            expected = "organisation:\(organisation) or a registered person of it"
        case .stakeholder(nil):
            isAllowed = true
            expected = ""
        }
        try require(isAllowed, subjectField, subject, "is not whom this text may be about (\(expected))")
    }

    /// Whether `subject` is `organisation` or a registered person of it.
    private func belongs(_ subject: DataSubject, to organisation: OrganisationID) -> Bool {
        switch subject {
        case .organisation(let other): other == organisation
        case .person(let person): ledger.persons[person]?.organisation == organisation
        }
    }
}
