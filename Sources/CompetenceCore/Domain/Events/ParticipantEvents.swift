// The event catalogue: see Docs/Event-Catalogue.md. Every type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// A participant's ESF-style data (gender, age band, education, labour-market status, disadvantage flags) at
/// entry to or exit from the programme. Person-level data: all of it is in ``profile``, sealed with the
/// person's key, so that erasing the person (`competence erase person ID`) makes it unreadable.
public struct ParticipantDataRecorded: LedgerEvent {
    public static let eventType = "ParticipantDataRecorded"
    /// Version 2: `profile` is personal data sealed with the person's key (version 1 held it in clear).
    public static let schemaVersion = 2

    /// The participant (a registered person).
    public var person: PersonID
    /// Entry or exit.
    public var stage: ParticipantStage
    /// The day the data describe.
    public var recordedOn: CalendarDate
    /// The participant's data: personal data about ``person``, opened with a ``SubjectKeyring``.
    public var profile: Personal<ParticipantProfile>

    /// Creates the event; `profile` is a draft about `person`, sealed by ``CompetenceLedger`` when it records
    /// the event.
    public init(person: PersonID, stage: ParticipantStage, recordedOn: CalendarDate, profile: ParticipantProfile) {
        self.init(
            person: person, stage: stage, recordedOn: recordedOn, profile: Personal(profile, about: .person(person)))
    }

    /// Creates the event with a personal profile as it is (sealed, recorded in clear, or a draft).
    public init(
        person: PersonID, stage: ParticipantStage, recordedOn: CalendarDate, profile: Personal<ParticipantProfile>
    ) {
        self.person = person
        self.stage = stage
        self.recordedOn = recordedOn
        self.profile = profile
    }

    public var stream: StreamName { person.stream }
    public var occurredOn: CalendarDate? { recordedOn }
}
