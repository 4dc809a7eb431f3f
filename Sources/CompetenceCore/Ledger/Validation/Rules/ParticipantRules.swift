// Validation rules of participant data. The checks are in Validation/Checker+*.swift.

extension ParticipantDataRecorded: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let participant = try check.person(person, "person")
        let record = check.ledger.participantData[person]
        try check.once(
            record?.fact(at: stage)?.event.recordedOn, "stage", stage.rawValue, "recorded for person '\(person)'")
        try check.date(recordedOn, "recordedOn", programme: check.programme(of: participant.organisation))
        if stage == .exit {
            guard let entry = record?.entry else {
                throw Violation("stage", stage.rawValue, "has no entry record before it for person '\(person)'")
            }
            try check.date(recordedOn, "recordedOn", notBefore: entry.event.recordedOn, "the entry record")
        }
        try check.personal(profile, "profile", about: .person(person))
        if let clear = profile.valueInClear {
            try check.distinct(clear.disadvantages.map(\.rawValue), "profile.disadvantages")
        }
    }
}
