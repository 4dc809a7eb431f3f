// Validation rules of survey rounds and answers. The checks are in Validation/Checker+*.swift.

extension SurveyRoundOpened: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.new(round, "round", existing: check.ledger.rounds[round], "opened")
        if let programme { try check.programme(programme, "programme") }
        let records = try check.organisations(organisations, "organisations")
        for (index, organisation) in records.enumerated() {
            try check.active(organisation, on: opensOn, "organisations[\(index)]")
            if let programme, let enrolledIn = check.programme(of: organisation) {
                try check.require(
                    enrolledIn == programme, "organisations[\(index)]", organisation.id,
                    "is enrolled in programme '\(enrolledIn)', not '\(programme)'")
            }
        }
        try check.competences(competences, "competences", activeOn: opensOn)
        try check.date(
            opensOn, "opensOn", programme: programme ?? records.lazy.compactMap { check.programme(of: $0) }.first)
    }
}

extension SurveyRoundClosed: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.round(round, "round")
        try check.once(record.closedOn, "round", round, "closed")
        try check.date(closedOn, "closedOn", programme: check.programme(of: record))
        try check.date(closedOn, "closedOn", notBefore: record.opening.event.opensOn, "the round opened")
    }
}

extension SurveyAnswerRecorded: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let roundRecord = try check.round(round, "round")
        let opening = roundRecord.opening.event
        if let closedOn = roundRecord.closedOn {
            throw Violation("round", round, "was closed on \(closedOn); it takes no more answers")
        }
        let person = try check.person(respondent, "respondent")
        let organisationRecord = try check.organisation(organisation, "organisation")
        try check.person(person, belongsTo: organisation, "organisation")
        try check.require(
            opening.organisations.contains(organisation), "organisation", organisation,
            "is not surveyed in round '\(round)'")
        let competenceRecord = try check.competence(competence, "competence", activeOn: answeredOn)
        try check.require(
            opening.competences.contains(competence), "competence", competence, "is not asked in round '\(round)'")
        try check.level(current, on: competenceRecord, "current")
        try check.level(target, on: competenceRecord, "target")
        try check.rating(importance, "importance")
        try check.date(answeredOn, "answeredOn", programme: check.programme(of: roundRecord))
        try check.date(answeredOn, "answeredOn", notBefore: opening.opensOn, "the round opened")
        try check.active(organisationRecord, on: answeredOn, "organisation")
        if perspective == .retrospectivePre {
            try check.require(
                roundRecord.kind == .followUp, "perspective", perspective.rawValue,
                "is a then-test rating, given at follow-up; round '\(round)' is a \(roundRecord.kind.rawValue) round")
        }
        if let earlier = check.state.answerID(sameKeyAs: self) {
            let perspectiveNote = perspective == .current ? "" : ", \(perspective.rawValue)"
            throw Violation(
                "competence", competence,
                "is already answered by '\(respondent)' (\(rater.rawValue) rating\(perspectiveNote)) in round "
                    + "'\(round)' as event \(earlier); "
                    + "record a SurveyAnswerCorrected instead")
        }
    }
}

extension SurveyAnswerCorrected: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let roundRecord = try check.round(round, "round")
        guard let answer = check.ledger.answers[eventID: answerEventID]?.event else {
            throw Violation("answerEventID", answerEventID, "is not a recorded (and not voided) survey answer")
        }
        try check.require(
            answer.round == round, "round", round,
            "is not the round of answer \(answerEventID), which is '\(answer.round)'")
        let competence = try check.competence(answer.competence, "answerEventID")
        try check.level(current, on: competence, "current")
        try check.level(target, on: competence, "target")
        try check.rating(importance, "importance")
        try check.date(correctedOn, "correctedOn", programme: check.programme(of: roundRecord))
        try check.date(correctedOn, "correctedOn", notBefore: answer.answeredOn, "the answer")
        if let answeredOn {
            try check.date(answeredOn, "answeredOn", programme: check.programme(of: roundRecord))
            try check.date(answeredOn, "answeredOn", notBefore: answer.answeredOn, "the answer it supersedes")
            try check.require(
                answeredOn <= correctedOn, "answeredOn", answeredOn,
                "is after the correction's day \(correctedOn); a superseding answer is recorded on or after its day")
        }
        try check.personal(reason, "reason", about: .person(answer.respondent))
    }
}

extension Checker {
    /// The programme of a round: named by the round, or that of its first organisation with a known programme.
    func programme(of round: RoundRecord) -> ProgrammeID? {
        let opening = round.opening.event
        return opening.programme ?? opening.organisations.lazy.compactMap { self.programme(of: $0) }.first
    }
}
