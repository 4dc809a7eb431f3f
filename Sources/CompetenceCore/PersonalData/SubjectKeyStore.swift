import Foundation

/// Where the keys of data subjects are kept: apart from the event log, so that a backup or an export of the
/// log without them holds no readable personal data, and so that destroying one key erases everything
/// sealed with it without touching the log (crypto-shredding).
///
/// Implementations: ``InMemorySubjectKeyStore``; `FileSubjectKeyStore` (a key file beside a FileStore's
/// segments) and `PostgresSubjectKeyStore` (a table of the store's schema). An implementation promises:
/// - a key is stored durably before ``keys(for:)`` returns it, and the same subject always gets the same key
///   until it is destroyed (concurrent callers included);
/// - ``destroyKey(of:at:)`` removes the key's bytes from the store's live storage before it returns and keeps
///   a tombstone (the subject and the time), so no key is ever made for that subject again;
/// - nothing else ever removes a key.
public protocol SubjectKeyStore: Sendable {
    /// The keys of `subjects`, creating a random key for each subject that has none (stored durably before
    /// this returns).
    ///
    /// - Throws: ``PersonalDataError/subjectErased(_:at:)`` when one of the subjects was erased (no key is
    ///   created then); the store's own errors.
    func keys(for subjects: Set<DataSubject>) async throws -> [DataSubject: SubjectKey]

    /// Every key and every tombstone, as stored now: what reports open personal data with.
    func keyring() async throws -> SubjectKeyring

    /// Destroys the key of `subject` and keeps a tombstone dated `time`; a subject without a key gets the
    /// tombstone too, so none is made later.
    func destroyKey(of subject: DataSubject, at time: Date) async throws -> KeyDestruction
}

/// What destroying a subject's key found.
public enum KeyDestruction: Sendable, Hashable, CustomStringConvertible {
    /// The key existed and is gone.
    case destroyed
    /// The subject had no key (nothing was ever sealed about it); the tombstone keeps one from being made.
    case noKeyHeld
    /// The subject was erased before, at that time; nothing changed.
    case alreadyErased(at: Date)

    public var description: String {
        switch self {
        case .destroyed: "key destroyed"
        case .noKeyHeld: "no key was held; none will be made"
        case .alreadyErased(let time): "already erased at \(EventTime.format(time))"
        }
    }
}
