// Validation rules of trainings. The checks are in Validation/Checker+*.swift.

extension TrainingProcured: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.new(training, "training", existing: check.ledger.trainings[training], "procured")
        try check.text(title, "title")
        try check.text(provider, "provider")
        try check.competences(competences, "competences", activeOn: procuredOn)
        try check.nonNegative(costCents, "costCents")
        try check.positive(hours, "hours")
        if let programme { try check.programme(programme, "programme") }
        try check.distinct(organisations, "organisations")
        var records: [OrganisationRecord] = []
        for (index, organisation) in organisations.enumerated() {
            let record = try check.organisation(organisation, "organisations[\(index)]")
            try check.active(record, on: procuredOn, "organisations[\(index)]")
            records.append(record)
        }
        if kind == .company {
            try check.require(
                organisations.count == 1, "organisations", organisations.map(\.rawValue).joined(separator: ", "),
                "names \(organisations.count) organisations; a company-specific training names exactly one")
        }
        try check.date(
            procuredOn, "procuredOn", programme: programme ?? records.lazy.compactMap { check.programme(of: $0) }.first)
        if let needs {
            try check.distinct(needs.map(\.description), "needs")
            for (index, need) in needs.enumerated() {
                try check.need(need, "needs[\(index)]")
                try check.require(
                    competences.contains(need.competence), "needs[\(index)].competence", need.competence,
                    "is not among the competences the training targets")
            }
        }
    }
}

extension TrainingSessionHeld: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.training(training, "training")
        try check.unused(session, "session", among: record.sessions.lazy.map(\.event.session))
        try check.date(heldOn, "heldOn", programme: check.programme(of: record))
        try check.date(heldOn, "heldOn", notBefore: record.procurement.event.procuredOn, "the training was procured")
        try check.positive(hours, "hours")
        try check.text(topic, "topic")
    }
}

extension ParticipationRecorded: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.training(training, "training")
        let procurement = record.procurement.event
        let participant = try check.person(person, "person")
        let organisationRecord = try check.organisation(organisation, "organisation")
        try check.person(participant, belongsTo: organisation, "organisation")
        if procurement.kind == .company {
            try check.require(
                procurement.organisations.contains(organisation), "organisation", organisation,
                "is not the company training '\(training)' was procured for")
        }
        try check.nonNegative(attendedHours, "attendedHours")
        try check.require(
            attendedHours <= procurement.hours, "attendedHours", attendedHours,
            "exceeds the \(procurement.hours) hours of training '\(training)'")
        if let completedOn {
            try check.require(completed, "completedOn", completedOn, "is given but completed is false")
            try check.date(completedOn, "completedOn", programme: check.programme(of: record))
        }
        try check.date(recordedOn, "recordedOn", programme: check.programme(of: record))
        try check.date(recordedOn, "recordedOn", notBefore: procurement.procuredOn, "the training was procured")
        try check.active(organisationRecord, on: recordedOn, "organisation")
    }
}

extension TrainingFeedbackGiven: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.training(training, "training")
        try check.rating(score, "score")
        try check.date(givenOn, "givenOn", programme: check.programme(of: record))
        try check.date(givenOn, "givenOn", notBefore: record.procurement.event.procuredOn, "the training was procured")
        if let person { try check.person(person, "person") }
        try check.personal(comment, "comment", about: person.map(Checker.PersonalSubjects.person) ?? .anyOrganisation)
    }
}

extension Checker {
    /// The programme of a training: named by it, or that of its first organisation with a known programme.
    func programme(of training: TrainingRecord) -> ProgrammeID? {
        let procurement = training.procurement.event
        return procurement.programme ?? procurement.organisations.lazy.compactMap { self.programme(of: $0) }.first
    }
}
