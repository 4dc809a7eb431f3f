/// An event that writes its own JSON payload, byte for byte what ``JSONPayloadCoding/encode(_:)`` writes for its
/// `Encodable` form (members sorted by name, `nil` members left out, no spaces), without `JSONEncoder`: survey
/// answers are nearly every event of an import, and encoding them through `JSONEncoder` was a quarter of a
/// survey import into an empty store.
///
/// A conforming type writes every member itself and holds **no personal data**: the ledger does not look for
/// data subjects to seal in it (``PersonalDataSealer/subjectsToSeal(in:)``). `JSONFastEncodingTests` holds each
/// conformance to `JSONEncoder`'s bytes on random values, so a member added to the type and not written here,
/// or a personal value (which `JSONEncoder` refuses to write unsealed), fails there.
package protocol JSONFastEncodable {
    /// The payload's bytes; `nil` when a text would need escaping (the caller then encodes through
    /// `JSONEncoder`, which escapes it).
    func fastJSON() -> [UInt8]?
}

/// Writes a JSON object member by member, in the order given (the caller gives them sorted by name).
struct JSONObjectWriter {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true
    /// False once a text needed escaping: the object is then not written here.
    private(set) var isPlain = true

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    private mutating func key(_ name: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// A text member; printable ASCII only (other bytes, `"` and `\` clear ``isPlain``).
    mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            if utf8.contains(where: Self.needsEscaping) { isPlain = false }
            bytes.append(contentsOf: utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether a text holding `byte` is left to `JSONEncoder`: `"` and `\`, which it escapes, and anything outside
    /// printable ASCII, whose spelling this writer does not vouch for.
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte > 0x7E || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// An integer member, in decimal.
    mutating func member(_ name: StaticString, _ number: Int) {
        key(name)
        bytes.append(contentsOf: String(number).utf8)
    }

    /// An optional integer member: left out when `nil`.
    mutating func member(_ name: StaticString, _ number: Int?) {
        if let number { member(name, number) }
    }

    /// The object's bytes, or `nil` when a text needed escaping.
    consuming func finish() -> [UInt8]? {
        guard isPlain else { return nil }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}

extension SurveyAnswerRecorded: JSONFastEncodable {
    package func fastJSON() -> [UInt8]? {
        var object = JSONObjectWriter(capacity: 224)
        object.member("answeredOn", answeredOn.description)
        object.member("competence", competence.rawValue)
        object.member("current", current)
        object.member("importance", importance)
        object.member("organisation", organisation.rawValue)
        object.member("perspective", perspective.rawValue)
        object.member("rater", rater.rawValue)
        object.member("respondent", respondent.rawValue)
        object.member("round", round.rawValue)
        object.member("target", target)
        return object.finish()
    }
}
