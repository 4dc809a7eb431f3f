import Foundation
import Synchronization

/// What can be kept as personal data: free text, or a person-level attribute such as an age band. Any plain
/// `Codable` value (a string, a raw-value enum, a small struct); it is sealed as its JSON form.
public protocol PersonalValue: Codable, Hashable, Sendable {}

extension String: PersonalValue {}

/// Personal data about one ``DataSubject`` in an event: the only form free text about persons (plan
/// descriptions, comments, interview notes, stakeholder names) and person-level attributes take in the
/// catalogue.
///
/// Promises:
/// - **Never stored in clear.** A value made with ``init(_:about:)`` is a draft that only
///   ``CompetenceLedger`` can write: when it records the event it seals the value with the subject's key
///   (AES-256-GCM, a ``SubjectKeyStore`` apart from the log) and the payload holds only the subject and the
///   sealed bytes. Encoding a draft in any other way throws ``PersonalDataError/notSealed(subject:)``, and a
///   payload of the current schema that holds text where sealed bytes belong does not decode.
/// - **Opened only with the key.** Reading the value takes a ``SubjectKeyring`` (``SubjectKeyring/open(_:)``):
///   once the subject's key is destroyed (`competence erase`), every value about it reads as erased, while
///   the sealed bytes stay in the log, so the history chain still verifies.
/// - Values recorded in clear by an earlier version (schema version 1 of the event types that now hold
///   `Personal` fields) decode as ``isRecordedInClear``: readable until their subject is erased, after which
///   they read as erased too, though their bytes stay in the log files until the history is migrated
///   (`Docs/Personal-Data.md`).
public struct Personal<Value: PersonalValue>: Hashable, Sendable {
    enum Content: Hashable, Sendable {
        /// Sealed with the subject's key (``PersonalCipher``'s layout).
        case sealed(Data)
        /// A draft: sealed by the ledger when the event is recorded.
        case unsealed(Value)
        /// Recorded in clear by an earlier version of the catalogue (read through an upcaster).
        case recordedInClear(Value)
    }

    /// Whom the value is about; `nil` only for a value recorded in clear by an earlier version that named no
    /// subject for it (an anonymous comment).
    public let subject: DataSubject?
    let content: Content

    /// A value about `subject`, to be sealed by ``CompetenceLedger`` when it records the event holding it.
    public init(_ value: Value, about subject: DataSubject) {
        self.subject = subject
        content = .unsealed(value)
    }

    init(subject: DataSubject?, content: Content) {
        self.subject = subject
        self.content = content
    }

    /// A value an earlier version recorded in clear, as an upcaster reads it.
    static func recordedInClear(_ value: Value, about subject: DataSubject?) -> Self {
        Self(subject: subject, content: .recordedInClear(value))
    }

    /// True when the value is sealed (read back from a payload of the current schema).
    public var isSealed: Bool {
        if case .sealed = content { return true }
        return false
    }

    /// True when an earlier version recorded the value in clear (schema version 1 of its event type).
    public var isRecordedInClear: Bool {
        if case .recordedInClear = content { return true }
        return false
    }

    /// The sealed bytes (version byte, nonce, ciphertext, tag), when sealed: what the payload holds.
    public var sealedBytes: Data? {
        if case .sealed(let bytes) = content { return bytes }
        return nil
    }

    /// The value in clear when it is a draft or was recorded in clear; `nil` when sealed. For the ledger's
    /// text rules and for sealing, inside this module only.
    var valueInClear: Value? {
        switch content {
        case .sealed: nil
        case .unsealed(let value), .recordedInClear(let value): value
        }
    }
}

/// Personal free text: a plan description, a comment, an interview note, a stakeholder's name.
public typealias PersonalText = Personal<String>

extension Personal: Codable {
    private enum CodingKeys: String, CodingKey {
        case subject
        case sealed
    }

    /// Reads the sealed form `{"sealed": BASE64, "subject": "person:ID"}` (compact: the subject, then the
    /// base64 text). Text in clear is refused: only sealed values are stored under the current schema.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let subject = try container.decode(DataSubject.self, forKey: .subject)
        let text = try container.decode(String.self, forKey: .sealed)
        guard let bytes = Data(base64Encoded: text), PersonalCipher.isWellFormed(bytes) else {
            throw DecodingError.dataCorruptedError(
                forKey: .sealed, in: container,
                debugDescription: "personal data of \(subject) is not sealed bytes (base64 of a sealed box)")
        }
        self.init(subject: subject, content: .sealed(bytes))
    }

    /// Writes the sealed form. A draft (or a value recorded in clear) is sealed on the way when the encoder
    /// carries the ledger's sealer; otherwise encoding throws ``PersonalDataError/notSealed(subject:)``.
    public func encode(to encoder: any Encoder) throws {
        if encoder.userInfo[PersonalDataSealer.inspectionKey] != nil {
            guard let clear = valueInClear else { return }
            var container = encoder.singleValueContainer()
            try container.encode(clear)
            return
        }
        if let collector = encoder.userInfo[PersonalDataSealer.collectionKey] as? PersonalSubjectCollector {
            guard let subject else { throw PersonalDataError.notSealed(subject: nil) }
            if !isSealed { collector.subjects.withLock { _ = $0.insert(subject) } }
            var container = encoder.singleValueContainer()
            try container.encodeNil()
            return
        }
        let bytes: Data
        switch content {
        case .sealed(let sealed):
            bytes = sealed
        case .unsealed(let value), .recordedInClear(let value):
            guard let subject, let sealer = encoder.userInfo[PersonalDataSealer.userInfoKey] as? PersonalDataSealer
            else { throw PersonalDataError.notSealed(subject: subject) }
            bytes = try sealer.seal(value, about: subject)
        }
        guard let subject else { throw PersonalDataError.notSealed(subject: nil) }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(bytes.base64EncodedString(), forKey: .sealed)
    }
}
