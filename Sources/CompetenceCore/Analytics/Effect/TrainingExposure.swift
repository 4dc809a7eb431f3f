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
///
/// Persons and competences are keyed by their numbers in the state's answer table (``AnswerTable``): only
/// persons with answers are ever placed, and a look-up hashes one integer instead of two identifiers (it is
/// made once per paired change: millions at national scale).
struct TrainingExposure: Sendable {
    private struct Participation: Sendable {
        var day: CalendarDate
        var completedOn: CalendarDate?
    }

    /// A person and a competence, by their numbers in the answer table.
    private struct Key: Hashable {
        var person: Int32
        var competence: Int32
    }

    private var participations: [Key: [Participation]] = [:]

    init(_ state: LedgerState) {
        let table = state.answers
        for training in state.trainings.values {
            let competences = training.procurement.event.competences.compactMap {
                table.competences.existingNumber(for: $0)
            }
            guard !competences.isEmpty else { continue }
            for recorded in training.participations {
                let event = recorded.event
                guard let person = table.persons.existingNumber(for: event.person) else { continue }
                let completedOn = event.completed ? (event.completedOn ?? event.recordedOn) : nil
                let participation = Participation(
                    day: min(event.recordedOn, completedOn ?? event.recordedOn), completedOn: completedOn)
                for competence in competences {
                    participations[Key(person: person, competence: competence), default: []].append(participation)
                }
            }
        }
    }

    /// The group of the person numbered `person` on the competence numbered `competence` (the answer table's
    /// numbers), whose baseline answer was on `baselineOn` and follow-up answer on `followUpOn`.
    func group(person: Int32, competence: Int32, baselineOn: CalendarDate, followUpOn: CalendarDate) -> TrainingGroup {
        let own = participations[Key(person: person, competence: competence)] ?? []
        if own.contains(where: { $0.completedOn.map { $0 > baselineOn && $0 <= followUpOn } ?? false }) {
            return .trained
        }
        return own.contains { $0.day <= followUpOn } ? .attended : .untrained
    }
}
