/// Which of the effect evaluation's three groups a paired person falls in for a competence.
enum TrainingGroup: String, CaseIterable, Hashable, Sendable {
    /// Completed a training targeting the competence after the baseline answer day and on or before the
    /// follow-up answer day.
    case trained
    /// Took part in a training targeting it on or before the follow-up answer day without being trained:
    /// not completed by then, or completed on or before the baseline answer day.
    case attended
    /// No participation in a training targeting it on or before the follow-up answer day.
    case untrained
}

/// Every person's participations in trainings, per competence the training targets, to place a paired person
/// in a `TrainingGroup`.
///
/// A participation's day is the earlier of its completion day and the day it applies to (`recordedOn`);
/// its completion day is `completedOn`, else `recordedOn`.
struct TrainingExposure: Sendable {
    private struct Participation: Sendable {
        var day: CalendarDate
        var completedOn: CalendarDate?
    }

    /// A person and a competence.
    struct Key: Hashable, Sendable {
        var person: PersonID
        var competence: CompetenceID
    }

    private var participations: [Key: [Participation]] = [:]

    init(_ state: LedgerState) {
        for training in state.trainings.values {
            for recorded in training.participations {
                let event = recorded.event
                let completedOn = event.completed ? (event.completedOn ?? event.recordedOn) : nil
                let participation = Participation(
                    day: min(event.recordedOn, completedOn ?? event.recordedOn), completedOn: completedOn)
                for competence in training.procurement.event.competences {
                    participations[
                        Key(person: event.person, competence: competence), default: []
                    ].append(participation)
                }
            }
        }
    }

    /// The group of `key`, whose baseline answer was on `baselineOn` and follow-up answer on `followUpOn`.
    func group(_ key: Key, baselineOn: CalendarDate, followUpOn: CalendarDate) -> TrainingGroup {
        let own = participations[key] ?? []
        if own.contains(where: { $0.completedOn.map { $0 > baselineOn && $0 <= followUpOn } ?? false }) {
            return .trained
        }
        return own.contains { $0.day <= followUpOn } ? .attended : .untrained
    }
}
