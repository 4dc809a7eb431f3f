// Validation rules of development plans. The checks are in Validation/Checker+*.swift.

extension DevelopmentPlanAdopted: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.new(plan, "plan", existing: check.ledger.plans[plan], "adopted")
        try check.activity(of: organisation, on: adoptedOn, "adoptedOn")
        try check.nonEmpty(actions, "actions")
        try check.distinct(actions.map(\.action), "actions")
        for (index, action) in actions.enumerated() {
            let field = "actions[\(index)]"
            try check.id(action.action, "\(field).action")
            let competence = try check.competence(action.competence, "\(field).competence", activeOn: adoptedOn)
            try check.personal(
                action.description, "\(field).description", about: .organisationOrItsPeople(organisation))
            try check.level(action.targetLevel, on: competence, "\(field).targetLevel")
            try check.date(action.dueOn, "\(field).dueOn", notBefore: adoptedOn, "the plan was adopted")
            if let training = action.training { _ = try check.training(training, "\(field).training") }
            if let need = action.need {
                try check.need(need, of: organisation, for: action.competence, "\(field).need")
            }
        }
    }
}

extension PlanActionProgressed: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.plan(plan, "plan")
        try check.action(action, of: record, "action")
        try check.require(
            status != .completed, "status", status.rawValue,
            "is recorded with PlanActionCompleted, not PlanActionProgressed")
        try check.plan(record, actionStillOpen: action)
        try check.date(progressedOn, "progressedOn", programme: check.programme(of: record.adoption.event.organisation))
        try check.date(progressedOn, "progressedOn", notBefore: record.adoption.event.adoptedOn, "the plan was adopted")
        try check.personal(note, "note", about: .organisationOrItsPeople(record.adoption.event.organisation))
    }
}

extension PlanActionCompleted: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.plan(plan, "plan")
        try check.action(action, of: record, "action")
        try check.plan(record, actionStillOpen: action)
        try check.date(completedOn, "completedOn", programme: check.programme(of: record.adoption.event.organisation))
        try check.date(completedOn, "completedOn", notBefore: record.adoption.event.adoptedOn, "the plan was adopted")
        try check.personal(note, "note", about: .organisationOrItsPeople(record.adoption.event.organisation))
    }
}

extension Checker {
    /// Refuses a change to a plan action that is already completed.
    func plan(_ plan: PlanRecord, actionStillOpen action: String) throws(Violation) {
        if let progress = plan.actionStatus[action], progress.status == .completed {
            throw Violation("action", action, "was already completed on \(progress.on)")
        }
    }
}
