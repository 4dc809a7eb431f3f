/// Dates: a fact lies within its programme's period, not in the future, and not before what it follows.
extension Checker {
    /// How many days after the clock's day a date may lie: a day in Finland starts before it does in UTC.
    static let clockTolerance = 1

    /// Refuses a day after today (allowing ``clockTolerance``) or outside the programme's period.
    ///
    /// `programme` is asked only when the ledger has a programme set up: finding a round's or a training's
    /// programme can walk all its organisations, once for every answer or participation recorded in it.
    func date(_ day: CalendarDate, _ field: String, programme: @autoclosure () -> ProgrammeID?) throws(Violation) {
        try require(day <= today.adding(days: Self.clockTolerance), field, day, "is in the future (today is \(today))")
        guard !ledger.programmes.isEmpty, let programme = programme(), let setUp = ledger.programmes[programme] else {
            return
        }
        try require(
            setUp.startsOn <= day && day <= setUp.endsOn, field, day,
            "is outside the period of programme '\(programme)' (\(setUp.startsOn) – \(setUp.endsOn))")
    }

    /// Refuses a day before `earliest`, the day of what the fact follows.
    func date(_ day: CalendarDate, _ field: String, notBefore earliest: CalendarDate?, _ what: String) throws(Violation)
    {
        guard let earliest else { return }
        try require(day >= earliest, field, day, "is before \(what) (\(earliest))")
    }

    /// The programme an organisation is enrolled in, when known.
    func programme(of organisation: OrganisationRecord) -> ProgrammeID? { organisation.enrolment.event.programme }

    /// The programme of an organisation id, when the organisation and its programme are known.
    func programme(of organisation: OrganisationID) -> ProgrammeID? {
        ledger.organisations[organisation].flatMap { programme(of: $0) }
    }

    /// Refuses an activity of an organisation dated after it withdrew, or before it enrolled.
    func active(_ organisation: OrganisationRecord, on day: CalendarDate, _ field: String) throws(Violation) {
        if let withdrawnOn = organisation.withdrawnOn {
            try require(day <= withdrawnOn, field, organisation.id, "withdrew from the programme on \(withdrawnOn)")
        }
        if let enrolledOn = organisation.enrolment.event.enrolledOn {
            try require(day >= enrolledOn, field, organisation.id, "enrolled only on \(enrolledOn)")
        }
    }
}
