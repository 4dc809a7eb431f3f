// Validation rules of voidings. The checks are in Validation/Checker+*.swift.

extension EventVoided: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        guard let voided = check.state.event(voidedEventID) else {
            throw Violation("voidedEventID", voidedEventID, "is not a recorded event")
        }
        try check.require(
            voided.stream == voidedStream, "voidedStream", voidedStream,
            "is not the stream of event \(voidedEventID), which is '\(voided.stream)'")
        try check.require(
            !check.ledger.voidedEventIDs.contains(voidedEventID), "voidedEventID", voidedEventID, "is already voided")
        try check.require(
            voided.isVoidable == true, "voidedEventID", voidedEventID,
            "is a \(voided.type), which cannot be voided (definitions, state changes, corrections and voidings stay; "
                + "record a correcting event instead)")
        try check.date(voidedOn, "voidedOn", programme: nil)
        try check.text(reason, "reason")
    }
}
