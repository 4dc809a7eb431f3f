import Crypto
import Foundation

extension CompetenceLedger {
    /// Erases the personal data of `subject` by crypto-shredding: destroys the subject's key in the ledger's
    /// key store (keeping a tombstone, so no key is made for it again) and records a ``DataSubjectErased``
    /// holding only the subject and the day. Every ``Personal`` value sealed about the subject reads as
    /// `[erased]` from then on; the sealed bytes stay in the log, so the history chain still verifies.
    ///
    /// The key is destroyed first: if recording the event fails afterwards, the data is already unreadable and
    /// calling again records the event. Calling it for a subject already erased destroys nothing and records
    /// nothing more.
    ///
    /// - Throws: ``LedgerValidationError`` when the subject is unknown to the ledger (nothing is destroyed then);
    ///   ``RecordingError/personalDataWithoutKeyStore(subjects:)`` without a key store; the stores' errors.
    @discardableResult
    public func erase(_ subject: DataSubject, on day: CalendarDate) async throws -> ErasureReceipt {
        let state = try await state()
        if let earlier = state.erasedSubjects[subject] {
            let destruction = try await keyStore(for: subject).destroyKey(of: subject, at: clock())
            return ErasureReceipt(subject: subject, erasedOn: earlier, key: destruction, position: nil)
        }
        guard state.knows(subject) else {
            throw LedgerValidationError(
                eventIndex: 0, eventType: DataSubjectErased.eventType, field: "subject", value: subject.description,
                reason: Self.unknownSubjectReason)
        }
        let destruction = try await keyStore(for: subject).destroyKey(of: subject, at: clock())
        let receipt = try await record(
            DataSubjectErased(subject: subject, erasedOn: day), id: Self.erasureID(of: subject))
        return ErasureReceipt(subject: subject, erasedOn: day, key: destruction, position: receipt.lastPosition)
    }

    /// The ledger's key store; refuses without one.
    private func keyStore(for subject: DataSubject) throws -> any SubjectKeyStore {
        guard let keys else { throw RecordingError.personalDataWithoutKeyStore(subjects: [subject]) }
        return keys
    }

    /// Why an erasure of a subject the ledger does not know is refused.
    static let unknownSubjectReason =
        "is neither a registered person, an enrolled organisation nor a forum stakeholder's subject"

    /// The id of a subject's erasure event: derived from the subject (SHA-256, as a version 8 UUID), so a
    /// repeated erasure is recognised as recorded.
    static func erasureID(of subject: DataSubject) -> UUID {
        var bytes = Array(SHA256.hash(data: Data("DataSubjectErased \(subject)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

/// What ``CompetenceLedger/erase(_:on:)`` did.
public struct ErasureReceipt: Sendable, Hashable, CustomStringConvertible {
    /// Whose personal data was erased.
    public var subject: DataSubject
    /// The day of the erasure (an earlier one when it had been erased before).
    public var erasedOn: CalendarDate
    /// What happened to the key.
    public var key: KeyDestruction
    /// The position of the recorded ``DataSubjectErased``; `nil` when it had been recorded before.
    public var position: Int64?

    public var description: String {
        let recorded = position.map { "erasure recorded at position \($0)" } ?? "erasure recorded earlier"
        return "\(subject): \(key); \(recorded) (\(erasedOn))"
    }
}
