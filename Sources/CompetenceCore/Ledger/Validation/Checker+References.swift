/// References: every id an event names must be defined before it (earlier in the store or in the call).
extension Checker {
    /// The programme, or a violation when it is not set up.
    @discardableResult
    func programme(_ id: ProgrammeID, _ field: String) throws(Violation) -> ProgrammeSetUp {
        try defined(id, field, in: ledger.programmes, "is not a programme that was set up")
    }

    /// The organisation, or a violation when it is not enrolled.
    @discardableResult
    func organisation(_ id: OrganisationID, _ field: String) throws(Violation) -> OrganisationRecord {
        try defined(id, field, in: ledger.organisations, "is not an enrolled organisation")
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
        try defined(id, field, in: ledger.frameworks, "is not a defined competence framework")
    }

    /// The competence, or a violation when it is not defined.
    @discardableResult
    func competence(_ id: CompetenceID, _ field: String) throws(Violation) -> CompetenceRecord {
        try defined(id, field, in: ledger.competences, "is not a defined competence")
    }

    /// The competence, or a violation when it is not defined or was retired by `day`.
    @discardableResult
    func competence(
        _ id: CompetenceID, _ field: String, activeOn day: CalendarDate
    ) throws(Violation) -> CompetenceRecord {
        let record = try competence(id, field)
        if let retiredOn = record.retiredOn {
            try require(day < retiredOn, field, id, "was retired on \(retiredOn)")
        }
        return record
    }

    /// Every competence of a non-empty list without repeats, active on `day`.
    @discardableResult
    func competences(
        _ ids: [CompetenceID], _ field: String, activeOn day: CalendarDate
    ) throws(Violation) -> [CompetenceRecord] {
        try nonEmpty(ids, field)
        try distinct(ids, field)
        var records: [CompetenceRecord] = []
        for (index, id) in ids.enumerated() { records.append(try competence(id, "\(field)[\(index)]", activeOn: day)) }
        return records
    }

    /// The person, or a violation when not registered.
    @discardableResult
    func person(_ id: PersonID, _ field: String) throws(Violation) -> PersonRegistered {
        try defined(id, field, in: ledger.persons, "is not a registered person")
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
        try defined(id, field, in: ledger.rounds, "is not an opened survey round")
    }

    /// The training, or a violation when it was not procured.
    @discardableResult
    func training(_ id: TrainingID, _ field: String) throws(Violation) -> TrainingRecord {
        try defined(id, field, in: ledger.trainings, "is not a procured training")
    }

    /// The development plan, or a violation when it was not adopted.
    @discardableResult
    func plan(_ id: PlanID, _ field: String) throws(Violation) -> PlanRecord {
        try defined(id, field, in: ledger.plans, "is not an adopted development plan")
    }

    /// The action of a plan, or a violation when the plan has no such action.
    @discardableResult
    func action(_ action: String, of plan: PlanRecord, _ field: String) throws(Violation) -> PlanAction {
        guard let found = plan.adoption.event.actions.first(where: { $0.action == action }) else {
            try id(action, field)
            throw Violation(field, action, "is not an action of plan '\(plan.id)'")
        }
        return found
    }

    /// The good practice, or a violation when it was not documented.
    @discardableResult
    func practice(_ id: PracticeID, _ field: String) throws(Violation) -> PracticeRecord {
        try defined(id, field, in: ledger.practices, "is not a documented good practice")
    }

    /// The pilot, or a violation when it was not started.
    @discardableResult
    func pilot(_ id: PilotID, _ field: String) throws(Violation) -> PilotRecord {
        try defined(id, field, in: ledger.pilots, "is not a started pilot")
    }

    /// The record of `id` in `records`, or a violation with `reason` when there is none (or, first, when `id`
    /// does not follow the id grammar): the one shape of every lookup above. An id that is recorded already is
    /// found whatever its form, so histories recorded before the grammar keep working.
    private func defined<Kind, Record>(
        _ id: Identifier<Kind>, _ field: String, in records: [Identifier<Kind>: Record], _ reason: String
    ) throws(Violation) -> Record {
        if let record = records[id] { return record }
        try self.id(id, field)
        throw Violation(field, id, reason)
    }
}
