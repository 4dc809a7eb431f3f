/// The persons the programme indicators count: the one place they are gathered, for the indicators and for
/// their cells in the public disclosure pass.
struct IndicatorPersons: Sendable {
    /// Registered, surveyed, taking part in a training or giving feedback.
    let involved: Set<PersonID>
    /// With at least one survey answer.
    let surveyed: Set<PersonID>
    /// Taking part in at least one training.
    let participants: Set<PersonID>
    /// Completing at least one training.
    let trained: Set<PersonID>

    /// The persons of `state`.
    init(state: LedgerState) {
        let participations = state.trainings.values.flatMap { $0.participations.map(\.event) }
        surveyed = state.answers.respondents
        participants = Set(participations.map(\.person))
        trained = Set(participations.filter(\.completed).map(\.person))
        involved = Set(state.persons.keys).union(surveyed).union(participants)
            .union(state.trainings.values.flatMap { $0.feedback.compactMap(\.event.person) })
    }

    /// The indicator cells of the disclosure pass: persons involved, surveyed and trained (the participant
    /// total is the trainings' `all` cell, ``TrainingDisclosure``).
    var cells: DisclosureCells {
        DisclosureCells(counts: [
            Self.cell(.personsInvolved): involved.count, Self.cell(.personsSurveyed): surveyed.count,
            Self.cell(.personsTrained): trained.count,
        ])
    }

    /// The cell of the indicator `key`.
    static func cell(_ key: ProgrammeIndicators.CodingKeys) -> SuppressionCell {
        SuppressionCell("indicators", key.stringValue)
    }
}
