import Foundation

/// A snapshot of a ``SubjectKeyStore``: the keys and the erased subjects. It is what opens ``Personal``
/// values — reports, timelines and the tool read personal data through it and nothing else.
public struct SubjectKeyring: Sendable, Hashable {
    /// The keys by subject.
    public private(set) var keys: [DataSubject: SubjectKey]
    /// The erased subjects and when they were erased (from the key store's tombstones and, through
    /// ``noting(erasures:)``, from the log's erasure events).
    public private(set) var erased: [DataSubject: Date]

    /// A keyring holding `keys`, with `erased` subjects.
    public init(keys: [DataSubject: SubjectKey] = [:], erased: [DataSubject: Date] = [:]) {
        self.keys = keys
        self.erased = erased
        for subject in erased.keys { self.keys[subject] = nil }
    }

    /// No keys: every sealed value reads as ``PersonalReading/sealed``.
    public static let empty = SubjectKeyring()

    /// This keyring, also treating as erased the subjects whose erasure the log records (even if a restored
    /// key backup still holds their key).
    public func noting(erasures: [DataSubject: CalendarDate]) -> SubjectKeyring {
        var copy = self
        for (subject, day) in erasures where copy.erased[subject] == nil {
            copy.erased[subject] = day.startOfDay
            copy.keys[subject] = nil
        }
        return copy
    }

    /// Opens `value`.
    public func open<Value>(_ value: Personal<Value>) -> PersonalReading<Value> {
        if let subject = value.subject, erased[subject] != nil { return .erased }
        switch value.content {
        case .unsealed(let clear), .recordedInClear(let clear):
            return .value(clear)
        case .sealed(let bytes):
            guard let subject = value.subject, let key = keys[subject] else { return .sealed }
            guard let opened = try? PersonalCipher.open(bytes, as: Value.self, about: subject, key: key) else {
                return .unreadable
            }
            return .value(opened)
        }
    }

    /// The text as reports show it: the text itself, or `[erased]`, `[sealed]` (no key at hand) or
    /// `[unreadable]` (the sealed bytes do not open with the subject's key).
    public func text(_ value: PersonalText) -> String {
        switch open(value) {
        case .value(let text): text
        case .erased: PersonalReading<String>.erasedMark
        case .sealed: PersonalReading<String>.sealedMark
        case .unreadable: PersonalReading<String>.unreadableMark
        }
    }

    /// ``text(_:)`` of an optional value; `nil` stays `nil`.
    public func text(_ value: PersonalText?) -> String? { value.map(text) }
}

/// What opening a ``Personal`` value gave.
public enum PersonalReading<Value: PersonalValue>: Hashable, Sendable {
    /// The value.
    case value(Value)
    /// Its subject was erased: the key is destroyed (or the log records the erasure).
    case erased
    /// No key for its subject is at hand (a history moved without its keys, a reader without access to them).
    case sealed
    /// The sealed bytes do not open with the subject's key (changed bytes, or another store's key).
    case unreadable

    /// How reports show an erased value.
    public static var erasedMark: String { "[erased]" }
    /// How reports show a sealed value without its key.
    public static var sealedMark: String { "[sealed]" }
    /// How reports show a value whose sealed bytes do not open.
    public static var unreadableMark: String { "[unreadable]" }
}
