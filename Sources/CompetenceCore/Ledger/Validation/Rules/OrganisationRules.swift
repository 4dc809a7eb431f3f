// Validation rules of organisations and their activities. The checks are in Validation/Checker+*.swift.

extension OrganisationEnrolled: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.new(organisation, "organisation", existing: check.ledger.organisations[organisation], "enrolled")
        try check.text(name, "name")
        try check.text(sector, "sector")
        try check.text(region, "region")
        if let programme { try check.programme(programme, "programme") }
        if let enrolledOn { try check.date(enrolledOn, "enrolledOn", programme: programme) }
    }
}

extension OrganisationWithdrawn: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.organisation(organisation, "organisation")
        try check.once(record.withdrawnOn, "organisation", organisation, "withdrawn")
        try check.date(withdrawnOn, "withdrawnOn", programme: check.programme(of: record))
        try check.date(withdrawnOn, "withdrawnOn", notBefore: record.enrolment.event.enrolledOn, "the enrolment")
        try check.personal(reason, "reason", about: .organisationOrItsPeople(organisation))
    }
}

extension ManagementInterviewHeld: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.activity(of: organisation, on: heldOn, "heldOn")
        try check.unused(
            interview, "interview",
            among: check.ledger.interviews.lazy.filter { $0.event.organisation == organisation }.map(\.event.interview))
        try check.nonEmpty(intervieweeRoles, "intervieweeRoles")
        for (index, need) in identifiedNeeds.enumerated() {
            try check.competence(need.competence, "identifiedNeeds[\(index)].competence", activeOn: heldOn)
            try check.priority(need.priority, "identifiedNeeds[\(index)].priority")
            try check.personal(
                need.note, "identifiedNeeds[\(index)].note", about: .organisationOrItsPeople(organisation))
        }
    }
}

extension ForesightWorkshopHeld: ValidatedEvent {
    /// How far ahead a vision may look.
    static let longestHorizon = 50

    func validate(_ check: Checker) throws(Violation) {
        try check.activity(of: organisation, on: heldOn, "heldOn")
        try check.unused(
            workshop, "workshop",
            among: check.ledger.foresightWorkshops.lazy.filter { $0.event.organisation == organisation }.map(
                \.event.workshop))
        try check.require(
            (heldOn.year...heldOn.year + Self.longestHorizon).contains(horizonYear), "horizonYear", horizonYear,
            "is not between the workshop's year \(heldOn.year) and \(heldOn.year + Self.longestHorizon)")
        try check.text(vision, "vision")
        for (index, milestone) in milestones.enumerated() {
            try check.require(
                (heldOn.year...horizonYear).contains(milestone.year), "milestones[\(index)].year", milestone.year,
                "is not between the workshop's year \(heldOn.year) and the horizon \(horizonYear)")
            try check.text(milestone.description, "milestones[\(index)].description")
        }
        for (index, need) in futureNeeds.enumerated() {
            try check.competence(need.competence, "futureNeeds[\(index)].competence", activeOn: heldOn)
            try check.rating(need.importance, "futureNeeds[\(index)].importance")
            try check.text(need.note, "futureNeeds[\(index)].note")
        }
    }
}

extension TrainingNeedIdentified: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.activity(of: organisation, on: identifiedOn, "identifiedOn")
        try check.competence(competence, "competence", activeOn: identifiedOn)
        try check.priority(priority, "priority")
        try check.personal(note, "note", about: .organisationOrItsPeople(organisation))
    }
}

extension CompanyVisitMade: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.activity(of: host, on: visitedOn, "visitedOn", field: "host")
        for (index, visitor) in try check.organisations(visitors, "visitors").enumerated() {
            try check.require(
                visitor.id != host, "visitors[\(index)]", visitor.id, "is the host; a company does not visit itself")
            try check.active(visitor, on: visitedOn, "visitors[\(index)]")
        }
        try check.texts(practicesObserved, "practicesObserved")
    }
}

extension PortfolioItemAdded: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.activity(of: organisation, on: addedOn, "addedOn")
        try check.unused(
            item, "item",
            among: check.ledger.portfolioItems.lazy.filter { $0.event.organisation == organisation }.map(\.event.item))
        try check.text(title, "title")
        try check.text(reference, "reference")
    }
}

extension SparringVisitHeld: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.activity(of: organisation, on: heldOn, "heldOn")
        try check.texts(topics, "topics")
        try check.personal(agreedActions, "agreedActions", about: .organisationOrItsPeople(organisation))
    }
}

extension IndicatorMeasured: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.activity(of: organisation, on: measuredOn, "measuredOn")
        try check.text(name, "name")
        try check.finite(value, "value")
        try check.text(unit, "unit")
        if let respondents { try check.nonNegative(respondents, "respondents") }
    }
}

extension Checker {
    /// The common checks of an organisation's dated activity: the organisation is enrolled and active on
    /// the day, and the day lies within its programme and not in the future.
    @discardableResult
    func activity(
        of organisation: OrganisationID, on day: CalendarDate, _ dateField: String, field: String = "organisation"
    ) throws(Violation) -> OrganisationRecord {
        let record = try self.organisation(organisation, field)
        try date(day, dateField, programme: programme(of: record))
        try active(record, on: day, field)
        return record
    }
}
