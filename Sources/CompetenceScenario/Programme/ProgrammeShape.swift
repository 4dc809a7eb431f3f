/// The size of a generated programme (see ``ProgrammeFiles``): how many persons in how many organisations
/// answer how many competences in how many waves of surveys, and how many of them train between waves.
///
/// The defaults follow the measured programme (2,000 people × 50 competences × 4 rounds ≈ 400,000
/// events); ``about(events:)`` scales the persons to reach a number of events.
package struct ProgrammeShape: Hashable, Sendable {
    /// Persons (respondents), each registered once and answering every competence in every wave.
    package var persons: Int
    /// Persons per organisation.
    package var personsPerOrganisation = 40
    /// Competences defined and asked.
    package var competences = 50
    /// Survey waves: a baseline, then follow-ups.
    package var waves = 4
    /// Persons per survey file. Each file is one import (one round: a group of organisations in a wave);
    /// with 50 competences, 2,000 persons make a file of 100,000 rows.
    package var personsPerFile = 2_000
    /// Trainings procured per group of organisations before each follow-up wave.
    package var trainingsPerGroup = 8
    /// The share of persons who take part in a training before each follow-up wave.
    package var participationShare = 0.3

    /// A shape of `persons` persons with the other defaults.
    package init(persons: Int) {
        self.persons = max(1, persons)
    }

    /// A shape whose programme has about `events` events (at least one person).
    package static func about(events: Int) -> ProgrammeShape {
        var shape = ProgrammeShape(persons: 1)
        let perPerson = Double(shape.competences * shape.waves) + 1 + Double(shape.waves - 1) * shape.participationShare
        shape.persons = max(1, Int((Double(events) / perPerson).rounded()))
        return shape
    }

    /// Organisations: persons divided among them, rounded up.
    package var organisations: Int { (persons + personsPerOrganisation - 1) / personsPerOrganisation }

    /// Groups of organisations that are surveyed together (one survey file, one round per wave).
    package var groups: Int { (persons + personsPerFile - 1) / personsPerFile }
}
