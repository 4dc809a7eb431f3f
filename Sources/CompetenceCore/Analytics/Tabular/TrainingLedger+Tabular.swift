extension ParticipantFigures {
    /// `participants,completed,completion_rate,attended_hours`.
    static let columns = ["participants", "completed", "completion_rate", "attended_hours"]

    var cells: [String] {
        [
            CellFormat.count(participants), CellFormat.count(completed), CellFormat.number(completionRate),
            CellFormat.number(attendedHours),
        ]
    }
}

extension TrainingRow: TableRow {
    /// `training,title,provider,kind,competences,organisations,procured_on,cost_eur,hours,sessions,session_hours,`
    /// `participants,completed,completion_rate,attended_hours,cost_per_participant_hour,suppressed`.
    public static let columns =
        [
            "training", "title", "provider", "kind", "competences", "organisations", "procured_on", "cost_eur", "hours",
            "sessions", "session_hours",
        ]
        + ParticipantFigures.columns + ["cost_per_participant_hour", "suppressed"]

    public var cells: [String] {
        [
            training.rawValue, CellFormat.text(title), CellFormat.text(provider), kind.rawValue,
            CellFormat.list(competences.map(\.rawValue)), CellFormat.list(organisations.map(\.rawValue)),
            CellFormat.day(procuredOn), CellFormat.euros(cents: costCents), CellFormat.number(hours), String(sessions),
            CellFormat.number(sessionHours),
        ] + participation.cells + [
            CellFormat.number(costPerParticipantHour), CellFormat.flag(participation.suppressed),
        ]
    }
}

extension OrganisationTrainingRow: TableRow {
    /// `organisation,trainings,participants,completed,completion_rate,attended_hours,suppressed`.
    public static let columns = ["organisation", "trainings"] + ParticipantFigures.columns + ["suppressed"]

    public var cells: [String] {
        [organisation.rawValue, String(trainings)] + participation.cells + [CellFormat.flag(participation.suppressed)]
    }
}

extension CompetenceTrainingRow: TableRow {
    /// `competence,trainings,cost_eur,hours,participants,completed,completion_rate,attended_hours,suppressed`.
    public static let columns =
        ["competence", "trainings", "cost_eur", "hours"] + ParticipantFigures.columns + ["suppressed"]

    public var cells: [String] {
        [
            competence.rawValue, String(trainings), CellFormat.euros(cents: costCentsShare),
            CellFormat.number(hoursShare),
        ]
            + participation.cells + [CellFormat.flag(participation.suppressed)]
    }
}

extension CoverageRow: TableRow {
    /// `organisation,rank,competence,mean_gap,priority,covered,trainings`.
    public static let columns = ["organisation", "rank", "competence", "mean_gap", "priority", "covered", "trainings"]

    public var cells: [String] {
        [
            organisation.rawValue, String(rank), competence.rawValue, CellFormat.number(meanGap),
            CellFormat.number(priority),
            CellFormat.flag(covered), CellFormat.list(trainings.map(\.rawValue)),
        ]
    }
}
