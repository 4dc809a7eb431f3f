// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// The personal data of a data subject was erased: the subject's key was destroyed, so every ``Personal``
/// value sealed about it is unreadable from now on. The event holds no erased data — only whom it concerns
/// (a pseudonymous person id or an organisation id) and the day. Counts and levels recorded under the
/// subject's id stay (see `Docs/Personal-Data.md`).
public struct DataSubjectErased: LedgerEvent {
    public static let eventType = "DataSubjectErased"

    /// Whose personal data was erased.
    public var subject: DataSubject
    /// The day it was erased.
    public var erasedOn: CalendarDate

    /// Creates the event.
    public init(subject: DataSubject, erasedOn: CalendarDate) {
        self.subject = subject
        self.erasedOn = erasedOn
    }

    public var stream: StreamName { subject.stream }
    public var occurredOn: CalendarDate? { erasedOn }
}
