// Validation rules of the programme-level events. The checks are in Validation/Checker+*.swift.

extension ProgrammeSetUp: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.new(programme, "programme", existing: check.ledger.programmes[programme], "set up")
        try check.text(name, "name")
        try check.text(funder, "funder")
        try check.texts(regions, "regions")
        try check.date(endsOn, "endsOn", notBefore: startsOn, "the programme starts")
    }
}

extension ForumMeetingHeld: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.programme(programme, "programme")
        try check.unused(
            meeting, "meeting",
            among: check.ledger.forumMeetings.lazy.filter { $0.event.programme == programme }.map(\.event.meeting))
        try check.date(heldOn, "heldOn", programme: programme)
        try check.nonEmpty(stakeholders, "stakeholders")
        for (index, stakeholder) in stakeholders.enumerated() {
            try check.personal(
                stakeholder.name, "stakeholders[\(index)].name", about: .stakeholder(stakeholder.organisation))
            if let organisation = stakeholder.organisation {
                try check.organisation(organisation, "stakeholders[\(index)].organisation")
            }
        }
        try check.texts(topics, "topics")
        try check.texts(decisions, "decisions")
    }
}

extension ThematicWorkshopHeld: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.programme(programme, "programme")
        try check.unused(
            workshop, "workshop",
            among: check.ledger.thematicWorkshops.lazy.filter { $0.event.programme == programme }.map(\.event.workshop))
        try check.date(heldOn, "heldOn", programme: programme)
        try check.text(theme, "theme")
        for (index, organisation) in try check.organisations(organisations, "organisations").enumerated() {
            try check.active(organisation, on: heldOn, "organisations[\(index)]")
        }
        try check.nonNegative(participants, "participants")
        try check.require(
            participants >= organisations.count, "participants", participants,
            "is fewer than the \(organisations.count) organisations that took part")
        try check.distinct(practicesShared, "practicesShared")
        for (index, practice) in practicesShared.enumerated() {
            try check.practice(practice, "practicesShared[\(index)]")
        }
    }
}
