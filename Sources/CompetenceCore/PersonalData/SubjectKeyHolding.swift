/// An event store that keeps the keys of its data subjects beside its log (a FileStore's key file, a
/// PostgreSQL store's key table, an in-memory store's own keys).
///
/// ``CompetenceLedger`` seals personal data with these keys and ``AnalyticsReports`` opens it with them when
/// no other key store is given, so recording and reporting through a store that holds keys needs no wiring.
public protocol SubjectKeyHolding: EventStore {
    /// The store's key store: apart from its log, created with private permissions.
    var subjectKeys: any SubjectKeyStore { get }
}

extension EventStore {
    /// The store's own key store when it holds one (``SubjectKeyHolding``); `nil` otherwise.
    public var heldSubjectKeys: (any SubjectKeyStore)? { (self as? any SubjectKeyHolding)?.subjectKeys }
}
