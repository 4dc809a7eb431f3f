import Foundation

/// Why personal data could not be sealed, opened or kept.
public enum PersonalDataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A ``Personal`` value was to be written unsealed: only ``CompetenceLedger`` (with a
    /// ``SubjectKeyStore``) writes personal data, and it writes it sealed.
    case notSealed(subject: DataSubject?)
    /// The subject was erased at that time: no key is made for it again and nothing is sealed about it.
    case subjectErased(DataSubject, at: Date)
    /// Sealed bytes of that subject do not open with its key.
    case unreadable(subject: DataSubject)
    /// The key store's storage could not be read or written (the path or table and what went wrong).
    case keyStorage(place: String, reason: String)

    public var description: String {
        switch self {
        case .notSealed(let subject):
            "personal data\(subject.map { " about \($0)" } ?? "") would be written unsealed: personal data is "
                + "recorded only through CompetenceLedger with a key store, which seals it"
        case .subjectErased(let subject, let time):
            "\(subject) was erased at \(EventTime.format(time)); no personal data about it can be recorded"
        case .unreadable(let subject):
            "personal data about \(subject) does not open with its key (changed bytes or another key)"
        case .keyStorage(let place, let reason):
            "subject keys at \(place): \(reason)"
        }
    }
}
