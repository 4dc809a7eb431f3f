import Foundation
import Synchronization

/// Seals drafts of ``Personal`` values with their subjects' keys while an event is encoded: the ledger puts
/// one into the encoder's `userInfo` (``userInfoKey``) for the events of one recording, holding the keys of
/// exactly the subjects those events name.
struct PersonalDataSealer: Sendable {
    static let userInfoKey = CodingUserInfoKey(rawValue: "competence-ledger.personal-data-sealer")!
    /// Set by encoders that inspect an event instead of writing it (the text rule's walker): ``Personal``
    /// shows them its value in clear, when it has one, as a plain value.
    static let inspectionKey = CodingUserInfoKey(rawValue: "competence-ledger.personal-data-inspection")!
    /// Set to a ``PersonalSubjectCollector`` by the encoding that finds the subjects a recording must seal
    /// about: ``Personal`` reports its subject there and writes nothing.
    static let collectionKey = CodingUserInfoKey(rawValue: "competence-ledger.personal-data-collection")!

    /// The subjects of every value of `events` that is not sealed yet (drafts, values recorded in clear). Events
    /// that write their own payload (``JSONFastEncodable``: survey answers) hold no personal data and are not
    /// encoded to look.
    static func subjectsToSeal(in events: [any LedgerEvent]) throws -> Set<DataSubject> {
        let collector = PersonalSubjectCollector()
        let encoder = JSONEncoder()
        encoder.userInfo[collectionKey] = collector
        for event in events where !(event is any JSONFastEncodable) { _ = try encoder.encode(event) }
        return collector.subjects.withLock { $0 }
    }

    let keys: [DataSubject: SubjectKey]

    /// The sealed bytes of `value` about `subject`.
    func seal<Value: PersonalValue>(_ value: Value, about subject: DataSubject) throws -> Data {
        guard let key = keys[subject] else { throw PersonalDataError.notSealed(subject: subject) }
        return try PersonalCipher.seal(value, about: subject, key: key)
    }
}

/// Where ``Personal`` values report the subjects they need sealing for (see
/// ``PersonalDataSealer/subjectsToSeal(in:)``).
final class PersonalSubjectCollector: Sendable {
    let subjects = Mutex<Set<DataSubject>>([])
}
