// The event catalogue: see Docs/Event-Catalogue.md. Every type is a `LedgerEvent`, schema version 1.
import Foundation

/// A participant's ESF-style data (gender, age band, education, labour-market status, disadvantage flags) at
/// entry to or exit from the programme. Person-level data: all of it is in ``profile``.
public struct ParticipantDataRecorded: LedgerEvent {
    public static let eventType = "ParticipantDataRecorded"

    /// The participant (a registered person).
    public var person: PersonID
    /// Entry or exit.
    public var stage: ParticipantStage
    /// The day the data describe.
    public var recordedOn: CalendarDate
    /// The participant's data.
    public var profile: ParticipantProfile

    /// Creates the event.
    public init(person: PersonID, stage: ParticipantStage, recordedOn: CalendarDate, profile: ParticipantProfile) {
        self.person = person
        self.stage = stage
        self.recordedOn = recordedOn
        self.profile = profile
    }

    public var stream: StreamName { person.stream }
    public var occurredOn: CalendarDate? { recordedOn }
}
