import Foundation
import Synchronization

/// Subject keys in memory, for tests, demos and ``InMemoryEventStore``: they live as long as the object.
public final class InMemorySubjectKeyStore: SubjectKeyStore {
    private struct State {
        var keys: [DataSubject: SubjectKey] = [:]
        var erased: [DataSubject: Date] = [:]
    }

    private let state = Mutex(State())

    /// An empty key store.
    public init() {}

    public func keys(for subjects: Set<DataSubject>) async throws -> [DataSubject: SubjectKey] {
        try state.withLock { state in
            for subject in subjects.sorted() {
                if let time = state.erased[subject] { throw PersonalDataError.subjectErased(subject, at: time) }
            }
            var found: [DataSubject: SubjectKey] = [:]
            for subject in subjects {
                let key = state.keys[subject] ?? .random()
                state.keys[subject] = key
                found[subject] = key
            }
            return found
        }
    }

    public func keyring() async throws -> SubjectKeyring {
        state.withLock { SubjectKeyring(keys: $0.keys, erased: $0.erased) }
    }

    public func destroyKey(of subject: DataSubject, at time: Date) async throws -> KeyDestruction {
        state.withLock { state in
            if let earlier = state.erased[subject] { return .alreadyErased(at: earlier) }
            state.erased[subject] = time
            return state.keys.removeValue(forKey: subject) == nil ? .noKeyHeld : .destroyed
        }
    }
}
