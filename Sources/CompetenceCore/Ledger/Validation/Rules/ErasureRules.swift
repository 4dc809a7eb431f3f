// Validation rules of erasures. The checks are in Validation/Checker+*.swift.

extension DataSubjectErased: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        switch subject {
        case .person(let person): try check.pseudonym(person, "subject")
        case .organisation(let organisation): try check.id(organisation, "subject")
        }
        try check.require(
            check.ledger.knows(subject), "subject", subject, CompetenceLedger.unknownSubjectReason)
        if let erasedOn = check.ledger.erasedSubjects[subject] {
            throw Violation("subject", subject, "was already erased on \(erasedOn)")
        }
        try check.date(erasedOn, "erasedOn", programme: nil)
    }
}
