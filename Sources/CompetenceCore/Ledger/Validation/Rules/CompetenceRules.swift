// Validation rules of frameworks, competences and persons. The checks are in Validation/Checker+*.swift.

extension CompetenceFrameworkDefined: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.new(framework, "framework", existing: check.ledger.frameworks[framework], "defined")
        try check.text(name, "name")
        try check.scale(scale, "scale")
    }
}

extension CompetenceDefined: ValidatedEvent {
    /// How an ESCO skill URI starts.
    static let escoSkillPrefix = "http://data.europa.eu/esco/skill/"

    func validate(_ check: Checker) throws(Violation) {
        try check.new(competence, "competence", existing: check.ledger.competences[competence], "defined")
        try check.text(name, "name")
        try check.text(category, "category")
        try check.scale(scale, "scale")
        if let framework { try check.framework(framework, "framework") }
        if let escoURI {
            try check.require(
                escoURI.hasPrefix(Self.escoSkillPrefix) && escoURI.count > Self.escoSkillPrefix.count, "escoURI",
                escoURI,
                "is not an ESCO skill URI (\(Self.escoSkillPrefix)…)")
        }
    }
}

extension CompetenceRetired: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.competence(competence, "competence")
        try check.once(record.retiredOn, "competence", competence, "retired")
        try check.date(retiredOn, "retiredOn", programme: nil)
        try check.text(reason, "reason")
    }
}

extension PersonRegistered: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.pseudonym(person, "person")
        try check.new(person, "person", existing: check.ledger.persons[person], "registered")
        let record = try check.organisation(organisation, "organisation")
        if let withdrawnOn = record.withdrawnOn {
            throw Violation("organisation", organisation, "withdrew from the programme on \(withdrawnOn)")
        }
    }
}
