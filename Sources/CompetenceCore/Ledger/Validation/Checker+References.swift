/// References: every id an event names must be defined before it (earlier in the store or in the call).
extension Checker {
    /// The programme, or a violation when it is not set up.
    @discardableResult
    func programme(_ id: ProgrammeID, _ field: String) throws(Violation) -> ProgrammeSetUp {
        try self.id(id, field)
        guard let programme = ledger.programmes[id] else { throw Violation(field, id, "is not a programme that was set up") }
        return programme
    }

    /// The organisation, or a violation when it is not enrolled.
    @discardableResult
    func organisation(_ id: OrganisationID, _ field: String) throws(Violation) -> OrganisationRecord {
        try self.id(id, field)
        guard let organisation = ledger.organisations[id] else { throw Violation(field, id, "is not an enrolled organisation") }
        return organisation
    }

    /// Every organisation of a non-empty list without repeats.
    @discardableResult
    func organisations(_ ids: [OrganisationID], _ field: String) throws(Violation) -> [OrganisationRecord] {
        try nonEmpty(ids, field)
        try distinct(ids, field)
        var records: [OrganisationRecord] = []
        for (index, id) in ids.enumerated() { records.append(try organisation(id, "\(field)[\(index)]")) }
        return records
    }

    /// The framework, or a violation when it is not defined.
    @discardableResult
    func framework(_ id: FrameworkID, _ field: String) throws(Violation) -> CompetenceFrameworkDefined {
        try self.id(id, field)
        guard let framework = ledger.frameworks[id] else { throw Violation(field, id, "is not a defined competence framework") }
        return framework
    }

    /// The competence, or a violation when it is not defined.
    @discardableResult
    func competence(_ id: CompetenceID, _ field: String) throws(Violation) -> CompetenceRecord {
        try self.id(id, field)
        guard let competence = ledger.competences[id] else { throw Violation(field, id, "is not a defined competence") }
        return competence
    }

    /// The competence, or a violation when it is not defined or was retired by `day`.
    @discardableResult
    func competence(_ id: CompetenceID, _ field: String, activeOn day: CalendarDate) throws(Violation) -> CompetenceRecord {
        let record = try competence(id, field)
        if let retiredOn = record.retiredOn {
            try require(day < retiredOn, field, id, "was retired on \(retiredOn)")
        }
        return record
    }

    /// Every competence of a non-empty list without repeats, active on `day`.
    @discardableResult
    func competences(_ ids: [CompetenceID], _ field: String, activeOn day: CalendarDate) throws(Violation) -> [CompetenceRecord] {
        try nonEmpty(ids, field)
        try distinct(ids, field)
        var records: [CompetenceRecord] = []
        for (index, id) in ids.enumerated() { records.append(try competence(id, "\(field)[\(index)]", activeOn: day)) }
        return records
    }

    /// The person, or a violation when not registered.
    @discardableResult
    func person(_ id: PersonID, _ field: String) throws(Violation) -> PersonRegistered {
        try self.id(id, field)
        guard let person = ledger.persons[id] else { throw Violation(field, id, "is not a registered person") }
        return person
    }

    /// Refuses a person who is registered in another organisation than the event says.
    func person(_ person: PersonRegistered, belongsTo organisation: OrganisationID, _ field: String) throws(Violation) {
        try require(
            person.organisation == organisation, field, organisation,
            "is not the organisation of person '\(person.person)', who is registered in '\(person.organisation)'")
    }

    /// The survey round, or a violation when it was not opened.
    @discardableResult
    func round(_ id: RoundID, _ field: String) throws(Violation) -> RoundRecord {
        try self.id(id, field)
        guard let round = ledger.rounds[id] else { throw Violation(field, id, "is not an opened survey round") }
        return round
    }

    /// The training, or a violation when it was not procured.
    @discardableResult
    func training(_ id: TrainingID, _ field: String) throws(Violation) -> TrainingRecord {
        try self.id(id, field)
        guard let training = ledger.trainings[id] else { throw Violation(field, id, "is not a procured training") }
        return training
    }

    /// The development plan, or a violation when it was not adopted.
    @discardableResult
    func plan(_ id: PlanID, _ field: String) throws(Violation) -> PlanRecord {
        try self.id(id, field)
        guard let plan = ledger.plans[id] else { throw Violation(field, id, "is not an adopted development plan") }
        return plan
    }

    /// The action of a plan, or a violation when the plan has no such action.
    @discardableResult
    func action(_ action: String, of plan: PlanRecord, _ field: String) throws(Violation) -> PlanAction {
        try id(action, field)
        guard let found = plan.adoption.event.actions.first(where: { $0.action == action }) else {
            throw Violation(field, action, "is not an action of plan '\(plan.id)'")
        }
        return found
    }

    /// The good practice, or a violation when it was not documented.
    @discardableResult
    func practice(_ id: PracticeID, _ field: String) throws(Violation) -> PracticeRecord {
        try self.id(id, field)
        guard let practice = ledger.practices[id] else { throw Violation(field, id, "is not a documented good practice") }
        return practice
    }

    /// The pilot, or a violation when it was not started.
    @discardableResult
    func pilot(_ id: PilotID, _ field: String) throws(Violation) -> PilotRecord {
        try self.id(id, field)
        guard let pilot = ledger.pilots[id] else { throw Violation(field, id, "is not a started pilot") }
        return pilot
    }
}
